import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ExpiryAlerts } from '../training/ExpiryAlerts';

/** Start page: workspace at a glance (the evaluations work adds charts here). */
export default function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'common']);
  const info = useOp('system.info', {});
  return (
    <div className="page">
      <h1>{t('common:nav.dashboard')}</h1>
      {info.data && (
        <div className="cards">
          {(['partners', 'sales_lines', 'training_records', 'risks', 'payout_runs'] as const).map((k) => (
            <div className="card" key={k} data-testid={`count-${k}`}>
              <div className="card-value">{(info.data.counts[k] ?? 0).toLocaleString()}</div>
              <div className="card-label">{t(`dashboard:counts.${k}`)}</div>
            </div>
          ))}
        </div>
      )}
      <ExpiryAlerts />
      <p className="muted">
        {t('common:app.workspace')}: <code>{info.data?.path}</code>
      </p>
    </div>
  );
}
