import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type * as PgCopyStreams from 'pg-copy-streams';
import type { changeLog, hqPublishState, hqReference, productPrices, products, workspaceIdentity } from '../../../db/schema';
import type { offices, referenceData, salesLines } from '../../../db/hq/schema';
import type { Workspace } from '../../../db/database';
import { lazyModule } from '../lazyModule';
import type { PublishFailure } from '../../model/hq';

/**
 * The HQ publish store: every statement publishing runs, on both sides — the workspace's change log and publish state
 * (SQLite) and the HQ tables (PostgreSQL). Types come from the drizzle schemas (`db/schema/hq.ts`, `db/hq/schema.ts`).
 * The rules (what a batch is, when to resync, exactly-once) stay in publish.ts and hold no SQL.
 */

const copyStreams = lazyModule<typeof PgCopyStreams>('pg-copy-streams');

type ChangeLogRow = typeof changeLog.$inferSelect;
/** One change-log entry as read in bulk: [seq, table, row id, op]. */
export type ChangeEntry = [seq: ChangeLogRow['seq'], tbl: ChangeLogRow['tbl'], rowKey: ChangeLogRow['rowKey'], op: ChangeLogRow['op']];
export type PublishStateRow = typeof hqPublishState.$inferSelect;
export type HqOfficeRow = typeof offices.$inferSelect;
type HqSalesLine = typeof salesLines.$inferSelect;

/** The columns of hq.sales_lines after office_id, in HQ order; the workspace's sales_lines has the same names. */
export const SALES_COLUMNS = [
  'id', 'partner_id', 'date', 'order_ref', 'line_ref', 'product', 'category', 'quantity', 'amount_minor', 'cost_minor', 'customer_ref', 'currency', 'import_id',
] as const satisfies ReadonlyArray<string>;
/**
 * A workspace sales line read for HQ, as COPY text made by SQLite (13 values through JavaScript cost more than the
 * COPY itself): its id, the columns before `quantity` and the columns after it, each part escaped and tab-separated.
 * The quantity, a double, travels as a number: JavaScript writes the shortest text that reads back as the same double
 * (SQLite's printf would round to 16 digits).
 */
export type SalesLineValues = [id: HqSalesLine['id'], head: string, quantity: HqSalesLine['quantity'], tail: string];

/**
 * A column as COPY text in SQLite (the GLOB class holds a backslash, tab, newline and carriage return as they are): NULL as \N; backslash, tab, newline and carriage return escaped (NUL:
 * salesCopyLines). The escaping runs only on a value holding one of them (one GLOB scan instead of four replace()
 * copies of every text: a third of reading a first publish's rows); integers are concatenated as they are.
 */
function copyTextSql(column: string, kind: 'text' | 'integer'): string {
  const c = quoted(column);
  const escaped = `replace(replace(replace(replace(${c}, '\\', '\\\\'), char(9), '\\t'), char(10), '\\n'), char(13), '\\r')`;
  const text = kind === 'integer' ? c : `CASE WHEN ${c} GLOB '*[\\\t\n\r]*' THEN ${escaped} ELSE ${c} END`;
  return `ifnull(${text}, '\\N')`;
}
const SALES_INTEGER = new Set(['id', 'partner_id', 'amount_minor', 'cost_minor', 'import_id']);
const qIndex = SALES_COLUMNS.indexOf('quantity');
const partSql = (cols: readonly string[]) => cols.map((c) => copyTextSql(c, SALES_INTEGER.has(c) ? 'integer' : 'text')).join(" || char(9) || ");
/** id, head (ending in a tab), quantity, tail (starting with a tab, ending in a newline). */
const SALES_COPY_SELECT = `id, ${partSql(SALES_COLUMNS.slice(0, qIndex))} || char(9), quantity, char(9) || ${partSql(SALES_COLUMNS.slice(qIndex + 1))} || char(10)`;

// ---------------------------------------------------------------- workspace (SQLite)

/** Prepared statements per connection: publishing reads the log and the rows in a loop of batches. */
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt<P extends unknown[], R = unknown>(ws: Workspace, sql: string): Database.Statement<P, R> {
  let m = cache.get(ws.sqlite);
  if (!m) cache.set(ws.sqlite, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = ws.sqlite.prepare(sql)));
  return s as unknown as Database.Statement<P, R>;
}

