import type { Workspace } from '../../db/database';
import type { JobProgress } from '../contract/operation';
import type { CancelToken } from './cancel';

/** What a long-running domain function gets: the workspace, who runs it, progress reporting and cancellation. */
export interface JobContext {
  ws: Workspace;
  user: string;
  progress(phase: string, done: number, total: number | null, detail?: JobProgress['detail']): void;
  cancel: CancelToken;
}

export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; jobId: string; operation: string; result: unknown }
  | { type: 'failed'; jobId: string; operation: string; error: import('../contract/operation').ApiErrorBody };
