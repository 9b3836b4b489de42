import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * The end-customer summary's grouping of a sell-through import, done on a second thread while the file is read (README
 * "End customers", issue 16 "Speed"): every staged line (a candidate new line) is handed to a worker, which groups
 * them by (partner, customer, month) and packs one row per customer in the summary's format (db/schema/inventory.ts
 * `sellThroughCustomers`) with the SQL path's own statements on an in-memory database of its own, while this thread
 * stages, saves and indexes the lines. Its rows are
 * used only when every candidate became a line (no duplicate: a first import, the common case) and none of its
 * customers is in the summary yet (inventory/store.ts `customerMonthStore.refreshAfterImport`); otherwise the SQL path
 * over the new lines runs as before. It saves wall time on a machine with a free core, not CPU.
 *
 * Nothing of the workspace is touched by the worker (it sees only the values handed to it): a cancel, a failed import
 * or a crash leave what they left before. A worker that cannot start, fails, or does not answer in time means the SQL
 * path; so do texts holding the two control characters the hand-over uses as separators.
 */

export const customerGroupingTuning = {
  /**
   * Whether imports group on a second thread: on a machine with 4 cores or more (with 2, the worker's extra CPU — it
   * costs more in all than SQL on the import's thread — competes with the import itself). The bench's A/B sets it.
   */
  enabled: availableParallelism() >= 4,
  /** Files with fewer staged lines group with SQL (a worker costs a thread start and a copy of the rows). */
  minRows: 50_000,
  /** Lines handed over at a time. */
  batchRows: 8192,
  /** The longest wait for the worker's answer after the lines are saved; then the SQL path. */
  waitMs: 120_000,
};

/** The customers packed by the worker: JSON arrays of [partner_id, customer, first_date, last_date, customer_name, customer_province, months]. */
export type PackedCustomers = string[];
export const SEP = '\u0001';
export const NULL = '\u0002';

/**
 * The worker, plain JavaScript (no bundling or TypeScript loader needed): the lines handed over go into a table of its
 * own in-memory database; at the end the statements of the SQL path (store.ts groupingSql) group and pack them, so
 * its rows are those SQLite writes there (same engine, same statements, same collation).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SEP = '\\u0001', NULL = '\\u0002';
const Database = require(workerData.driver);
const db = new Database(':memory:');
// The grouping sorts in memory, as the import's connection does with its bulk cache (importRun.ts BULK_CACHE_SIZE).
db.pragma('cache_size = -262144');
db.pragma('temp_store = memory');
for (const sql of workerData.setup) db.exec(sql);
const insert = db.prepare('insert into sell_through_lines (partner_id, customer_ref, customer_name, date, amount_minor, order_ref, customer_province) values (?, ?, ?, ?, ?, ?, ?)');
const orNull = (s) => (s === NULL ? null : s);
let failed = null;
const add = db.transaction((batch) => {
  const f = batch.split(SEP);
  for (let i = 0; i + 7 <= f.length; i += 7) {
    insert.run(Number(f[i]), f[i + 1], orNull(f[i + 2]), f[i + 3], f[i + 4] === '' ? null : Number(f[i + 4]), orNull(f[i + 5]), orNull(f[i + 6]));
  }
});
function pack() {
  for (const sql of workerData.group) db.exec(sql);
  // JSON built by SQLite, 16,384 customers at a time in key order (the main thread inserts each through json_each).
  const out = [];
  const COLUMNS = 'json_array(partner_id, customer, first_date, last_date, customer_name, customer_province, months)';
  const end = db.prepare('select partner_id, customer from sell_through_customers where (partner_id, customer) > (?, ?) order by 1, 2 limit 1 offset 16383').raw();
  const range = db.prepare('select json_group_array(' + COLUMNS + ') from sell_through_customers where (partner_id, customer) > (?, ?) and (partner_id, customer) <= (?, ?)').pluck();
  const rest = db.prepare('select json_group_array(' + COLUMNS + ') from sell_through_customers where (partner_id, customer) > (?, ?)').pluck();
  let from = [-1e15, ''];
  for (;;) {
    const to = end.get(from[0], from[1]);
    if (!to) break;
    out.push(range.get(from[0], from[1], to[0], to[1]));
    from = to;
  }
  const tail = rest.get(from[0], from[1]);
  if (tail !== '[]') out.push(tail);
  db.close();
  return out;
}
parentPort.on('message', (msg) => {
  if (typeof msg === 'string') {
    // A failure is answered at the end (the import's thread may be waiting then, unable to hear an error event).
    if (failed === null) try { add(msg); } catch (e) { failed = String((e && e.message) || e); }
    return;
  }
  const done = new Int32Array(msg.flag);
  try {
    if (failed !== null) throw new Error(failed);
    msg.port.postMessage({ packed: pack() });
  } catch (e) {
    msg.port.postMessage({ error: String((e && e.message) || e) });
  }
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

/** Whether a text can be handed over as is (it holds neither separator). */
const plain = (s: string | null) => s === null || (s.indexOf(SEP) < 0 && s.indexOf(NULL) < 0);

