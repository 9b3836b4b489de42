import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ClaimsTab } from './ClaimsTab';
import { RequestForm } from './RequestForm';
import { money } from './mdfUi';
import './mdf.css';

/** The partner page's MDF section: its requests and claims, and a new request for it. */
export function PartnerMdfSection({ partnerId }: { partnerId: number }) {
  const { t } = useTranslation(['mdf', 'common']);
  const requests = useOp('mdf.requests.list', { partnerId });
  const [adding, setAdding] = useState(false);
  return (
    <section className="mdf-partner" data-testid="partner-mdf">
      <h2>{t('mdf:title')}</h2>
      <button type="button" onClick={() => setAdding(true)} data-testid="partner-mdf-request">{t('mdf:request.new')}</button>
      <table className="mdf-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('mdf:fund.title')}</th>
            <th>{t('mdf:request.activity')}</th>
            <th>{t('mdf:request.dates')}</th>
            <th>{t('mdf:request.amount')}</th>
            <th>{t('mdf:request.committed')}</th>
            <th>{t('mdf:status')}</th>
          </tr>
        </thead>
        <tbody>
          {requests.data?.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{r.fundCode}</td>
              <td>{t(`mdf:activity.${r.activityType}`)} · {r.title}</td>
              <td>{r.startsOn} – {r.endsOn}</td>
              <td className="num">{money(r.amountMinor, r.currency)}</td>
              <td className="num">{money(r.committedMinor, r.currency)}</td>
              <td>{t(`mdf:requestStatus.${r.status}`)}</td>
            </tr>
          ))}
          {!requests.data?.length && (
            <tr>
              <td colSpan={7} className="muted">{t('mdf:noRequests')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>{t('mdf:tab.claims')}</h3>
      <ClaimsTab partnerId={partnerId} />
      {adding && <RequestForm partnerId={partnerId} onClose={() => setAdding(false)} />}
    </section>
  );
}
