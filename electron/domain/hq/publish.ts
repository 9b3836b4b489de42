import type pg from 'pg';
import { PUBLISHED_TABLES, publishedTable } from '../../../db/changeLog';
import type { Workspace } from '../../../db/database';
import { JobCancelled } from '../../../shared/cancel';
import { DomainError } from '../../../shared/errors';
import type { OpContext } from '../opContext';
import { checkHqSchema } from './hqSchema';
import { connectHq, hqError, type HqConnectionOptions } from './hqConnection';
import { hqStore, publishLog, type RecordRow, type SalesLineValues } from './store';
import { readIdentity, setOfficeName } from './workspaceIdentity';
import { scorePartsReader } from '../evaluations/scorePartsText';
import type { PublishFailure, PublishResult } from '../../model/hq';
import { errorReason } from '../../../shared/errorMessages';

export interface PublishOptions {
  hq: HqConnectionOptions;
  /** The office name; stored in the workspace the first time, required then. */
  office?: string;
  /** Change-log entries per PostgreSQL transaction. */
  batchSize?: number;
}

const DEFAULT_BATCH = 20_000;

interface Batch {
  maxSeq: number;
  entries: number;
  /** Sales lines (HQ keeps them typed): rows to write as the workspace has them now, and ids to delete. */
  sales: { rows: SalesLineValues[]; allFresh: boolean; deletes: number[] } | null;
  /** Every other published table (HQ keeps them as JSON in hq.records). */
  records: { rows: RecordRow[]; allFresh: boolean; deletes: Map<string, number[]> };
  /** Per table, rows written and removed (the result's figures). */
  counts: Map<string, { upserted: number; deleted: number }>;
}

/**
 * Reads the next batch of the change log and the current state of the rows it names, in one read transaction. A row
 * named several times is sent once, as it is now; a row gone (or no longer passing its table's publish condition) is
 * deleted at HQ. A key whose first entry here is an insert into an AUTOINCREMENT table was never sent before (ids are
 * not reused), so a batch made only of such rows is inserted without an upsert.
 */
function readBatch(ws: Workspace, after: number, size: number): Batch | null {
  return ws.sqlite.transaction((): Batch | null => {
    const entries = publishLog.entriesAfter(ws, after, size);
    if (!entries.length) return null;
    const maxSeq = entries[entries.length - 1][0];
    // Per table, each key with its first operation in this batch.
    const keys = new Map<string, Map<number, string>>();
    for (const [, tbl, k, op] of entries) {
      let m = keys.get(tbl);
      if (!m) keys.set(tbl, (m = new Map()));
      if (!m.has(k)) m.set(k, op);
    }
    const { existing, neverReused } = publishLog.tables(ws);
    const batch: Batch = { maxSeq, entries: entries.length, sales: null, records: { rows: [], allFresh: true, deletes: new Map() }, counts: new Map() };
    for (const [tbl, firstOps] of keys) {
      const decl = publishedTable(tbl);
      // A table no longer published (or dropped) is removed at HQ row by row as its log entries come.
      const readable = decl !== undefined && existing.has(tbl);
      const fresh = (id: number) => neverReused.has(tbl) && firstOps.get(id) === 'i';
      const present = new Set<number>();
      let allFresh = true;
      if (tbl === 'sales_lines') {
        const rows: SalesLineValues[] = readable ? publishLog.salesLogged(ws, after, maxSeq, decl.publishWhen) : [];
        for (const r of rows) {
          present.add(r[0]);
          if (allFresh && !fresh(r[0])) allFresh = false;
        }
        const deletes = [...firstOps.keys()].filter((k) => !present.has(k));
        batch.sales = { rows, allFresh, deletes };
        batch.counts.set(tbl, { upserted: rows.length, deleted: deletes.length });
      } else {
        const rows = readable ? publishLog.rowsLogged(ws, tbl, after, maxSeq, decl.publishWhen) : [];
        // HQ gets a scorecard's score_parts as the whole object text (the run stores its weights once).
        if (tbl === 'scorecards' && rows.length) {
          const parts = scorePartsReader(ws);
          for (const r of rows) r.score_parts = parts(r.run_id as number, r.score_parts as string | null);
        }
        for (const r of rows) {
          const id = r.id as number;
          present.add(id);
          if (allFresh && !fresh(id)) allFresh = false;
          batch.records.rows.push({ tbl, id, data: r });
        }
        if (!allFresh) batch.records.allFresh = false;
        const deletes = [...firstOps.keys()].filter((k) => !present.has(k));
        if (deletes.length) batch.records.deletes.set(tbl, deletes);
        batch.counts.set(tbl, { upserted: rows.length, deleted: deletes.length });
      }
    }
    return batch;
  })();
}

/**
 * Applies a batch inside the caller's transaction. `meanwhile` runs while the server works on the batch's last
 * statement; returns false when it did not run (the caller runs it while the server commits).
 */
async function applyBatch(client: pg.Client, officeId: string, target: SalesTarget, batch: Batch, meanwhile: () => void): Promise<boolean> {
  const { sales, records } = batch;
  const salesLast = sales !== null && sales.rows.length > 0;
  // Lines HQ holds are about to change: a first load still apart is attached first (the parent must find them).
  if (target.loading && sales && (sales.deletes.length || (sales.rows.length && !sales.allFresh))) await finishLoad(client, officeId, target);
  for (const [tbl, ids] of records.deletes) await hqStore.deleteRecords(client, officeId, tbl, ids);
  if (records.rows.length) await hqStore.writeRecords(client, officeId, records.rows, records.allFresh, salesLast ? undefined : meanwhile);
  if (sales?.deletes.length) await hqStore.deleteSalesLines(client, officeId, sales.deletes);
  if (!salesLast) {
    if (!records.rows.length) meanwhile();
    return true;
  }
  // Lines HQ has never held (a first publish, a new import): one COPY into the office's partition (or load table).
  if (sales.allFresh && (await hqStore.copyFreshSalesLines(client, target.table, officeId, sales.rows))) return false;
  if (target.loading) await finishLoad(client, officeId, target);
  await hqStore.writeSalesLines(client, officeId, sales.rows, false, meanwhile);
  return true;
}

