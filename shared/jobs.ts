import type { ApiErrorBody } from './errors';

/**
 * Every phase long work reports, declared once: `ctx.progress('typo', …)` does not compile, and the renderer's words
 * for each phase (`common:phase.<phase>` in zh-CN and en) are checked against this list at compile time
 * (renderer/src/components/jobPhaseWords.ts).
 */
export const JOB_PHASES = [
  'backup',
  'detect',
  'import',
  'save',
  'waiting',
  'index',
  'summaries',
  'commit',
  'undo',
  'partners',
  'sales',
  'sellThrough',
  'targets',
  'training',
  'feedback',
  'risks',
  'query',
  'kpis',
  'storing',
  'riskSignals',
  'channelRisks',
  'calculate',
  'clawbacks',
  'write',
  'statements',
  'zip',
  'evaluations',
  'publish',
  'export',
  'packs',
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

/** Progress of a job, as every transport reports it. */
export interface JobProgress {
  jobId: string;
  operation: string;
  phase: JobPhase;
  done: number;
  total: number | null;
  /** Free-form extra counters (bytes read, rows rejected...). */
  detail?: Record<string, number | string>;
}

/** What long domain work reports: a phase of JOB_PHASES, done of total. */
export type ProgressFn = (phase: JobPhase, done: number, total: number | null, detail?: JobProgress['detail']) => void;

/** Events of a running job, as every transport delivers them. */
export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; jobId: string; operation: string; result: unknown }
  | { type: 'failed'; jobId: string; operation: string; error: ApiErrorBody };
