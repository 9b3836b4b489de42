import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useOp } from '../../api/hooks';
import { partnerNameIn } from '../../partnerName';
import { useToday } from '../../today';
import './training.css';

/**
 * Dashboard card: required certifications that lapse within 90 days with nobody else at the partner covering them
 * (the ones that will lower a partner's compliance), by 30/60/90-day bucket, and the next few.
 */
export function ExpiryAlerts({ asOf, limit = 5 }: { asOf?: string; limit?: number }) {
  const { t, i18n } = useTranslation(['training', 'common']);
  const today = useToday();
  const date = asOf ?? today;
  const q = useOp('training.expiring', { asOf: date, days: 90 });
  const zh = i18n.language === 'zh-CN';
  if (q.isError) return null;
  const atRisk = (q.data?.rows ?? []).filter((r) => r.required && !r.partnerCovered);
  const buckets = {
    expiring30: atRisk.filter((r) => r.daysLeft <= 30).length,
    expiring60: atRisk.filter((r) => r.daysLeft > 30 && r.daysLeft <= 60).length,
    expiring90: atRisk.filter((r) => r.daysLeft > 60).length,
  };
  const partners = new Set(atRisk.map((r) => r.partnerId)).size;
  return (
    <section className="expiry-alerts" data-testid="expiry-alerts">
      <h2>{t('training:alerts.title')}</h2>
      {!q.data ? (
        <span className="muted">{t('common:state.loading')}</span>
      ) : atRisk.length === 0 ? (
        <span className="muted">{t('training:alerts.none')}</span>
      ) : (
        <>
          <div>
            {(Object.keys(buckets) as Array<keyof typeof buckets>).map((k) => (
              <span key={k} className={`tc-badge tc-${k}`} data-testid={`expiry-alerts-${k}`}>
                {t(`training:state.${k}`)}: {buckets[k]}
              </span>
            ))}
            <span className="muted">{t('training:alerts.partners', { count: partners })}</span>
          </div>
          <ul>
            {atRisk.slice(0, limit).map((r) => (
              <li key={r.recordId}>
                {r.expiresOn} · {r.partnerCode} {partnerNameIn(zh, r)} · {r.courseCode} {zh ? r.courseTitleZh : r.courseTitleEn} · {r.trainee}
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/training?tab=expiring">{t('training:alerts.open')}</Link>
    </section>
  );
}

export default ExpiryAlerts;
