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
 * process, started on first use and kept (unref'd: it never holds the process open). No handle outlives the caller's
 * work (a restore swaps the file): each scan opens its connection and closes it when done. A scan the worker has not
 * begun when the caller asks for its rows (a cold worker takes ~0.1–0.2 s to start: thread, driver, opening the file,
 * preparing the statement; or no core is free for it) is taken back and read inline (`rows()` answers null; the
 * worker skips it): the caller never waits for a worker still starting. A worker that cannot start or read answers
 * with an error and the caller reads inline. (A prewarm — the worker started and the file opened when the evaluation
 * was asked for — was removed after an A/B within the noise: README "The line scan on a second core".)
 */

/** A scan's state, shared with the worker (an Int32Array over the scan's flag). */
const POSTED = 0;
const BEGUN = 1;
const DONE = 2;
/** Taken back by the caller before the worker began it (read inline, or cancelled): the worker skips it. */
const TAKEN = 3;

/** The worker, plain JavaScript (no bundling or TypeScript loader needed: it runs from the source tree, tests and the build alike). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let Database = null, bootError = null;
try { Database = require(workerData.driver); } catch (e) { bootError = String(e && e.message || e); }
const open = (path, sql) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return { db, st: db.prepare(sql).raw(true) };
  } catch (e) { db.close(); throw e; }
};
parentPort.on('message', (m) => {
  const { path, sql, params, width, port, flag } = m;
  const state = new Int32Array(flag);
  // Taken back by the caller (read inline, or cancelled) before this thread came to it: nothing to do.
  if (Atomics.compareExchange(state, 0, ${POSTED}, ${BEGUN}) !== ${POSTED}) {
    port.close();
    return;
  }
  try {
    if (bootError) throw new Error(bootError);
    const c = open(path, sql);
    let rows;
    try {
      rows = c.st.all(params);
    } finally { c.db.close(); }
    const out = new Float64Array(rows.length * width);
    let k = 0;
    for (const r of rows) for (let j = 0; j < width; j++) out[k++] = r[j] === null ? NaN : r[j];
    port.postMessage({ rows: out }, [out.buffer]);
  } catch (e) {
    port.postMessage({ error: String(e && e.message || e) });
  }
  Atomics.store(state, 0, ${DONE});
  Atomics.notify(state, 0);
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
 * A read under way in the worker: `rows()` waits for it (null when it failed, or when the worker had not begun it and
 * it was taken back: read inline); `cancel()` drops it (its answer, now or when it comes, goes nowhere; a read the
 * worker has not begun is skipped, one under way is finished and its connection closed). Each is settled once: after
 * `rows()`, `cancel()` does nothing, and `rows()` after `cancel()` answers null.
 */
export interface PendingScan {
  rows(): Float64Array | null;
  cancel(): void;
}

/**
 * `takeBack`: `rows()` takes back a scan the worker has not begun (the caller reads it inline rather than wait for a
 * worker still starting or kept off a core). Tests of the worker's own results turn it off.
 */
export const scanHandOff = { takeBack: true };

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
  const state = new Int32Array(flag);
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
      // Not begun: the worker skips it. An answer already there is taken off the port and dropped; one still to come
      // is posted to a closed port.
      Atomics.compareExchange(state, 0, POSTED, TAKEN);
      receiveMessageOnPort(port1);
      port1.close();
    },
    rows() {
      if (!settle()) return null;
      // Not begun (the worker still starting, or without a core): taken back, the caller reads it inline now.
      if (scanHandOff.takeBack && Atomics.compareExchange(state, 0, POSTED, TAKEN) === POSTED) {
        port1.close();
        return null;
      }
      // Waits for DONE (through BEGUN when the worker had not begun and takeBack is off), at most GIVE_UP_MS in all.
      const giveUpAt = performance.now() + GIVE_UP_MS;
      for (let now = Atomics.load(state, 0); now !== DONE; now = Atomics.load(state, 0)) {
        const left = giveUpAt - performance.now();
        if (left <= 0 || Atomics.wait(state, 0, now, left) === 'timed-out') break;
      }
      const m = receiveMessageOnPort(port1)?.message as { rows?: Float64Array; error?: string } | undefined;
      port1.close();
      if (Atomics.load(state, 0) !== DONE && !m) {
        void w.terminate();
        worker = null;
        return null;
      }
      return m?.rows ?? null;
    },
  };
}
