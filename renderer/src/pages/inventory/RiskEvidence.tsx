import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceLine } from '../../../../electron/contract/inventory';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { formatMoney, formatRatio } from '../../format';
import { inLanguage } from './inLanguage';

const money = (v: number | null | undefined) => (v == null ? '' : formatMoney(v));

/**
 * The sell-through lines linked to a channel auto-risk (窜货 / 乱价), shown in the risk form: every line, in a grid that
 * scrolls (a risk can hold thousands), with the grid export writing all of them.
 */
export function RiskEvidence({ riskId }: { riskId: number }) {
  const { t, i18n } = useTranslation(['inventory']);
  const zh = i18n.language.startsWith('zh');
  const evidence = useOp('inventory.riskEvidence', { riskId });
  const data = evidence.data;
  const cross = data?.kind === 'crossTerritory';
  const columns = useMemo<ColDef<EvidenceLine>[]>(
    () => [
      { field: 'date', headerName: t('inventory:col.date'), width: 110 },
      { field: 'productCode', headerName: t('inventory:col.product'), width: 110 },
      { field: 'productName', headerName: t('inventory:col.productName'), width: 160, ...inLanguage<EvidenceLine>(zh, 'productName', 'productNameEn') },
      // What proves the finding first: the customer's province against the partner's territory, the price against the floor.
      ...(cross
        ? ([
            {
              field: 'provinceName',
              headerName: t('inventory:col.customerProvince'),
              width: 120,
              valueGetter: (p) => (!zh && p.data?.provinceNameEn) || p.data?.provinceName || p.data?.customerProvince || '',
              context: { export: { fields: zh ? ['provinceName', 'customerProvince'] : ['provinceNameEn', 'provinceName', 'customerProvince'], pick: 'first' } },
            },
            { field: 'territoryName', headerName: t('inventory:col.partnerTerritory'), width: 120, ...inLanguage<EvidenceLine>(zh, 'territoryName', 'territoryNameEn') },
          ] as ColDef<EvidenceLine>[])
        : ([
            { field: 'unitPriceMinor', headerName: t('inventory:col.unitPrice'), width: 100, type: 'rightAligned', valueFormatter: (p) => money(p.value) },
            { field: 'floorPriceMinor', headerName: t('inventory:col.floorPrice'), width: 100, type: 'rightAligned', valueFormatter: (p) => money(p.value) },
            { field: 'underFloor', headerName: t('inventory:col.underFloor'), width: 100, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value) },
          ] as ColDef<EvidenceLine>[])),
      { field: 'customerRef', headerName: t('inventory:col.customer'), width: 110 },
      { field: 'customerName', headerName: t('inventory:col.customerName'), width: 140 },
      { field: 'orderRef', headerName: t('inventory:col.orderRef'), width: 120 },
      { field: 'quantity', headerName: t('inventory:col.quantity'), width: 105, type: 'rightAligned', context: { export: { kind: 'number' } } },
      { field: 'amountMinor', headerName: t('inventory:col.amount'), width: 110, type: 'rightAligned', valueFormatter: (p) => money(p.value) },
    ],
    [t, cross, zh],
  );
  if (!data?.kind) return null;
  return (
    <div className="span2" data-testid="risk-evidence">
      <h2>{t('inventory:riskEvidence.title', { count: data.lines.length })}</h2>
      <p className="muted">{t(`inventory:evidence.${data.kind}Help`)}</p>
      {data.lines.length === 0 ? (
        <p className="muted">{t('inventory:riskEvidence.none')}</p>
      ) : (
        <DataGrid
          stateKey={`risk.evidence.${data.kind}`}
          testId="risk-evidence-grid"
          rows={data.lines}
          columns={columns}
          height={280}
          getRowId={(r) => String(r.id)}
          exportAs={{ grid: 'riskEvidence', query: { riskId }, title: t('inventory:riskEvidence.export', { id: riskId }), fileName: `risk-${riskId}-evidence` }}
        />
      )}
    </div>
  );
}