/**
 * One import's hand-over to the worker: `add` each staged line in file order, `finish` after the lines are saved,
 * `reset` when the staged rows are dropped (the file read again, or the import's end).
 */
export class CustomerGrouping {
  /** `sql`: the statements the worker runs (store.ts groupingSql), asked for when it starts. */
  constructor(private readonly sql: () => { setup: string[]; group: string[] }) {}
  private worker: Worker | null = null;
  private pending: string[] = [];
  private buf = '';
  private inBuf = 0;
  /** Staged lines seen (with or without a customer). */
  lines = 0;
  private usable = true;

  /** A staged line: the values the summary groups (store.ts GROUPED). */
  add(partnerId: number, customerRef: string | null, customerName: string | null, date: string, amountMinor: number | null, orderRef: string | null, province: string | null): void {
    this.lines++;
    if (!this.usable || !customerGroupingTuning.enabled) return;
    const customer = customerRef ?? customerName;
    if (customer === null) return;
    if (!plain(customer) || !plain(orderRef) || !plain(customerName) || !plain(province)) {
      this.fail();
      return;
    }
    this.buf += `${partnerId}${SEP}${customer}${SEP}${customerName ?? NULL}${SEP}${date}${SEP}${amountMinor === null ? '' : amountMinor}${SEP}${orderRef ?? NULL}${SEP}${province ?? NULL}${SEP}`;
    if (++this.inBuf >= customerGroupingTuning.batchRows) this.hand();
  }

  private hand(): void {
    const batch = this.buf;
    this.buf = '';
    this.inBuf = 0;
    if (this.worker) {
      this.worker.postMessage(batch);
      return;
    }
    this.pending.push(batch);
    if (this.lines < customerGroupingTuning.minRows) return;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const w = new Worker(WORKER, { eval: true, workerData: { driver, ...this.sql() } });
      w.unref();
      w.on('error', () => {
        if (this.worker === w) this.fail();
      });
      this.worker = w;
      for (const b of this.pending) w.postMessage(b);
      this.pending = [];
    } catch {
      this.fail();
    }
  }

  /**
   * After the lines are saved: the customers of every line handed over, packed; null when they were not grouped on
   * the worker (a small file, a failure, no answer within waitMs) — the caller groups with SQL.
   */
  finish(): PackedCustomers | null {
    if (!this.usable || !customerGroupingTuning.enabled) return this.release(null);
    if (this.inBuf) this.hand();
    // A file under minRows never started the worker: SQL groups it.
    const w = this.worker;
    if (!w || !this.usable) return this.release(null);
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    w.postMessage({ flag, port: port2 }, [port2 as MessagePort]);
    const waited = Atomics.wait(new Int32Array(flag), 0, 0, customerGroupingTuning.waitMs);
    const m = receiveMessageOnPort(port1)?.message as { packed?: PackedCustomers; error?: string } | undefined;
    port1.close();
    if (waited === 'timed-out' || !m?.packed) return this.release(null);
    return this.release(m.packed);
  }

  private release<T>(out: T): T {
    this.reset();
    return out;
  }

  /** Forgets every line handed over and ends the worker. */
  reset(): void {
    if (this.worker) void this.worker.terminate();
    this.worker = null;
    this.pending = [];
    this.buf = '';
    this.inBuf = 0;
    this.lines = 0;
    this.usable = true;
  }

  private fail(): void {
    if (this.worker) void this.worker.terminate();
    this.worker = null;
    this.pending = [];
    this.buf = '';
    this.usable = false;
  }
}
