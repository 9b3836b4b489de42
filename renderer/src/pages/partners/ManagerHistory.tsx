import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The partner page's channel-manager history: each assignment and reassignment, newest first (from, to, day, reason, who). */
export function ManagerHistory({ partnerId }: { partnerId: number }) {
  const { t } = useTranslation(['partners']);
  const history = useOp('channelManagers.history', { partnerId });
  const reason = (r: string | null) => (r && ['import', 'created', 'onboarding'].includes(r) ? t(`partners:history.reasons.${r}`) : (r ?? ''));
  return (
    <section data-testid="manager-history">
      <h2>{t('partners:history.title')}</h2>
      <ErrorBanner error={history.error} />
      {history.data?.length === 0 && <p className="muted">{t('partners:history.none')}</p>}
      {history.data && history.data.length > 0 && (
        <table className="compare-table">
          <thead>
            <tr>
              <th>{t('partners:history.on')}</th>
              <th>{t('partners:history.from')}</th>
              <th>{t('partners:history.to')}</th>
              <th>{t('partners:history.reason')}</th>
              <th>{t('partners:history.by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.id}>
                <td>{h.changedOn}</td>
                <td>{h.from ?? '—'}</td>
                <td>{h.to ?? t('partners:history.unassigned')}</td>
                <td>{reason(h.reason)}</td>
                <td>{h.changedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
