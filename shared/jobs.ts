import type { ApiErrorBody } from './errors';

/** Progress of a job, as every transport reports it. */
export interface JobProgress {
  jobId: string;
  operation: string;
  phase: string;
  done: number;
  total: number | null;
  /** Free-form extra counters (bytes read, rows rejected...). */
  detail?: Record<string, number | string>;
}

/** What long domain work reports: a phase (a key of the `jobs.phases` i18n catalogue), done of total. */
export type ProgressFn = (phase: string, done: number, total: number | null, detail?: JobProgress['detail']) => void;

/** Events of a running job, as every transport delivers them. */
export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; jobId: string; operation: string; result: unknown }
  | { type: 'failed'; jobId: string; operation: string; error: ApiErrorBody };
