import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type * as PgCopyStreams from 'pg-copy-streams';
import { lazyModule } from '../lazyModule';
import { PUBLISHED_TABLES, publishedTable } from '../../../db/changeLog';
import type { Workspace } from '../../../db/database';
import { JobCancelled } from '../../../shared/cancel';
import { DomainError } from '../../../shared/errors';
import type { OpContext } from '../opContext';
import { checkHqSchema } from './hqSchema';
import { connectHq, hqError, type HqConnectionOptions } from './hqConnection';
import { readIdentity, setOfficeName } from './workspaceIdentity';
import { PublishResult } from '../../model/hq';

const copyStreams = lazyModule<typeof PgCopyStreams>('pg-copy-streams');

export interface PublishOptions {
  hq: HqConnectionOptions;
  /** The office name; stored in the workspace the first time, required then. */
  office?: string;
  /** Change-log entries per PostgreSQL transaction. */
  batchSize?: number;
}

/** Tables HQ keeps typed (the rest go to hq.records as JSON): their columns in HQ order, read from the workspace row. */
const TYPED: Record<string, { hqTable: string; columns: string[] }> = {
  sales_lines: {
    hqTable: 'hq.sales_lines',
    columns: ['id', 'partner_id', 'date', 'order_ref', 'line_ref', 'product', 'category', 'quantity', 'amount_minor', 'cost_minor', 'customer_ref', 'currency', 'import_id'],
  },
};

const DEFAULT_BATCH = 20_000;

function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // eslint-disable-next-line no-control-regex
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u0000/g, '');
}

