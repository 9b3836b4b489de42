import type { Workspace } from '../../db/database';
import type { ProgressFn } from '../../shared/jobs';
import type { CancelToken } from './cancel';

/** What a long-running domain function gets: the workspace, who runs it, progress reporting and cancellation. */
export interface JobContext {
  ws: Workspace;
  user: string;
  progress: ProgressFn;
  cancel: CancelToken;
}
