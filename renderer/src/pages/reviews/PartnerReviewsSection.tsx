import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewMeeting, ReviewActionStatus } from '../../../../electron/contract/reviews';
import { REVIEW_ACTION_STATUSES } from '../../../../shared/enums';
import { bridge } from '../../api/client';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { useFiscalQuarters } from '../../fiscal';
import { MeetingForm } from './MeetingForm';
import './reviews.css';

/** The partner page's business reviews: export the review pack, the meetings with their action items, record a meeting. */
export function PartnerReviewsSection({ partnerId, partnerCode }: { partnerId: number; partnerCode: string }) {
  const { t, i18n } = useTranslation(['reviews', 'common']);
  const meetings = useOp('reviews.meetings.list', { partnerId });
  const setStatus = useMutationOp('reviews.actions.setStatus');
  const exporter = useJob('reviews.export');
  // The company's fiscal quarters (company.fiscalStartMonth), as the pack computes them; default: the last full quarter
  // (a QBR looks back on the quarter just ended).
  const { quarters, lastFull } = useFiscalQuarters(8);
  const [picked, setPeriod] = useState<string | null>(null);
  const period = picked ?? lastFull;
  const [language, setLanguage] = useState<'zh-CN' | 'en'>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [editing, setEditing] = useState<ReviewMeeting | 'new' | null>(null);

  const doExport = async () => {
    const env = await bridge.platform.env();
    await exporter.start({ period, out: env.filesDir, partnerCodes: [partnerCode], language, onExists: 'rename' });
  };

  return (
    <section className="card partner-reviews" data-testid="partner-reviews">
      <h2>{t('reviews:title')}</h2>
      <div className="toolbar-row">
        <label className="inline">
          {t('reviews:pack.period')}
          <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="review-pack-period">
            {quarters.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('reviews:pack.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as 'zh-CN' | 'en')} data-testid="review-pack-language">
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" className="primary" disabled={exporter.running} onClick={() => void doExport()} data-testid="review-pack-export">
          {t('reviews:pack.export')}
        </button>
        <button type="button" onClick={() => setEditing('new')} data-testid="review-meeting-new">
          {t('reviews:meeting.new')}
        </button>
      </div>
      {exporter.running && <JobProgressBar progress={exporter.progress} onCancel={exporter.cancel} label={t('reviews:pack.exporting')} />}
      <ErrorBanner error={exporter.error ?? meetings.error ?? setStatus.error} />
      {exporter.result && (
        <p data-testid="review-pack-done">
          {t('reviews:pack.done', { file: exporter.result.packs[0]?.file.split(/[\\/]/).pop() ?? '', pages: exporter.result.packs[0]?.pages ?? 0, kb: Math.round((exporter.result.packs[0]?.bytes ?? 0) / 1024) })}{' '}
          {exporter.result.files[0] && (
            <button type="button" onClick={() => void bridge.platform.showItem(exporter.result!.files[0])} data-testid="review-pack-open">
              {t('reviews:pack.open')}
            </button>
          )}
        </p>
      )}

      {meetings.data?.length === 0 && <p className="muted">{t('reviews:meeting.none')}</p>}
      {meetings.data?.map((m) => (
        <div className="review-meeting" key={m.id} data-testid="review-meeting">
          <h3>
            {t('reviews:meeting.heading', { period: m.period, date: m.heldOn })}{' '}
            <button type="button" className="small" onClick={() => setEditing(m)} data-testid="review-meeting-edit">
              {t('common:actions.edit')}
            </button>
          </h3>
          {m.attendees.length > 0 && <div className="muted">{t('reviews:meeting.attendees')}: {m.attendees.join(i18n.language === 'zh-CN' ? '、' : ', ')}</div>}
          {m.minutes && <p className="review-minutes">{m.minutes}</p>}
          {m.decisions.length > 0 && (
            <ul>
              {m.decisions.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
          {m.actions.length > 0 && (
            <table className="review-actions-table">
              <thead>
                <tr>
                  <th>{t('reviews:action.description')}</th>
                  <th>{t('reviews:action.owner')}</th>
                  <th>{t('reviews:action.dueOn')}</th>
                  <th>{t('reviews:action.status')}</th>
                </tr>
              </thead>
              <tbody>
                {m.actions.map((a) => (
                  <tr key={a.id} data-testid="review-meeting-action">
                    <td>{a.description}</td>
                    <td>{a.owner ?? '—'}</td>
                    <td className={a.overdue ? 'overdue' : undefined}>
                      {a.dueOn ?? '—'}
                      {a.overdue && ` · ${t('reviews:dashboard.days', { count: a.daysOverdue })}`}
                    </td>
                    <td>
                      <select
                        value={a.status}
                        disabled={setStatus.isPending}
                        onChange={(e) => setStatus.mutate({ id: a.id, status: e.target.value as ReviewActionStatus })}
                        aria-label={t('reviews:action.status')}
                      >
                        {REVIEW_ACTION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`reviews:status.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      {editing && <MeetingForm partnerId={partnerId} meeting={editing === 'new' ? null : editing} defaultPeriod={period} onClose={() => setEditing(null)} />}
    </section>
  );
}
