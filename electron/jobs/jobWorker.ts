import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace, type Workspace } from '../../db/database';
import { jobHandler } from '../api/api';
import { createOpContext } from '../domain/opContext';
import { toApiError } from '../api/errors';
import { CancelToken } from '../../shared/cancel';
import { throttleProgress } from './runner';
import { installHqPasswordVault, memoryPasswordVault } from '../domain/hq/hqPasswordVault';
import type { CloseMessage, JobMessage, JobThreadStart } from './jobThread';
import { warmUp } from './warmUp';

/**
 * One job in a worker thread with its own connection to the workspace (WAL lets the main thread keep reading). The
 * thread runs one job and ends, so nothing of a job (a crash, its memory, a secret) reaches the next. A spare thread
 * (started ahead by the executor) loads this module, opens the workspace and warms up before its job is asked.
 */
const { dbPath, key, spare, taken } = workerData as JobThreadStart;
const port = parentPort!;
const next = new Promise<JobMessage | null>((resolve) => port.once('message', (m: JobMessage | CloseMessage) => resolve(m.type === 'job' ? m : null)));

/** The file's identity: a restore puts another file at the path (the executor closes its spare first; this is the net). */
const identity = (): string | null => {
  try {
    const s = statSync(dbPath);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
};
let ws: Workspace | undefined;
let openedAs: string | null = null;
if (spare) {
  const isTaken = taken ? new Int32Array(taken) : null;
  try {
    openedAs = identity();
    ws = openWorkspace(dbPath, { key });
  } catch {
    // Opened again for the job, which then reports why it cannot be.
    ws = undefined;
  }
  // A warm-up that fails costs the job its head start, nothing else (warmUp.test.ts keeps it working).
  if (ws) await warmUp(ws, () => isTaken !== null && Atomics.load(isTaken, 0) === 1).catch(() => undefined);
  port.postMessage({ type: 'ready' });
}

const job = await next;
if (!job) ws?.close();
else {
  const { op, input, user, cancel, secrets } = job;
  port.postMessage({ type: 'started' });
  if (secrets?.hqPassword !== undefined) installHqPasswordVault(memoryPasswordVault(secrets.hqPassword));
  try {
    if (ws && (openedAs === null || identity() !== openedAs)) {
      ws.close();
      ws = undefined;
    }
    ws ??= openWorkspace(dbPath, { key });
    const fn = jobHandler(op);
    if (!fn) throw new Error(`No job handler for ${op}`);
    const progress = throttleProgress((p) => port.postMessage({ type: 'progress', progress: p }));
    const result = await fn(createOpContext({ operation: op, ws, user, cancel: new CancelToken(cancel), progress }), input);
    port.postMessage({ type: 'done', result });
  } catch (e) {
    port.postMessage({ type: 'failed', error: toApiError(op, e, dbPath) });
  } finally {
    ws?.close();
  }
}
