import { contract, type Input, type JobProgress, type OperationName, type Result } from '../../../electron/contract';
import { ApiError } from '../../../shared/errors';
import type { BridgeApi, JobEvent } from '../../../shared/bridge';
import { createWebBridge } from './webBridge';

declare global {
  interface Window {
    pwb?: BridgeApi;
  }
}

/** Electron's preload bridge when present, else the loopback HTTP bridge: the renderer never knows which. */
export const bridge: BridgeApi = window.pwb ?? createWebBridge();

export async function call<K extends OperationName>(op: K, input: Input<K>): Promise<Result<K>> {
  const reply = await bridge.call(op, input);
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.result as Result<K>;
}

export interface JobOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
}

/** Starts a job, follows its progress events, cancels it on abort, resolves with its result. */
export function runJob<K extends OperationName>(op: K, input: Input<K>, options: JobOptions = {}): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    let jobId: string | null = null;
    // Events can arrive before startJob returns the id: keep them until we know ours.
    const early: JobEvent[] = [];
    const handle = (e: JobEvent) => {
      const id = e.type === 'progress' ? e.progress.jobId : e.jobId;
      if (id !== jobId) return;
      if (e.type === 'progress') options.onProgress?.(e.progress);
      else {
        off();
        if (e.type === 'done') resolve(e.result as Result<K>);
        else reject(new ApiError(e.error));
      }
    };
    const off = bridge.onEvent((e) => (jobId === null ? early.push(e) : handle(e)));
    bridge.startJob(op, input).then((reply) => {
      if (!reply.ok) {
        off();
        return reject(new ApiError(reply.error));
      }
      jobId = (reply.result as { jobId: string }).jobId;
      options.signal?.addEventListener('abort', () => void call('system.jobs.cancel', { jobId: jobId! }));
      for (const e of early.splice(0)) handle(e);
    }, reject);
  });
}

export const isJob = (op: OperationName) => contract[op].kind === 'job';
export const invalidatesOf = (op: OperationName) => contract[op].invalidates;

/** The area of an operation: its first name part ('partners.list' → 'partners'), the folder it lives in. */
export const areaOf = (op: OperationName): string => op.split('.')[0];

/** Query keys are [area, operation, input], so a change invalidates by area without scanning operation names. */
export const queryKeyOf = <K extends OperationName>(op: K, input: unknown) => [areaOf(op), op, input] as const;
