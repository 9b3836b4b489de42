import { randomUUID } from 'node:crypto';
import type { Workspace } from '../../db/database';
import type { ApiErrorBody } from '../../shared/errors';
import type { JobEvent, JobProgress } from '../../shared/jobs';
import { CancelToken } from '../../shared/cancel';
import type { Clock } from '../../shared/clock';
import { createOpContext, type OpContext } from '../domain/opContext';
import type { ProgressFn } from '../../shared/jobs';

export type JobFn = (ctx: OpContext, input: unknown) => unknown;

/** Runs a job somewhere (this thread, a worker thread) and reports progress. */
export interface JobExecutor {
  run(op: string, input: unknown, user: string, cancel: CancelToken, onProgress: (p: Omit<JobProgress, 'jobId' | 'operation'>) => void): Promise<unknown>;
  /** Lets go of the workspace file until the returned resume is called (a spare job thread holding it open ends). */
  suspend?(): Promise<() => void>;
}

/** Progress at most every `ms` (and always the last one of a phase), so a million-row loop does not flood a transport. */
export function throttleProgress(emit: (p: Omit<JobProgress, 'jobId' | 'operation'>) => void, ms = 100): ProgressFn {
  let last = 0;
  let lastPhase = '';
  return (phase, done, total, detail) => {
    const now = Date.now();
    if (phase !== lastPhase || now - last >= ms || (total !== null && done >= total)) {
      last = now;
      lastPhase = phase;
      emit({ phase, done, total, detail });
    }
  };
}

/** Runs jobs in the calling thread: the CLI and tests. */
export function inlineExecutor(ws: Workspace, jobs: (op: string) => JobFn | undefined, clock?: Clock): JobExecutor {
  return {
    async run(op, input, user, cancel, onProgress) {
      const fn = jobs(op);
      if (!fn) throw new Error(`No job handler for ${op}`);
      return await fn(createOpContext({ operation: op, ws, user, clock, cancel, progress: throttleProgress(onProgress) }), input);
    },
  };
}

type Listener = (e: JobEvent) => void;

/** Tracks running jobs, their cancel tokens and their listeners; one per API instance. */
export class JobRunner {
  private readonly running = new Map<string, { op: string; cancel: CancelToken }>();
  private readonly listeners = new Set<Listener>();
  constructor(private readonly executor: JobExecutor) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: JobEvent) {
    for (const l of this.listeners) l(e);
  }

  /** Starts a job; resolves with its result (also emitted as a 'done' event). */
  start(op: string, input: unknown, user: string, toError: (e: unknown) => ApiErrorBody, jobId: string = randomUUID()): { jobId: string; done: Promise<unknown> } {
    const cancel = new CancelToken();
    this.running.set(jobId, { op, cancel });
    const done = this.executor
      .run(op, input, user, cancel, (p) => this.emit({ type: 'progress', progress: { jobId, operation: op, ...p } }))
      .then(
        (result) => {
          this.emit({ type: 'done', jobId, operation: op, result });
          return result;
        },
        (e: unknown) => {
          const error = toError(e);
          this.emit({ type: 'failed', jobId, operation: op, error });
          throw e;
        },
      )
      .finally(() => this.running.delete(jobId));
    // The caller may only listen to events; an unobserved rejection must not crash the process.
    done.catch(() => undefined);
    return { jobId, done };
  }

  /** While an exclusive operation swaps the workspace file: no job thread holds it open until `resume()`. */
  async suspend(): Promise<() => void> {
    return (await this.executor.suspend?.()) ?? (() => undefined);
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.cancel.cancel();
    return true;
  }

  get activeJobs(): Array<{ jobId: string; operation: string }> {
    return [...this.running].map(([jobId, j]) => ({ jobId, operation: j.op }));
  }
}
