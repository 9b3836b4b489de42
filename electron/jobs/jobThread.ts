import type { ApiErrorBody } from '../../shared/errors';
import type { JobProgress } from '../../shared/jobs';

/**
 * What a job thread is started with: the workspace, never a job — the job comes as a message, posted at once to a
 * thread started for it or later to the spare thread started ahead (workerExecutor). `spare`: open the workspace and
 * warm up before a job is asked; `taken` (one Int32) turns 1 when the executor hands the spare a job, so an unfinished
 * warm-up stops at its next step instead of delaying the job.
 */
export interface JobThreadStart {
  dbPath: string;
  key?: string;
  spare?: boolean;
  taken?: SharedArrayBuffer;
}

/** The one job a thread runs; `secrets` only for the job that needs them (the HQ password for 'hq.publish'). */
export interface JobMessage {
  type: 'job';
  op: string;
  input: unknown;
  user: string;
  cancel: SharedArrayBuffer;
  secrets?: { hqPassword?: string };
}

/** To a spare that will get no job (executor closed, workspace about to be swapped): close the workspace and end. */
export interface CloseMessage {
  type: 'close';
}

/** From the thread: `ready` when a spare has warmed up; `started` once it has the job, then progress, and one `done` or `failed`. */
export type JobThreadMessage =
  | { type: 'ready' }
  | { type: 'started' }
  | { type: 'progress'; progress: Omit<JobProgress, 'jobId' | 'operation'> }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: ApiErrorBody };