/** Where fresh lines go: the office's partition, or the load table of its first publish until it is attached. */
interface SalesTarget {
  table: string;
  loading: boolean;
}

/** Attaches the office's first load as its partition (indexes built once, summary in one pass); later fresh lines go there. */
async function finishLoad(client: pg.Client, officeId: string, target: SalesTarget): Promise<void> {
  await hqStore.finishSalesLoad(client, officeId);
  Object.assign(target, await hqStore.salesTarget(client, officeId));
}

/** What is stored of a failed publish: the refusal's reason and params (for the reader's language) and its message. */
function failureOf(e: unknown): PublishFailure {
  const message = e instanceof Error ? e.message : String(e);
  const r = e instanceof DomainError ? errorReason(e.data) : null;
  return r ? { message, reason: r.reason, params: r.params } : { message };
}

/**
 * HQ does not hold this workspace's history: its mark is ahead of the workspace's log (a workspace restored from a
 * backup) or behind what was published before (another or a restored HQ). Removes the office's rows at HQ, then logs
 * every published row again above HQ's mark; each step is one transaction and a re-run after a crash does it again.
 */
async function resync(ws: Workspace, client: pg.Client, workspaceId: string, hqMark: number): Promise<void> {
  await hqStore.removeOffice(client, workspaceId);
  publishLog.relogAll(ws, hqMark, PUBLISHED_TABLES.map((t) => t.table));
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
    publishLog.recordFailure(ws, now(), failureOf(e));
    throw e;
  }
  const started = performance.now();
  const result: PublishResult = { office, workspaceId: identity.workspaceId, changes: 0, upserted: 0, deleted: 0, batches: 0, highWater: 0, resynced: false, tables: {}, elapsedMs: 0 };
  try {
    await checkHqSchema(client);
    let mark = await hqStore.register(client, identity.workspaceId, office);
    const target = await hqStore.salesTarget(client, identity.workspaceId);
    if (mark > publishLog.top(ws) || mark < publishLog.lastPublished(ws)) {
      await resync(ws, client, identity.workspaceId, mark);
      result.resynced = true;
    }
    publishLog.trim(ws, mark);
    const total = publishLog.countAfter(ws, mark);
    ctx.progress('publish', 0, total);
    // The next batch is read while the server applies the current one (two cores at work instead of one taking
    // turns with the other); it is dropped if the current one does not commit. Found empty, the log is read again.
    let next: Batch | null | undefined;
    for (;;) {
      const batch = next ?? readBatch(ws, mark, batchSize);
      next = undefined;
      if (!batch) break;
      ctx.throwIfCancelled();
      await client.query('BEGIN');
      try {
        const hqMark = await hqStore.lockMark(client, identity.workspaceId);
        if (hqMark !== mark) {
          // Another publish of this workspace moved the mark meanwhile: continue from where it got.
          await client.query('ROLLBACK');
          mark = hqMark;
          continue;
        }
        const readAhead = () => {
          // A failed read-ahead is read again (and fails in the open) on the next turn, after this batch.
          try {
            next = readBatch(ws, batch.maxSeq, batchSize);
          } catch {
            next = undefined;
          }
        };
        const readDuringApply = await applyBatch(client, identity.workspaceId, target, batch, readAhead);
        // Sent back to back: the server moves the mark and commits (an fsync) while the next batch is read.
        const marked = hqStore.setMark(client, identity.workspaceId, batch.maxSeq);
        const committed = client.query('COMMIT');
        if (!readDuringApply) readAhead();
        await Promise.all([marked, committed]);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      mark = batch.maxSeq;
      publishLog.trim(ws, mark);
      result.batches++;
      result.changes += batch.entries;
      for (const [tbl, { upserted, deleted }] of batch.counts) {
        const t = (result.tables[tbl] ??= { upserted: 0, deleted: 0 });
        t.upserted += upserted;
        t.deleted += deleted;
        result.upserted += upserted;
        result.deleted += deleted;
      }
      ctx.progress('publish', result.changes, total);
    }
    // A first publish's lines become the office's partition (with their quarter summary) only now: one index build
    // instead of index upkeep per row. A publish killed before this resumes loading, and finishes, when run again.
    if (target.loading) await finishLoad(client, identity.workspaceId, target);
    // The quarter summary of what this publish (or one killed before this point) changed; until then the report
    // reads those partner-quarters from the lines.
    await hqStore.refreshSalesSummary(client, identity.workspaceId);
    result.highWater = mark;
    result.elapsedMs = Math.round(performance.now() - started);
    publishLog.recordSuccess(ws, now(), mark);
    return result;
  } catch (e) {
    if (e instanceof JobCancelled) {
      publishLog.recordFailure(ws, now(), {
        message: `cancelled after ${result.changes} change(s); the rest are sent on the next publish`,
        reason: 'hq.publishCancelled',
        params: { changes: result.changes },
      });
      throw e;
    }
    const err = hqError(e, opts.hq.url);
    publishLog.recordFailure(ws, now(), failureOf(err));
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}
