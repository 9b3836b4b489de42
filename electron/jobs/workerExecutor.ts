import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorBody } from '../../shared/errors';
import type { JobExecutor } from './runner';

/**
 * Runs each job in its own worker thread (the built jobWorker.js), so the main process stays responsive. `secrets`
 * hands a job what only the main process can read (the HQ password from the OS keychain), in memory.
 */
export function workerExecutor(workerFile: string, dbPath: string, key?: string, secrets?: (op: string) => Record<string, string> | undefined): JobExecutor {
  return {
    run(op, input, user, cancel, onProgress) {
      return new Promise((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { dbPath, op, input, user, cancel: cancel.buffer, key, secrets: secrets?.(op) } });
        let settled = false;
        worker.on('message', (m: { type: 'progress'; progress: Parameters<typeof onProgress>[0] } | { type: 'done'; result: unknown } | { type: 'failed'; error: ApiErrorBody }) => {
          if (m.type === 'progress') onProgress(m.progress);
          else if (m.type === 'done') {
            settled = true;
            resolve(m.result);
          } else {
            settled = true;
            reject(new ApiError(m.error));
          }
        });
        worker.on('error', (e) => {
          settled = true;
          // Out of memory is the machine's limit, not a bug: said in words (its open transaction died with the worker).
          if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
            reject(new ApiError({ code: 'INTERNAL', operation: op, message: `Job ${op} ran out of memory`, data: { reason: 'jobOutOfMemory', params: { operation: op } } }));
          } else reject(e);
        });
        worker.on('exit', (code) => {
          if (!settled) {
            reject(new ApiError({ code: 'INTERNAL', operation: op, message: `Job worker for ${op} exited with code ${code}`, data: { reason: 'jobWorkerExited', params: { operation: op, exitCode: code } } }));
          }
        });
      });
    },
  };
}