async function copyRows(client: pg.Client, target: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyStreams().from(`COPY ${target} FROM STDIN`));
  async function* chunks() {
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

/**
 * Moves staged rows into the HQ table (COPY cannot write to a table with row-level security, hence the stage). When
 * every row is one HQ cannot hold yet, a plain insert; should HQ hold some after all (a table taken off the published
 * list and put back), the savepoint undoes it and the rows are upserted like the rest.
 */
async function insertStaged(client: pg.Client, insert: string, upsertClause: string, params: unknown[], allFresh: boolean): Promise<void> {
  if (allFresh) {
    await client.query('SAVEPOINT fresh');
    try {
      await client.query(insert, params);
      await client.query('RELEASE SAVEPOINT fresh');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await client.query('ROLLBACK TO SAVEPOINT fresh');
    }
  }
  await client.query(`${insert} ${upsertClause}`, params);
}

interface Batch {
  maxSeq: number;
  entries: number;
  /** Per table: rows to upsert (as the workspace has them now) and keys to delete. */
  tables: Map<string, BatchTable>;
}

interface BatchTable {
  /** Rows HQ cannot hold yet (inserted after HQ's mark, ids never reused): plain COPY. */
  fresh: Array<Record<string, unknown>>;
  /** Rows HQ may hold: staged and upserted. */
  changed: Array<Record<string, unknown>>;
  deletes: number[];
}

/** Reads the next batch of the change log and the current state of the rows it names, in one read transaction. */
function readBatch(ws: Workspace, after: number, size: number): Batch | null {
  const { sqlite } = ws;
  return sqlite.transaction(() => {
    const entries = sqlite.prepare('SELECT seq, tbl, row_key AS k, op FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?').raw().all(after, size) as Array<[number, string, number, string]>;
    if (!entries.length) return null;
    // Per table, each key with its first operation in this batch.
    const keys = new Map<string, Map<number, string>>();
    for (const [, tbl, k, op] of entries) {
      let m = keys.get(tbl);
      if (!m) keys.set(tbl, (m = new Map()));
      if (!m.has(k)) m.set(k, op);
    }
    const tables = new Map<string, BatchTable>();
    const master = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
    const existing = new Set(master.map((r) => r.name));
    // AUTOINCREMENT never reuses an id: a key whose first entry here is an insert was never sent to HQ before.
    const neverReused = new Set(master.filter((r) => /AUTOINCREMENT/i.test(r.sql ?? '')).map((r) => r.name));
    for (const [tbl, firstOps] of keys) {
      const decl = publishedTable(tbl);
      const ids = [...firstOps.keys()];
      let rows: Array<Record<string, unknown>> = [];
      // A table no longer published (or dropped) is removed at HQ row by row as its log entries come.
      if (decl && existing.has(tbl)) {
        const where = decl.publishWhen ? ` AND (${decl.publishWhen})` : '';
        const stmt = sqlite.prepare(`SELECT * FROM "${tbl}" WHERE id IN (SELECT value FROM json_each(?))${where}`);
        for (let i = 0; i < ids.length; i += 10_000) rows = rows.concat(stmt.all(JSON.stringify(ids.slice(i, i + 10_000))) as Array<Record<string, unknown>>);
      }
      const present = new Set(rows.map((r) => r.id as number));
      const t: BatchTable = { fresh: [], changed: [], deletes: ids.filter((k) => !present.has(k)) };
      for (const r of rows) (neverReused.has(tbl) && firstOps.get(r.id as number) === 'i' ? t.fresh : t.changed).push(r);
      tables.set(tbl, t);
    }
    return { maxSeq: entries[entries.length - 1][0], entries: entries.length, tables };
  })();
}

async function applyBatch(client: pg.Client, officeId: string, batch: Batch): Promise<void> {
  const office = copyField(officeId);
  const records: string[] = [];
  let recordsAllFresh = true;
  for (const [tbl, { fresh, changed, deletes }] of batch.tables) {
    const typed = TYPED[tbl];
    if (typed) {
      if (deletes.length) await client.query(`DELETE FROM ${typed.hqTable} WHERE office_id = $1 AND id = ANY($2::bigint[])`, [officeId, deletes]);
      if (!fresh.length && !changed.length) continue;
      const stage = `stage_${tbl}`;
      await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${typed.hqTable}) ON COMMIT DELETE ROWS`);
      const line = (r: Record<string, unknown>) => `${office}\t${typed.columns.map((c) => copyField(r[c])).join('\t')}\n`;
      await copyRows(client, `${stage} (office_id, ${typed.columns.join(', ')})`, [...fresh, ...changed].map(line));
      const set = typed.columns.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
      await insertStaged(client, `INSERT INTO ${typed.hqTable} SELECT * FROM ${stage}`, `ON CONFLICT (office_id, id) DO UPDATE SET ${set}`, [], changed.length === 0);
    } else {
      if (deletes.length) await client.query('DELETE FROM hq.records WHERE office_id = $1 AND tbl = $2 AND row_key = ANY($3::bigint[])', [officeId, tbl, deletes]);
      const t = copyField(tbl);
      for (const r of [...fresh, ...changed]) records.push(`${t}\t${copyField(r.id)}\t${copyField(JSON.stringify(r))}\n`);
      if (changed.length) recordsAllFresh = false;
    }
  }
  if (records.length) {
    await client.query('CREATE TEMP TABLE IF NOT EXISTS stage_records (tbl text, row_key bigint, data jsonb) ON COMMIT DELETE ROWS');
    await copyRows(client, 'stage_records', records);
    await insertStaged(
      client,
      'INSERT INTO hq.records (office_id, tbl, row_key, data) SELECT $1, tbl, row_key, data FROM stage_records',
      'ON CONFLICT (office_id, tbl, row_key) DO UPDATE SET data = EXCLUDED.data',
      [officeId],
      recordsAllFresh,
    );
  }
}

/** Registers the workspace at HQ under the connecting role (RLS: a role can only claim rows for itself) and returns HQ's high-water mark. */
async function register(client: pg.Client, workspaceId: string, office: string): Promise<number> {
  const r = await client.query<{ high_water: string }>(
    `INSERT INTO hq.offices (id, name) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
     RETURNING high_water`,
    [workspaceId, office],
  );
  return Number(r.rows[0].high_water);
}

/**
 * HQ does not hold this workspace's history: its mark is ahead of the workspace's log (a workspace restored from a
 * backup) or behind what was published before (another or a restored HQ). Removes the office's rows at HQ, then logs
 * every published row again above HQ's mark; each step is one transaction and a re-run after a crash does it again.
 */
async function resync(ws: Workspace, client: pg.Client, workspaceId: string, hqMark: number): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('DELETE FROM hq.records WHERE office_id = $1', [workspaceId]);
    for (const t of Object.values(TYPED)) await client.query(`DELETE FROM ${t.hqTable} WHERE office_id = $1`, [workspaceId]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  const { sqlite } = ws;
  const existing = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM change_log').run();
    sqlite.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'").run(hqMark);
    sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'change_log')").run(hqMark);
    for (const t of PUBLISHED_TABLES) {
      if (existing.has(t.table)) sqlite.prepare(`INSERT INTO change_log (tbl, row_key, op) SELECT ?, id, 'i' FROM "${t.table}" ORDER BY id`).run(t.table);
    }
    sqlite.prepare('UPDATE hq_publish_state SET last_seq = ? WHERE id = 1').run(hqMark);
  })();
}

function recordAttempt(ws: Workspace, at: string, outcome: { ok: true; seq: number } | { ok: false; error: string }): void {
  if (outcome.ok) ws.sqlite.prepare('UPDATE hq_publish_state SET last_attempt_at = ?, last_success_at = ?, last_seq = ?, last_error = NULL WHERE id = 1').run(at, at, outcome.seq);
  else ws.sqlite.prepare('UPDATE hq_publish_state SET last_attempt_at = ?, last_error = ? WHERE id = 1').run(at, outcome.error);
}

/**
 * Sends everything that changed since the last successful publish. Each batch of the change log goes to HQ in one
 * PostgreSQL transaction together with the office's high-water mark, so a publish stopped anywhere (network, crash,
 * SIGKILL) and run again ends with HQ equal to the workspace: batches HQ committed are skipped, the rest are sent.
 * Rows are sent as the workspace has them when the batch is read (not as they were logged), so applying a batch
 * twice changes nothing. The workspace's log is trimmed only up to HQ's committed mark. Cancelling (checked between
 * batches) keeps what HQ committed; the next publish continues from there. Progress: phase `publish`, entries sent.
 */
export async function publishToHq(ctx: OpContext, opts: PublishOptions): Promise<PublishResult> {
  const { ws } = ctx;
  const now = () => ctx.clock.now().toISOString();
  const identity = readIdentity(ws);
  const office = (opts.office ?? identity.officeName ?? '').trim();
  if (!office) throw new DomainError('Name this workspace\'s office first (Settings → HQ, or --office NAME)', 'DOMAIN', { reason: 'NO_OFFICE' });
  if (office !== identity.officeName) setOfficeName(ws, office);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  let client: pg.Client;
  try {
    client = await connectHq(opts.hq);
  } catch (e) {
    recordAttempt(ws, now(), { ok: false, error: (e as Error).message });
    throw e;
  }
  const started = performance.now();
  const result: PublishResult = { office, workspaceId: identity.workspaceId, changes: 0, upserted: 0, deleted: 0, batches: 0, highWater: 0, resynced: false, tables: {}, elapsedMs: 0 };
  try {
    await checkHqSchema(client);
    let mark = await register(client, identity.workspaceId, office);
    const { sqlite } = ws;
    const localTop = (sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").get() as { seq: number } | undefined)?.seq ?? 0;
    const lastPublished = (sqlite.prepare('SELECT last_seq AS s FROM hq_publish_state WHERE id = 1').get() as { s: number }).s;
    if (mark > localTop || mark < lastPublished) {
      await resync(ws, client, identity.workspaceId, mark);
      result.resynced = true;
    }
    sqlite.prepare('DELETE FROM change_log WHERE seq <= ?').run(mark);
    const total = (sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?').get(mark) as { n: number }).n;
    ctx.progress('publish', 0, total);
    for (;;) {
      const batch = readBatch(ws, mark, batchSize);
      if (!batch) break;
      ctx.throwIfCancelled();
      await client.query('BEGIN');
      try {
        const cur = await client.query<{ high_water: string }>('SELECT high_water FROM hq.offices WHERE id = $1 FOR UPDATE', [identity.workspaceId]);
        const hqMark = Number(cur.rows[0].high_water);
        if (hqMark !== mark) {
          // Another publish of this workspace moved the mark meanwhile: continue from where it got.
          await client.query('ROLLBACK');
          mark = hqMark;
          continue;
        }
        await applyBatch(client, identity.workspaceId, batch);
        await client.query('UPDATE hq.offices SET high_water = $2, published_at = now() WHERE id = $1', [identity.workspaceId, batch.maxSeq]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      mark = batch.maxSeq;
      sqlite.prepare('DELETE FROM change_log WHERE seq <= ?').run(mark);
      result.batches++;
      result.changes += batch.entries;
      for (const [tbl, { fresh, changed, deletes }] of batch.tables) {
        const t = (result.tables[tbl] ??= { upserted: 0, deleted: 0 });
        const rows = fresh.length + changed.length;
        t.upserted += rows;
        t.deleted += deletes.length;
        result.upserted += rows;
        result.deleted += deletes.length;
      }
      ctx.progress('publish', result.changes, total);
    }
    result.highWater = mark;
    result.elapsedMs = Math.round(performance.now() - started);
    recordAttempt(ws, now(), { ok: true, seq: mark });
    return result;
  } catch (e) {
    if (e instanceof JobCancelled) {
      recordAttempt(ws, now(), { ok: false, error: `cancelled after ${result.changes} change(s); the rest are sent on the next publish` });
      throw e;
    }
    const err = hqError(e, opts.hq.url);
    recordAttempt(ws, now(), { ok: false, error: err.message });
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}
