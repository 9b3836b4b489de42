import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/errors';
import type { JobExecutor } from './runner';
import type { JobMessage, JobThreadMessage, JobThreadStart } from './jobThread';

export interface WorkerExecutorOptions {
  /**
   * Keep one spare job thread started ahead, this many ms after the executor is made and after each job ends: it loads
   * the job code, opens the workspace and warms up (jobWorker.ts, warmUp.ts), so a job — a scheduled evaluation above
   * all — starts warm instead of paying a cold thread. Omitted: every job starts its own thread when asked.
   */
  spareAfterMs?: number;
}

/** A started job thread: its worker, whether it has ended, and the flag that tells a warming spare its job has come. */
interface JobThread {
  worker: Worker;
  taken: Int32Array;
  exited: boolean;
  /** Set while the thread is the idle spare: what it does on error or exit before it has a job. */
  idle: boolean;
  /** Resolves when the spare has opened the workspace and warmed up (true), or ended first (false). */
  ready: Promise<boolean>;
}

/**
 * Runs each job in its own worker thread (the built jobWorker.js), so the main process stays responsive; one thread per
 * job, so a job never inherits anything from the one before (a crash, its memory, a secret). `secrets` hands a job what
 * only the main process can read (the HQ password from the OS keychain), in memory, with that job only — never to a
 * spare before it has its job. `close()` ends the spare (app quit, server stop); `suspend()` ends it and starts none
 * until resumed (a restore swaps the workspace file under it).
 */
export function workerExecutor(
  workerFile: string,
  dbPath: string,
  key?: string,
  secrets?: (op: string) => Record<string, string> | undefined,
  options: WorkerExecutorOptions = {},
): JobExecutor & { close(): Promise<void>; suspend(): Promise<() => void>; spareReady(): Promise<boolean> } {
  let spare: JobThread | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let suspended = 0;

  function startThread(asSpare: boolean): JobThread {
    const taken = new SharedArrayBuffer(4);
    const workerData: JobThreadStart = { dbPath, key, spare: asSpare, taken };
    const worker = new Worker(workerFile, { workerData });
    let ready: (ok: boolean) => void = () => undefined;
    const thread: JobThread = { worker, taken: new Int32Array(taken), exited: false, idle: asSpare, ready: new Promise((resolve) => (ready = resolve)) };
    worker.on('message', (m: JobThreadMessage) => m.type === 'ready' && ready(true));
    worker.once('exit', () => {
      ready(false);
      thread.exited = true;
      if (spare === thread) spare = null;
    });
    // An idle spare that fails is dropped (the next job starts its own thread); a job's thread reports through run().
    worker.on('error', () => {
      if (thread.idle && spare === thread) spare = null;
    });
    if (asSpare) worker.unref();
    return thread;
  }

  function planSpare(): void {
    if (options.spareAfterMs === undefined || closed || suspended > 0 || spare || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!closed && suspended === 0 && !spare) spare = startThread(true);
    }, options.spareAfterMs);
    timer.unref();
  }

  async function endSpare(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const s = spare;
    spare = null;
    if (!s || s.exited) return;
    const exited = new Promise<void>((resolve) => s.worker.once('exit', () => resolve()));
    s.worker.postMessage({ type: 'close' });
    // A spare in the middle of its warm-up answers at its next step; one that does not is ended.
    const slow = setTimeout(() => void s.worker.terminate(), 5_000);
    await exited;
    clearTimeout(slow);
  }

  /** The spare if it is alive, else a thread started for this job. */
  function threadFor(): { thread: JobThread; wasSpare: boolean } {
    const s = spare;
    spare = null;
    if (s && !s.exited) {
      Atomics.store(s.taken, 0, 1);
      s.idle = false;
      s.worker.ref();
      return { thread: s, wasSpare: true };
    }
    return { thread: startThread(false), wasSpare: false };
  }

  planSpare();
  return {
    run(op, input, user, cancel, onProgress) {
      const job: JobMessage = { type: 'job', op, input, user, cancel: cancel.buffer, secrets: secrets?.(op) };
      const attempt = (thread: JobThread, wasSpare: boolean): Promise<unknown> =>
        new Promise((resolve, reject) => {
          let started = false;
          let settled = false;
          const { worker } = thread;
          worker.on('message', (m: JobThreadMessage) => {
            if (m.type === 'started') started = true;
            else if (m.type === 'progress') onProgress(m.progress);
            else if (m.type === 'done') {
              settled = true;
              resolve(m.result);
            } else if (m.type === 'failed') {
              settled = true;
              reject(new ApiError(m.error));
            }
          });
          worker.on('error', (e) => {
            if (settled) return;
            settled = true;
            // A spare that died before it took the job (it had done nothing of it): the job gets a thread of its own.
            if (wasSpare && !started) resolve(attempt(startThread(false), false));
            // Out of memory is the machine's limit, not a bug: said in words (its open transaction died with the worker).
            else if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
              reject(new ApiError({ code: 'INTERNAL', operation: op, message: `Job ${op} ran out of memory`, data: { reason: 'jobOutOfMemory', params: { operation: op } } }));
            } else reject(e);
          });
          worker.on('exit', (code) => {
            if (settled) return;
            settled = true;
            if (wasSpare && !started) resolve(attempt(startThread(false), false));
            else reject(new ApiError({ code: 'INTERNAL', operation: op, message: `Job worker for ${op} exited with code ${code}`, data: { reason: 'jobWorkerExited', params: { operation: op, exitCode: code } } }));
          });
          worker.postMessage(job);
        });
      const { thread, wasSpare } = threadFor();
      const done = attempt(thread, wasSpare);
      // The next spare starts once this job has ended (on a laptop's two cores it would slow the job down meanwhile).
      void done.then(planSpare, planSpare);
      return done;
    },
    /** Whether a spare is started (or planned) and has warmed up; false when there is none or it ended first. */
    async spareReady() {
      if (timer) await new Promise((resolve) => setTimeout(resolve, options.spareAfterMs));
      return spare ? await spare.ready : false;
    },
    async close() {
      closed = true;
      await endSpare();
    },
    async suspend() {
      suspended++;
      await endSpare();
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        suspended--;
        planSpare();
      };
    },
  };
}