function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL name: ${name}`);
  return `"${name}"`;
}

/** Which tables exist, and which of them never reuse an id (AUTOINCREMENT). */
export interface WorkspaceTables {
  existing: Set<string>;
  neverReused: Set<string>;
}

export const publishLog = {
  /** The change-log entries after `after`, in order, at most `limit`. */
  entriesAfter(ws: Workspace, after: number, limit: number): ChangeEntry[] {
    return stmt<[number, number], ChangeEntry>(ws, 'SELECT seq, tbl, row_key, op FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?').raw(true).all(after, limit);
  },
  /** Entries after `after` (what a publish has to send). */
  countAfter(ws: Workspace, after: number): number {
    return stmt<[number], { n: number }>(ws, 'SELECT count(*) AS n FROM change_log WHERE seq > ?').get(after)!.n;
  },
  /** The highest sequence number ever given (AUTOINCREMENT: kept after the entries are trimmed). */
  top(ws: Workspace): number {
    return stmt<[], { seq: number }>(ws, "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").get()?.seq ?? 0;
  },
  /** Removes the entries HQ has committed. */
  trim(ws: Workspace, upTo: number): void {
    stmt<[number]>(ws, 'DELETE FROM change_log WHERE seq <= ?').run(upTo);
  },
  tables(ws: Workspace): WorkspaceTables {
    const master = stmt<[], { name: string; sql: string | null }>(ws, "SELECT name, sql FROM sqlite_master WHERE type = 'table'").all();
    return { existing: new Set(master.map((r) => r.name)), neverReused: new Set(master.filter((r) => /AUTOINCREMENT/i.test(r.sql ?? '')).map((r) => r.name)) };
  },
  /**
   * The current rows of `table` named by the log entries in (after, upTo] that pass `where` (the table's publish
   * condition), as objects. The log is joined in SQLite (an ordered range of the log, no id list through JavaScript).
   */
  rowsLogged(ws: Workspace, table: string, after: number, upTo: number, where: string | undefined): Array<Record<string, unknown>> {
    const sql = `SELECT * FROM ${quoted(table)} WHERE id IN (SELECT row_key FROM change_log WHERE seq > ? AND seq <= ? AND tbl = ?)${where ? ` AND (${where})` : ''}`;
    return stmt<[number, number, string], Record<string, unknown>>(ws, sql).all(after, upTo, table);
  },
  /** The sales lines named by the log entries in (after, upTo] that pass `where`, as COPY text (SalesLineValues). */
  salesLogged(ws: Workspace, after: number, upTo: number, where: string | undefined): SalesLineValues[] {
    const sql = `SELECT ${SALES_COPY_SELECT} FROM sales_lines WHERE id IN (SELECT row_key FROM change_log WHERE seq > ? AND seq <= ? AND tbl = 'sales_lines')${where ? ` AND (${where})` : ''}`;
    return stmt<[number, number], SalesLineValues>(ws, sql).raw(true).all(after, upTo);
  },
  /** Logs every published row again above `mark` (a resync): the log is emptied and continues after HQ's mark. */
  relogAll(ws: Workspace, mark: number, tables: readonly string[]): void {
    const existing = publishLog.tables(ws).existing;
    ws.sqlite.transaction(() => {
      stmt(ws, 'DELETE FROM change_log').run();
      stmt<[number]>(ws, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'").run(mark);
      stmt<[number]>(ws, "INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'change_log')").run(mark);
      for (const t of tables) if (existing.has(t)) stmt<[string]>(ws, `INSERT INTO change_log (tbl, row_key, op) SELECT ?, id, 'i' FROM ${quoted(t)} ORDER BY id`).run(t);
      stmt<[number]>(ws, 'UPDATE hq_publish_state SET last_seq = ? WHERE id = 1').run(mark);
    })();
  },
  lastPublished(ws: Workspace): PublishStateRow['lastSeq'] {
    return stmt<[], { s: number }>(ws, 'SELECT last_seq AS s FROM hq_publish_state WHERE id = 1').get()!.s;
  },
  recordSuccess(ws: Workspace, at: string, seq: number): void {
    stmt<[string, string, number]>(ws, 'UPDATE hq_publish_state SET last_attempt_at = ?, last_success_at = ?, last_seq = ?, last_error = NULL WHERE id = 1').run(at, at, seq);
  },
  /** The failure is stored as JSON (reason, params, message) in `last_error`. */
  recordFailure(ws: Workspace, at: string, failure: PublishFailure): void {
    stmt<[string, string]>(ws, 'UPDATE hq_publish_state SET last_attempt_at = ?, last_error = ? WHERE id = 1').run(at, JSON.stringify(failure));
  },
  /** The publish state and the changes waiting after its mark. */
  state(ws: Workspace): { lastAttemptAt: PublishStateRow['lastAttemptAt']; lastSuccessAt: PublishStateRow['lastSuccessAt']; lastError: PublishFailure | null; pending: number } {
    const s = stmt<[], Pick<PublishStateRow, 'lastAttemptAt' | 'lastSuccessAt' | 'lastError' | 'lastSeq'>>(
      ws,
      'SELECT last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError, last_seq AS lastSeq FROM hq_publish_state WHERE id = 1',
    ).get()!;
    return { lastAttemptAt: s.lastAttemptAt, lastSuccessAt: s.lastSuccessAt, lastError: parseFailure(s.lastError), pending: publishLog.countAfter(ws, s.lastSeq) };
  },
};

/** A stored failure: JSON since reasons are stored, plain English text before. */
function parseFailure(stored: string | null): PublishFailure | null {
  if (stored === null) return null;
  try {
    const f = JSON.parse(stored) as unknown;
    if (f && typeof f === 'object' && typeof (f as PublishFailure).message === 'string') return f as PublishFailure;
  } catch {
    /* a message stored as text */
  }
  return { message: stored };
}

// ---------------------------------------------------------------- HQ (PostgreSQL)

/** A value in COPY text format (NULL as \N; backslash, tab, newline and carriage return escaped; NUL dropped). */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // eslint-disable-next-line no-control-regex
  if (!/[\\\t\n\r\u0000]/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u0000/g, '');
}

/** COPY … FROM STDIN of ready lines, sent in chunks of about 1 MB. */
async function copyLines(client: pg.Client, target: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyStreams().from(`COPY ${target} FROM STDIN`));
  function* chunks() {
    let buf = '';
    for (const line of lines) {
      buf += line;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), stream);
}

/** Sales lines as COPY text lines (office id first, then SALES_COLUMNS). */
function* salesCopyLines(officeId: string, rows: SalesLineValues[]): Generator<string> {
  const office = `${copyField(officeId)}\t`;
  for (const r of rows) {
    const line = office + r[1] + String(r[2]) + r[3];
    // PostgreSQL text cannot hold NUL (SQLite's replace() does not find it): dropped, as copyField does.
    // eslint-disable-next-line no-control-regex
    yield line.includes('\u0000') ? line.replace(/\u0000/g, '') : line;
  }
}

/**
 * Moves staged rows into an HQ table (COPY cannot write to a table with row-level security, hence the stage). When
 * every row is one HQ cannot hold yet, a plain insert; should HQ hold some after all (a table taken off the published
 * list and put back), the savepoint undoes it and the rows are upserted like the rest. `meanwhile` runs once the
 * statement is on its way, while the server works on it (the caller reads its next batch then).
 */
async function insertStaged(client: pg.Client, insert: string, upsertClause: string, params: unknown[], allFresh: boolean, meanwhile?: () => void): Promise<void> {
  if (allFresh) {
    // Sent back to back: the client queues them, the server starts on the insert at once.
    const savepoint = client.query('SAVEPOINT fresh');
    const inserted = client.query(insert, params);
    meanwhile?.();
    await savepoint;
    try {
      await inserted;
      await client.query('RELEASE SAVEPOINT fresh');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await client.query('ROLLBACK TO SAVEPOINT fresh');
    }
    await client.query(`${insert} ${upsertClause}`, params);
    return;
  }
  const upserted = client.query(`${insert} ${upsertClause}`, params);
  meanwhile?.();
  await upserted;
}

const SALES_SET = SALES_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/** A published row of another table, for hq.records. */
export interface RecordRow {
  tbl: string;
  id: number;
  data: Record<string, unknown>;
}

export const hqStore = {
  /** Registers the workspace under the connecting role (RLS: a role can only claim rows for itself); HQ's high-water mark. */
  async register(client: pg.Client, workspaceId: string, office: string): Promise<HqOfficeRow['highWater']> {
    const r = await client.query<{ high_water: string }>(
      `INSERT INTO hq.offices (id, name) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
       RETURNING high_water`,
      [workspaceId, office],
    );
    return Number(r.rows[0].high_water);
  },
  /** Locks the office's row for this transaction (batches of one workspace go one at a time) and returns its mark. */
  async lockMark(client: pg.Client, workspaceId: string): Promise<HqOfficeRow['highWater']> {
    const r = await client.query<{ high_water: string }>({ name: 'hq_lock_mark', text: 'SELECT high_water FROM hq.offices WHERE id = $1 FOR UPDATE', values: [workspaceId] });
    return Number(r.rows[0].high_water);
  },
  async setMark(client: pg.Client, workspaceId: string, seq: number): Promise<void> {
    await client.query({ name: 'hq_set_mark', text: 'UPDATE hq.offices SET high_water = $2, published_at = now() WHERE id = $1', values: [workspaceId, seq] });
  },
  async deleteSalesLines(client: pg.Client, officeId: string, ids: number[]): Promise<void> {
    await client.query({ name: 'hq_delete_sales', text: 'DELETE FROM hq.sales_lines WHERE office_id = $1 AND id = ANY($2::bigint[])', values: [officeId, ids] });
  },
  async deleteRecords(client: pg.Client, officeId: string, tbl: string, ids: number[]): Promise<void> {
    await client.query({ name: 'hq_delete_records', text: 'DELETE FROM hq.records WHERE office_id = $1 AND tbl = $2 AND row_key = ANY($3::bigint[])', values: [officeId, tbl, ids] });
  },
  /**
   * Where lines HQ has never held are COPYed (HQ migration 0009): the office's partition once it has one, else the
   * index-free load table of its first publish (`hq.sales_load_…`, attached as the partition by finishSalesLoad).
   */
  async salesTarget(client: pg.Client, officeId: string): Promise<{ table: string; loading: boolean }> {
    const r = await client.query<{ t: string }>('SELECT hq.office_sales_target($1) AS t', [officeId]);
    return { table: r.rows[0].t, loading: r.rows[0].t.startsWith('hq.sales_load_') };
  },
  /**
   * Attaches the office's loaded lines as its partition: indexes built once, the quarter summary computed in one
   * pass (hq.finish_office_load; one statement, so all or nothing). The partition's name; false when nothing was loading.
   */
  async finishSalesLoad(client: pg.Client, officeId: string): Promise<boolean> {
    const r = await client.query<{ done: boolean }>('SELECT hq.finish_office_load($1) AS done', [officeId]);
    return r.rows[0].done;
  },
  /**
   * Writes sales lines HQ has never held (every row a first insert) straight into the office's partition — or, on
   * its first publish, its index-free load table — with one COPY: no stage, no second pass. Should HQ hold some after all (a table taken off the published list and put
   * back), the savepoint undoes the COPY and false is returned: the caller writes them the general way.
   */
  async copyFreshSalesLines(client: pg.Client, partition: string, officeId: string, rows: SalesLineValues[]): Promise<boolean> {
    await client.query('SAVEPOINT fresh_copy');
    try {
      await copyLines(client, `${partition} (office_id, ${SALES_COLUMNS.join(', ')})`, salesCopyLines(officeId, rows));
      await client.query('RELEASE SAVEPOINT fresh_copy');
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await client.query('ROLLBACK TO SAVEPOINT fresh_copy');
      return false;
    }
  },
  /** Writes sales lines (values in SALES_COLUMNS order): COPY into a per-session stage, then one INSERT … SELECT. */
  async writeSalesLines(client: pg.Client, officeId: string, rows: SalesLineValues[], allFresh: boolean, meanwhile?: () => void): Promise<void> {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS stage_sales_lines (LIKE hq.sales_lines) ON COMMIT DELETE ROWS');
    await copyLines(client, `stage_sales_lines (office_id, ${SALES_COLUMNS.join(', ')})`, salesCopyLines(officeId, rows));
    await insertStaged(client, 'INSERT INTO hq.sales_lines SELECT * FROM stage_sales_lines', `ON CONFLICT (office_id, id) DO UPDATE SET ${SALES_SET}`, [], allFresh, meanwhile);
  },
  /** Writes rows of the untyped tables into hq.records as JSON, staged the same way. */
  async writeRecords(client: pg.Client, officeId: string, rows: RecordRow[], allFresh: boolean, meanwhile?: () => void): Promise<void> {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS stage_records (tbl text, row_key bigint, data jsonb) ON COMMIT DELETE ROWS');
    await copyLines(client, 'stage_records', (function* () {
      for (const r of rows) yield `${copyField(r.tbl)}\t${r.id}\t${copyField(JSON.stringify(r.data))}\n`;
    })());
    await insertStaged(
      client,
      'INSERT INTO hq.records (office_id, tbl, row_key, data) SELECT $1, tbl, row_key, data FROM stage_records',
      'ON CONFLICT (office_id, tbl, row_key) DO UPDATE SET data = EXCLUDED.data',
      [officeId],
      allFresh,
      meanwhile,
    );
  },
  /**
   * Removes every row of the office at HQ (a resync: everything is sent again), in one transaction, holding the
   * office's lock like a batch. The sales lines go by TRUNCATE of the office's partition, with its quarter summary and
   * stale marks (`hq.reset_office_sales`, HQ migration 0007), not row by row; the records by a DELETE.
   */
  async removeOffice(client: pg.Client, officeId: string): Promise<void> {
    await client.query('BEGIN');
    try {
      await hqStore.lockMark(client, officeId);
      await client.query('DELETE FROM hq.records WHERE office_id = $1', [officeId]);
      await client.query('SELECT hq.reset_office_sales($1)', [officeId]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  },
  /** Recomputes the office's partner-quarters whose lines changed (hq.sales_summary); how many. */
  async refreshSalesSummary(client: pg.Client, officeId: string): Promise<number> {
    const r = await client.query<{ n: number }>('SELECT hq.refresh_sales_summary($1) AS n', [officeId]);
    return r.rows[0].n;
  },
};

// ---------------------------------------------------------------- identity and reference data (workspace)

type IdentityRow = typeof workspaceIdentity.$inferSelect;
type LocalReferenceRow = typeof hqReference.$inferSelect;
type HqReferenceRow = typeof referenceData.$inferSelect;
type ProductRow = typeof products.$inferSelect;
type PriceRow = typeof productPrices.$inferSelect;
/** The tables pulled reference data is mirrored into, by kind. */
export const MIRROR_TABLES = { territory: 'territories', product: 'products', course: 'training_courses' } as const;
export type MirrorKind = keyof typeof MIRROR_TABLES;

export const identityStore = {
  identity(ws: Workspace): Pick<IdentityRow, 'workspaceId' | 'officeName'> | undefined {
    return stmt<[], Pick<IdentityRow, 'workspaceId' | 'officeName'>>(ws, 'SELECT workspace_id AS workspaceId, office_name AS officeName FROM workspace_identity WHERE id = 1').get();
  },
  setOfficeName(ws: Workspace, office: string): void {
    stmt<[string]>(ws, 'UPDATE workspace_identity SET office_name = ? WHERE id = 1').run(office);
  },
};

/** The workspace's pulled reference data (hq_reference) and the rows mirroring it (territories, products, courses). */
export const referenceStore = {
  versions(ws: Workspace): Array<Pick<LocalReferenceRow, 'kind' | 'code' | 'version'>> {
    return stmt<[], Pick<LocalReferenceRow, 'kind' | 'code' | 'version'>>(ws, 'SELECT kind, code, version FROM hq_reference').all();
  },
  upsert(ws: Workspace, row: Pick<LocalReferenceRow, 'kind' | 'code' | 'version' | 'name' | 'pulledAt'> & { data: Record<string, unknown> }): void {
    stmt<[string, string, number, string, string, string]>(
      ws,
      `INSERT INTO hq_reference (kind, code, version, name, data, pulled_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, code) DO UPDATE SET version = excluded.version, name = excluded.name, data = excluded.data, pulled_at = excluded.pulled_at`,
    ).run(row.kind, row.code, row.version, row.name, JSON.stringify(row.data), row.pulledAt);
  },
  remove(ws: Workspace, kind: string, code: string): void {
    stmt<[string, string]>(ws, 'DELETE FROM hq_reference WHERE kind = ? AND code = ?').run(kind, code);
  },
  list(ws: Workspace, kind?: string): Array<Omit<LocalReferenceRow, 'data'> & { data: Record<string, unknown> }> {
    const rows = kind
      ? stmt<[string], Omit<LocalReferenceRow, 'data'> & { data: string }>(ws, 'SELECT kind, code, name, version, data, pulled_at AS pulledAt FROM hq_reference WHERE kind = ? ORDER BY kind, code').all(kind)
      : stmt<[], Omit<LocalReferenceRow, 'data'> & { data: string }>(ws, 'SELECT kind, code, name, version, data, pulled_at AS pulledAt FROM hq_reference ORDER BY kind, code').all();
    return rows.map((x) => ({ ...x, data: JSON.parse(x.data) as Record<string, unknown> }));
  },
  territoryIdByCode(ws: Workspace, code: string): number | null {
    return stmt<[string], { id: number }>(ws, 'SELECT id FROM territories WHERE code = ? COLLATE NOCASE').get(code)?.id ?? null;
  },
  /** `at` here and below: the pull's instant (its clock), stamped as created and/or updated. */
  updateTerritory(ws: Workspace, id: number, t: { name: string; nameEn: string | null; parentId: number | null; kind: string; active: number; version: number }, at: string): void {
    stmt<[string, string | null, number | null, string, number, number, string, number]>(
      ws,
      'UPDATE territories SET name_zh = ?, name_en = ?, parent_id = ?, kind = ?, active = ?, hq_version = ?, updated_at = ? WHERE id = ?',
    ).run(t.name, t.nameEn, t.parentId, t.kind, t.active, t.version, at, id);
  },
  insertTerritory(ws: Workspace, t: { code: string; name: string; nameEn: string | null; parentId: number | null; kind: string; active: number; version: number }, at: string): void {
    stmt<[string, string, string | null, number | null, string, number, number | null, number, string, string]>(
      ws,
      'INSERT INTO territories (code, name_zh, name_en, parent_id, kind, active, sort_order, hq_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM territories WHERE parent_id IS ?), ?, ?, ?)',
    ).run(t.code, t.name, t.nameEn, t.parentId, t.kind, t.active, t.parentId, t.version, at, at);
  },
  /** The product mirroring HQ's item; its id. `hqPrices`: HQ's item lists prices (read-only here from then on). */
  upsertProduct(ws: Workspace, p: { code: string; name: string; nameEn: string | null; productLine: string | null; unit: string | null; active: number; version: number; hqPrices: number }, at: string): ProductRow['id'] {
    return stmt<[string, string, string | null, string | null, string | null, number, number, number, string, string], { id: number }>(
      ws,
      `INSERT INTO products (code, name_zh, name_en, product_line, unit, active, hq_version, hq_prices, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, product_line = excluded.product_line,
         unit = excluded.unit, active = excluded.active, hq_version = excluded.hq_version, hq_prices = excluded.hq_prices, updated_at = excluded.updated_at
       RETURNING id`,
    ).get(p.code, p.name, p.nameEn, p.productLine, p.unit, p.active, p.version, p.hqPrices, at, at)!.id;
  },
  /** Whether the product's prices are HQ's (pulled with it). */
  hqPrices(ws: Workspace, productId: number): boolean {
    return stmt<[number], { h: number }>(ws, 'SELECT hq_prices AS h FROM products WHERE id = ?').get(productId)?.h === 1;
  },
  /** Replaces a product's price periods with HQ's (inside the pull: the read-only triggers let it through). */
  replaceProductPrices(ws: Workspace, productId: number, prices: ReadonlyArray<Pick<PriceRow, 'validFrom' | 'validTo' | 'floorPriceMinor' | 'listPriceMinor' | 'currency'>>): void {
    stmt<[number]>(ws, 'DELETE FROM product_prices WHERE product_id = ?').run(productId);
    const insert = stmt<[number, string, string | null, number | null, number | null, string]>(
      ws,
      'INSERT INTO product_prices (product_id, valid_from, valid_to, floor_price_minor, list_price_minor, currency) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const x of prices) insert.run(productId, x.validFrom, x.validTo, x.floorPriceMinor, x.listPriceMinor, x.currency);
  },
  upsertCourse(
    ws: Workspace,
    c: { code: string; title: string; titleEn: string; category: string; validityMonths: number | null; requiredTiers: string; requiredChannelTypes: string; passingScore: number | null; active: number; version: number },
    at: string,
  ): void {
    stmt<[string, string, string, string, number | null, string, string, number | null, number, number, string, string]>(
      ws,
      `INSERT INTO training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types, passing_score, active, hq_version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET title_zh = excluded.title_zh, title_en = excluded.title_en, category = excluded.category,
         validity_months = excluded.validity_months, required_tiers = excluded.required_tiers, required_channel_types = excluded.required_channel_types,
         passing_score = excluded.passing_score, active = excluded.active, hq_version = excluded.hq_version, updated_at = excluded.updated_at`,
    ).run(c.code, c.title, c.titleEn, c.category, c.validityMonths, c.requiredTiers, c.requiredChannelTypes, c.passingScore, c.active, c.version, at, at);
  },
  /** HQ withdrew the item: the mirrored row stays, inactive and the office's again. */
  release(ws: Workspace, kind: MirrorKind, code: string, at: string): void {
    const prices = kind === 'product' ? ', hq_prices = 0' : '';
    stmt<[string, string]>(ws, `UPDATE ${quoted(MIRROR_TABLES[kind])} SET active = 0, hq_version = NULL${prices}, updated_at = ? WHERE code = ? COLLATE NOCASE AND hq_version IS NOT NULL`).run(at, code);
  },
  /** The code and HQ version of a mirrored row, by id or code. */
  mirrored(ws: Workspace, kind: MirrorKind, where: { id: number } | { code: string }): { code: string; v: number | null } | undefined {
    const table = quoted(MIRROR_TABLES[kind]);
    return 'id' in where
      ? stmt<[number], { code: string; v: number | null }>(ws, `SELECT code, hq_version AS v FROM ${table} WHERE id = ?`).get(where.id)
      : stmt<[string], { code: string; v: number | null }>(ws, `SELECT code, hq_version AS v FROM ${table} WHERE code = ? COLLATE NOCASE`).get(where.code);
  },
};

/** HQ's reference data (PostgreSQL): what HQ publishes and regions pull. */
export const hqReferenceStore = {
  /** Inserts or changes one item (the HQ trigger gives it the next version); how many rows changed (0: unchanged). */
  async upsert(client: pg.Client, kind: string, item: { code: string; name: string; data: Record<string, unknown> }): Promise<number> {
    const r = await client.query(
      `INSERT INTO hq.reference_data (kind, code, name, data, version) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name, data = EXCLUDED.data, deleted = false
       WHERE reference_data.name IS DISTINCT FROM EXCLUDED.name OR reference_data.data IS DISTINCT FROM EXCLUDED.data OR reference_data.deleted`,
      [kind, item.code, item.name, JSON.stringify(item.data)],
    );
    return r.rowCount ?? 0;
  },
  /** Marks the kind's items not in `codes` as withdrawn (tombstones regions remove on their next pull). */
  async withdrawOthers(client: pg.Client, kind: string, codes: string[]): Promise<number> {
    const r = await client.query('UPDATE hq.reference_data SET deleted = true WHERE kind = $1 AND NOT deleted AND NOT (code = ANY($2::text[]))', [kind, codes]);
    return r.rowCount ?? 0;
  },
  async all(client: pg.Client): Promise<Array<Pick<HqReferenceRow, 'kind' | 'code' | 'name' | 'data' | 'version' | 'deleted'>>> {
    const r = await client.query<{ kind: HqReferenceRow['kind']; code: string; name: string; data: Record<string, unknown>; version: string; deleted: boolean }>(
      'SELECT kind, code, name, data, version, deleted FROM hq.reference_data ORDER BY kind, code',
    );
    return r.rows.map((x) => ({ ...x, data: x.data ?? {}, version: Number(x.version) }));
  },
};
