import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import './reviews.css';

/** For the dashboard, beside overdue risk actions: action items agreed in business reviews that are still open, overdue first. */
export function OpenReviewActions({ limit = 8 }: { limit?: number }) {
  const { t } = useTranslation('reviews');
  const mine = useMine('reviewActions');
  const q = useOp('reviews.actions.open', mine.filter, { enabled: mine.ready });
  const setStatus = useMutationOp('reviews.actions.setStatus');
  if (!q.data) return null;
  const { actions } = q.data;
  const overdue = actions.filter((a) => a.overdue).length;
  return (
    <section className="card open-review-actions" data-testid="open-review-actions">
      <h2>
        {t('dashboard.title')} <MineToggle mine={mine} testId="review-actions-mine" />
      </h2>
      <ErrorBanner error={setStatus.error} />
      {actions.length === 0 ? (
        <p className="muted">{t('dashboard.none')}</p>
      ) : (
        <>
          <strong>{t('dashboard.counts', { open: actions.length, overdue })}</strong>
          <ul>
            {actions.slice(0, limit).map((a) => (
              <li key={a.id} data-testid="review-action" className={a.overdue ? 'overdue' : undefined}>
                <a href={`#/partners/${a.partnerId}`}>{a.partnerCode}</a> {a.description} · {a.owner ?? '—'} ·{' '}
                {a.dueOn ? t('dashboard.due', { date: a.dueOn }) : t('dashboard.noDue')}
                {a.overdue && <span className="days">{t('dashboard.days', { count: a.daysOverdue })}</span>}
                <button type="button" className="small" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ id: a.id, status: 'done' })}>
                  {t('actions.markDone')}
                </button>
              </li>
            ))}
          </ul>
          {actions.length > limit && <p className="muted">{t('dashboard.more', { count: actions.length - limit })}</p>}
        </>
      )}
    </section>
  );
}
