import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { formatMoney, formatRatio } from '../../format';

/** The sell-through lines linked to a channel auto-risk (窜货 / 乱价), shown in the risk form. */
export function RiskEvidence({ riskId }: { riskId: number }) {
  const { t } = useTranslation(['inventory']);
  const evidence = useOp('inventory.riskEvidence', { riskId });
  const data = evidence.data;
  if (!data?.kind) return null;
  const cross = data.kind === 'crossTerritory';
  const money = (v: number | null) => (v == null ? '' : formatMoney(v));
  return (
    <div className="span2" data-testid="risk-evidence">
      <h2>{t('inventory:riskEvidence.title', { count: data.lines.length })}</h2>
      <p className="muted">{t(`inventory:evidence.${data.kind}Help`)}</p>
      {data.lines.length === 0 ? (
        <p className="muted">{t('inventory:riskEvidence.none')}</p>
      ) : (
        <table className="risk-actions-table">
          <thead>
            <tr>
              <th>{t('inventory:col.date')}</th>
              <th>{t('inventory:col.product')}</th>
              <th>{t('inventory:col.customer')}</th>
              <th>{t('inventory:col.orderRef')}</th>
              <th>{t('inventory:col.quantity')}</th>
              <th>{t('inventory:col.amount')}</th>
              {cross ? <th>{t('inventory:col.customerProvince')}</th> : <th>{t('inventory:col.unitPrice')}</th>}
              {cross ? <th>{t('inventory:col.partnerTerritory')}</th> : <th>{t('inventory:col.floorPrice')}</th>}
              {!cross && <th>{t('inventory:col.underFloor')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.lines.slice(0, 200).map((l) => (
              <tr key={l.id}>
                <td>{l.date}</td>
                <td>{l.productCode} {l.productName}</td>
                <td>{l.customerName ?? l.customerRef ?? ''}</td>
                <td>{l.orderRef ?? ''}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{money(l.amountMinor)}</td>
                {cross ? <td>{l.provinceName ?? l.customerProvince ?? ''}</td> : <td className="num">{money(l.unitPriceMinor)}</td>}
                {cross ? <td>{l.territoryName ?? ''}</td> : <td className="num">{money(l.floorPriceMinor)}</td>}
                {!cross && <td className="num">{formatRatio(l.underFloor)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.lines.length > 200 && <p className="muted">{t('inventory:riskEvidence.more', { count: data.lines.length - 200 })}</p>}
    </div>
  );
}
