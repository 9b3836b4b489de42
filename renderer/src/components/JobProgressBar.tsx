import { useTranslation } from 'react-i18next';
import type { JobPhase, JobProgress } from '../../../shared/jobs';

/** Words for every phase in both languages, checked when compiling: a phase of JOB_PHASES without words fails typecheck. */
type WordsForEveryPhase<C extends { phase: Record<JobPhase, string> }> = C;
export type PhaseWords = [
  WordsForEveryPhase<typeof import('../i18n/zh-CN/common.json')>,
  WordsForEveryPhase<typeof import('../i18n/en/common.json')>,
];

/** Progress of a long job with a cancel button. */
export function JobProgressBar({ progress, onCancel, label }: { progress: JobProgress | null; onCancel?: () => void; label?: string }) {
  const { t } = useTranslation('common');
  const pct = progress?.total ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : null;
  return (
    <div className="job-progress" data-testid="job-progress">
      <div className="job-progress-label">
        {label ?? t('state.running')} {progress?.phase && <span className="muted">{t(`phase.${progress.phase}`)}</span>}{' '}
        {progress?.detail?.schedule != null && <span className="muted">{`${progress.detail.schedule} ${progress.detail.period ?? ''}`}</span>}{' '}
        {progress?.total != null && <span className="muted">{t('progress.of', { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() })}</span>}
      </div>
      <progress max={100} value={pct ?? undefined} />
      {onCancel && (
        <button onClick={onCancel} data-testid="job-cancel">
          {t('progress.cancel')}
        </button>
      )}
    </div>
  );
}
