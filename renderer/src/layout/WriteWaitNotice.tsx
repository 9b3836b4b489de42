import { useIsMutating } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../api/client';

const SHOW_AFTER_MS = 600;

/**
 * A change waits (instead of failing) while a job such as an import holds the workspace's write lock; this says so,
 * naming the job, when a save has been pending for a moment while a job runs.
 */
export function WriteWaitNotice() {
  const { t } = useTranslation('common');
  const { t: tOp } = useTranslation('operations');
  const saving = useIsMutating() > 0;
  const [jobs, setJobs] = useState<Map<string, string>>(new Map());
  const [show, setShow] = useState(false);

  useEffect(
    () =>
      bridge.onEvent((e) =>
        setJobs((prev) => {
          const next = new Map(prev);
          if (e.type === 'progress') next.set(e.progress.jobId, e.progress.operation);
          else next.delete(e.jobId);
          return next.size === prev.size && e.type === 'progress' ? prev : next;
        }),
      ),
    [],
  );
  useEffect(() => {
    if (!saving || jobs.size === 0) return setShow(false);
    const timer = setTimeout(() => setShow(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [saving, jobs.size]);

  if (!show) return null;
  const op = [...jobs.values()][0];
  return (
    <div className="write-wait" role="status" data-testid="write-wait">
      {t('writeWait', { job: tOp(op, { defaultValue: t('writeWaitJob') }) })}
    </div>
  );
}
