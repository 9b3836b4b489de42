import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Workspace } from '../../../db/database';

/**
 * One read statement run on a second, read-only connection in a worker thread while the caller's thread makes its
 * other reads (the evaluation's period line scan, ~110 ms CPU of a 10k-partner quarter, beside ~200 ms of other
 * reads): it saves wall time only, on a machine with a free core. The statement's rows must be numbers; they come
 * back as one Float64Array (row by row), so the results are those of the same statement run inline.
 *
 * Used only where it is the same read: a workspace file (not in memory), not encrypted (the worker would need the
 * key), the caller's connection outside a transaction (a second connection sees only committed rows). One worker per
 * process, started on first use and kept (unref'd: it never holds the process open); it opens the file for each
 * read and closes it after, so no handle outlives the read (a restore swaps the file). A worker that cannot start or
 * read answers with an error and the caller reads inline.
 */

/** The worker, plain JavaScript (no bundling or TypeScript loader needed: it runs from the source tree, tests and the build alike). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let Database = null, bootError = null;
try { Database = require(workerData.driver); } catch (e) { bootError = String(e && e.message || e); }
parentPort.on('message', ({ path, sql, params, width, port, flag }) => {
  const done = new Int32Array(flag);
  try {
    if (bootError) throw new Error(bootError);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    let rows;
    try {
      db.pragma('busy_timeout = 5000');
      rows = db.prepare(sql).raw(true).all(params);
    } finally { db.close(); }
    const out = new Float64Array(rows.length * width);
    let k = 0;
    for (const r of rows) for (let j = 0; j < width; j++) out[k++] = r[j] === null ? NaN : r[j];
    port.postMessage({ rows: out }, [out.buffer]);
  } catch (e) {
    port.postMessage({ error: String(e && e.message || e) });
  }
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

let worker: Worker | null = null;

function theWorker(): Worker {
  if (!worker) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER, { eval: true, workerData: { driver } });
    worker.unref();
    worker.on('error', () => (worker = null));
    worker.on('exit', () => (worker = null));
  }
  return worker;
}

/**
 * A read under way in the worker: `rows()` waits for it (null when it failed: read inline); `cancel()` drops it (its
 * answer, now or when it comes, goes nowhere; the worker finishes the read and closes its connection). Each is
 * settled once: after `rows()`, `cancel()` does nothing, and `rows()` after `cancel()` answers null.
 */
export interface PendingScan {
  rows(): Float64Array | null;
  cancel(): void;
}

let unsettled = 0;
/** Scans started and neither read nor cancelled (what a cancelled evaluation must not leave behind; tests ask). */
export function unsettledScans(): number {
  return unsettled;
}

/** Whether a second connection would read what `ws` reads now. */
export function canScanInParallel(ws: Workspace): boolean {
  return !ws.key && !ws.sqlite.memory && !ws.sqlite.inTransaction && existsSync(ws.path);
}

/**
 * The longest wait for an answer before giving up on the worker (it is terminated and the caller reads inline). A
 * worker that dies mid-read (out of memory) cannot say so while this thread waits — its exit event needs this thread's
 * event loop — so the wait is bounded by what a scan can take (~0.1 s at 5M lines), not by a minute of a frozen window.
 */
const GIVE_UP_MS = 15_000;

/** Starts `sql` with `params` on the worker (rows of `width` numbers); null when it cannot run there. */
export function scanInParallel(ws: Workspace, sql: string, params: Record<string, unknown>, width: number): PendingScan | null {
  if (!canScanInParallel(ws)) return null;
  let w: Worker;
  try {
    w = theWorker();
  } catch {
    return null;
  }
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  w.postMessage({ path: ws.path, sql, params, width, port: port2, flag }, [port2 as MessagePort]);
  unsettled++;
  let settled = false;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    unsettled--;
    return true;
  };
  return {
    cancel() {
      if (!settle()) return;
      // An answer already there is taken off the port and dropped; one still to come is posted to a closed port.
      receiveMessageOnPort(port1);
      port1.close();
    },
    rows() {
      if (!settle()) return null;
      const done = new Int32Array(flag);
      const waited = Atomics.wait(done, 0, 0, GIVE_UP_MS);
      const m = receiveMessageOnPort(port1)?.message as { rows?: Float64Array; error?: string } | undefined;
      port1.close();
      if (waited === 'timed-out' && !m) {
        void w.terminate();
        worker = null;
        return null;
      }
      return m?.rows ?? null;
    },
  };
}
