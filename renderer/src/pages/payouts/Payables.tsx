import { useTranslation } from 'react-i18next';
import type { AccrualReport } from '../../../../electron/contract/ledger';
import { formatMoney } from '../../../../shared/money';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { partnerNameIn } from '../../partnerName';

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;

/** Payables: per partner what is approved and not yet paid, aged by days since approval, and what is accrued (drafts). */
export function Payables() {
  const { t, i18n } = useTranslation(['payouts']);
  const zh = i18n.language.startsWith('zh');
  const report = useOp('ledger.accruals', {});
  const rows: AccrualReport['partners'] = (report.data?.partners ?? []).filter((r) => r.approvedUnpaidMinor !== 0 || r.accruedMinor !== 0);
  return (
    <section data-testid="payables">
      <h2>
        {t('payouts:payables.title')} {report.data && <small>{t('payouts:payables.asOf', { date: report.data.asOf })}</small>}
      </h2>
      <ErrorBanner error={report.error} />
      {report.data && rows.length === 0 && <p data-testid="payables-empty">{t('payouts:payables.empty')}</p>}
      {rows.length > 0 && (
        <table className="table" data-testid="payables-table">
          <thead>
            <tr>
              <th>{t('payouts:payables.partner')}</th>
              <th>{t('payouts:payables.approvedUnpaid')}</th>
              {BUCKETS.map((b) => (
                <th key={b}>{t(`payouts:payables.${b}`)}</th>
              ))}
              <th>{t('payouts:payables.accrued')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.partnerId}:${r.currency}`} data-testid="payables-row">
                <td>
                  <a href={`#/partners/${r.partnerId}`}>{r.partnerCode}</a> {partnerNameIn(zh, r)}
                </td>
                <td data-testid="payables-unpaid">{formatMoney(r.approvedUnpaidMinor, r.currency)}</td>
                {BUCKETS.map((b) => (
                  <td key={b}>{formatMoney(r.ageing[b], r.currency)}</td>
                ))}
                <td>{formatMoney(r.accruedMinor, r.currency)}</td>
              </tr>
            ))}
            {report.data?.totals.map((x) => (
              <tr key={x.currency} data-testid="payables-total">
                <th>{t('payouts:payables.total', { currency: x.currency })}</th>
                <th>{formatMoney(x.approvedUnpaidMinor, x.currency)}</th>
                {BUCKETS.map((b) => (
                  <th key={b}>{formatMoney(x.ageing[b], x.currency)}</th>
                ))}
                <th>{formatMoney(x.accruedMinor, x.currency)}</th>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
