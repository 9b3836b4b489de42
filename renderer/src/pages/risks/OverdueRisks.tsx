import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { useMine } from '../../mine';
import { useRiskText } from '../../riskText';
import './risks.css';

/**
 * For the dashboard: risk reviews past their date and mitigation actions past due (risks not closed); "Mine" keeps
 * those of my partners or owned by me (remembered).
 */
export function OverdueRisks({ asOf, limit = 8 }: { asOf?: string; limit?: number }) {
  const { t } = useTranslation(['risks', 'partners']);
  const mine = useMine('risks.overdue');
  const wordsOf = useRiskText();
  const q = useOp('risks.overdue', { ...(asOf ? { asOf } : {}), ...mine.filter }, { enabled: mine.ready });
  if (!q.data) return null;
  const { reviews, actions } = q.data;
  return (
    <section className="card overdue-risks" data-testid="overdue-risks">
      <h2>
        {t('overdue.title')}{' '}
        <label className="inline" style={{ fontSize: 'small', fontWeight: 'normal' }}>
          <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="overdue-mine" /> {t('partners:mine')}
        </label>
      </h2>
      {mine.nobody && <p className="muted">{t('partners:mineNobody')}</p>}
      {reviews.length === 0 && actions.length === 0 && <p className="muted">{mine.mine ? t('overdue.noneMine') : t('overdue.none')}</p>}
      {reviews.length > 0 && (
        <>
          <strong>{t('overdue.reviews')} ({reviews.length})</strong>
          <ul data-testid="overdue-reviews">
            {reviews.slice(0, limit).map((r) => (
              <li key={r.riskId}>
                <a href="#/risks">{r.code}</a> {wordsOf(r).title} · {r.owner ?? '—'} · {t('overdue.review', { date: r.nextReviewOn })}
                <span className="days">{t('overdue.days', { count: r.daysOverdue })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {actions.length > 0 && (
        <>
          <strong>{t('overdue.actions')} ({actions.length})</strong>
          <ul data-testid="overdue-actions">
            {actions.slice(0, limit).map((a) => (
              <li key={a.actionId}>
                <a href="#/risks">{a.code}</a> {a.description} · {a.owner ?? '—'} · {t('overdue.due', { date: a.dueOn })}
                <span className="days">{t('overdue.days', { count: a.daysOverdue })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
