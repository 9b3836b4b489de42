import { existsSync, rmSync } from 'node:fs';
import { importErrorText, importMessage } from '../../../shared/importMessages';
import { schemaMessageText } from '../../../shared/validationMessages';
import { outputPath } from '../exports/outputPath';
import { basename, dirname, extname, join } from 'node:path';
import type { OpContext } from '../opContext';
import { CsvWriter } from '../exports/csvWriter';
import { dropSecondaryIndexes, dropUniqueIndexes, shouldBulkLoad, type DroppedIndexes } from './bulkIndexes';
import { AlreadyImported, findEarlierImport } from './earlierImport';
import { fileRefused, ImportFailure } from './importFailure';
import { kindSpec } from './kinds';
import { RowRejected, RowValues, type ChangedDuplicate, type FieldError, type StagedKindRun, type WriteOutcome } from './kinds/kind';
import type { RecordSource } from './recordSource';
import { importConnection, importStore, type SavedLines } from './store';
import { headerFits, resolveMapping } from './mapping';
import { openSource } from './openSource';
import { cellText, recordBatches } from './recordSource';
import { undoImport } from './undo';
import { ImportStage } from './importStage';
import { beginWrite } from '../../../db/writeLock';
import { readSetting } from '../system/settingsStore';
import { MAX_ERRORS_RETURNED, MAX_ERRORS_STORED, type ImportResult, type RowError, type RunImportInput, type SourceRecord, type UnknownValue } from '../../model/imports';
import { addImportToSalesSummaries, salesLinesBefore } from '../evaluations/salesSummaries';


/** One error per unknown value (not one per row), naming how many rows use it and what to do (the CLI adds its flags). */
export function unknownErrors(unknown: readonly UnknownValue[], column: (u: UnknownValue) => string | null): RowError[] {
  return unknown.map((u) => {
    const params = { what: u.what, value: u.value, rows: u.rows };
    return { row: u.firstRow, column: column(u), value: u.value, message: importMessage('unknownValueRows', params), code: 'unknownValueRows', params };
  });
}

const CHECK_EVERY = 1024;
/** Staged rows saved per INSERT … SELECT: progress and a chance to cancel between two. */
const SAVE_RANGE = 65_536;
/** A row rejected while the file was read, with its errors (kept until the write pass lists them). */
type RejectedRow = SourceRecord & { errors: FieldError[] };
/** Page cache while importing a large file (KiB, as SQLite's negative cache_size). */
export const IMPORT_CACHE_SIZE = -131072;
/**
 * The page cache of a bulk load (secondary indexes dropped, rows appended in rowid order, indexes built by sorting):
 * 64 MB costs no measurable time there (12.60 s against 12.67 s of CPU at 1M lines) and bounds peak RSS — SQLite's
 * sorter may hold as much again while building an index (peak 367 MB against 421–513 MB with 128 MB).
 */
export const BULK_CACHE_SIZE = -65536;
const IMPORT_CACHE_FROM_BYTES = 8 * 1024 * 1024;

/** The row's field errors as the user sees them: the file's column name and the cell's text. */
export function rowErrors(row: number, fe: FieldError[], columns: Record<string, string>, header: readonly string[], cells: readonly unknown[]): RowError[] {
  return fe.map((e) => {
    const column = e.field ? (columns[e.field] ?? null) : null;
    const i = column === null ? -1 : header.indexOf(column);
    const value = i >= 0 ? cellText(cells[i] as never) : null;
    return { row, column, value, message: e.message, ...(e.code ? { code: e.code, params: e.params ?? {} } : {}) };
  });
}

/** A schema's own message (credit code, phone, …) in `lang`, for the errors that carry no import code. */
const rowSchemaText = (lang: 'zh-CN' | 'en') => (message: string) => schemaMessageText(message, lang);

export function describeError(fileName: string, e: RowError): string {
  const where = [e.row !== null ? `row ${e.row}` : null, e.column ? `column '${e.column}'` : null, e.value !== null && e.value !== '' ? `value '${e.value.slice(0, 80)}'` : null]
    .filter(Boolean)
    .join(', ');
  return `${fileName}${where ? ` ${where}` : ''}: ${e.message}`;
}

/**
 * Imports one file in ONE transaction, after reading it without the write lock (ImportStage): every row is parsed
 * and checked against the workspace as it is then, valid rows are written as they come
 * (prepared statements, lookups in memory), and at the end the transaction commits — or rolls back when any row
 * failed (all-or-nothing, the default), on cancel, or on any error. With acceptValid the valid rows commit and the
 * rejected ones go to a CSV with the original columns plus an error column.
 */
export async function runImport(ctx: OpContext, input: RunImportInput): Promise<ImportResult> {
  const started = performance.now();
  const { ws, user } = ctx;
  const { sqlite } = ws;
  const fileName = input.fileName ?? basename(input.path);
  const mapping = input.mapping ?? null;
  ctx.progress('detect', 0, null);
  // A rejected-rows file the user named is not written over (checked before any work; the default name is unique).
  if (input.acceptValid && input.rejectedPath) outputPath(input.rejectedPath);
  const sourceOptions = {
    encoding: input.encoding ?? mapping?.encoding ?? null,
    delimiter: input.delimiter ?? mapping?.delimiter ?? null,
    sheet: input.sheet ?? mapping?.sheet ?? null,
    fits: headerFits(kindSpec(input.kind), mapping),
  };
  let source = await openSource(input.path, sourceOptions);
  // The sheet read (a workbook's data sheet when its first one does not fit) is the one read again under the lock.
  sourceOptions.sheet = source.sheet;
  let rejectedPath: string | null = null;
  let rejectedWriter: CsvWriter | null = null;
  let committed = false;
  let restoreCache: (() => void) | null = null;
  // What the read pass staged (TEMP tables of this connection, dropped whatever happens).
  const st: { raw: ImportStage | null; run: StagedKindRun<unknown> | null; rejects: ImportStage<RejectedRow> | null } = { raw: null, run: null, rejects: null };
  try {
    const spec = kindSpec(input.kind);
    const resolved = resolveMapping(spec, source.header, mapping, fileName, true);
    // The same file content imported again is refused unless replaced or forced. An XLSX source has hashed the file
    // when it opened, so it is refused before reading; a CSV is hashed as it is read and checked before COMMIT.
    const refuseIfImported = (sha256: string) => {
      const earlier = input.force ? null : findEarlierImport(ws, input.kind, sha256, source.sheet);
      if (earlier) throw new AlreadyImported(fileName, earlier);
    };
    if (source.format !== 'csv' && input.replace == null) refuseIfImported(source.sha256());
    if (sqlite.inTransaction) throw new Error('An import cannot run inside another transaction');
    const kindContext = {
      ws,
      user,
      dateFormat: resolved.dateFormat,
      values: resolved.values,
      mapped: new Set([...resolved.index.keys(), ...Object.keys(resolved.defaults)]),
    };
    const values = new RowValues(resolved.index, resolved);
    const width = source.header.length;
    /** The row's own errors before its values are parsed: cells beyond the header. */
    const extraFields = (cells: readonly unknown[], fe: FieldError[]) => {
      if (cells.length > width && cells.slice(width).some((c) => c !== null && String(c).trim() !== '')) {
        const params = { fields: cells.length, header: width };
        fe.push({ field: null, message: importMessage('fieldCount', params), code: 'fieldCount', params });
      }
    };
    /**
     * Read the whole file first, without the write lock (edits and other writers go on meanwhile); only the checking
     * and writing of its rows below hold it. A kind checked while reading (sales) parses and stages its valid rows
     * now and keeps the rejected ones with their errors; the other kinds stage the records as read.
     */
    const read = async (src: RecordSource) => {
      const staging = spec.stage?.(kindContext) ?? null;
      st.run = staging;
      const raw = staging ? null : new ImportStage(sqlite);
      st.raw = raw;
      let rows = 0;
      let rejectedRows = 0;
      // A row's errors; a new list only after a rejected row kept the last one.
      let fe: FieldError[] = [];
      for await (const batch of recordBatches(src)) {
        for (const rec of batch) {
          rows++;
          if (staging) {
            extraFields(rec.cells, fe);
            const value = staging.parse(values.reset(rec.cells, fe, rec.row), fe);
            if (value !== null && fe.length === 0) {
              // All-or-nothing and a row already failed: the rest are only checked.
              if (input.acceptValid || rejectedRows === 0) staging.stage(value);
            } else {
              rejectedRows++;
              st.rejects ??= new ImportStage<RejectedRow>(sqlite);
              st.rejects.add({ ...rec, errors: fe });
              fe = [];
            }
          } else raw!.add(rec);
          if (rows % CHECK_EVERY === 0) {
            ctx.throwIfCancelled();
            ctx.progress('import', src.bytesRead(), src.fileSize, { rows, bytes: src.bytesRead() });
          }
        }
      }
      staging?.flush();
      raw?.flush();
      st.rejects?.flush();
      return rows;
    };
    let rowsRead = await read(source);
    ctx.throwIfCancelled();
    if (source.format === 'csv' && input.replace == null) refuseIfImported(source.sha256());
    const now = ctx.clock.now().toISOString();
    // A large import updates five indexes of sales_lines in partner order, not key order: a 128 MB page cache for the
    // duration roughly halves the time of a million-row import (the default 2 MB cache thrashes). Restored afterwards.
    const cacheBefore = importConnection.cacheSize(sqlite);
    if (source.fileSize > IMPORT_CACHE_FROM_BYTES) importConnection.setCacheSize(sqlite, IMPORT_CACHE_SIZE);
    restoreCache = () => importConnection.setCacheSize(sqlite, cacheBefore);
    await beginWrite(sqlite, { onWaiting: () => ctx.progress('waiting', 0, null) });
    try {
      if (st.run && !st.run.unchanged()) {
        // A partner the file names was created, deleted or recoded while the file was read: read it again, now under
        // the lock, so every row is checked against the workspace as it is saved.
        const readBefore = source.sha256();
        st.run.drop();
        st.rejects?.drop();
        st.rejects = null;
        source.close();
        source = await openSource(input.path, sourceOptions);
        rowsRead = await read(source);
        ctx.throwIfCancelled();
        if (source.sha256() !== readBefore) {
          const message = `${fileName} changed while it was being imported, so nothing was imported: import it again`;
          throw new ImportFailure(message, undefined, undefined, undefined, { reason: 'importFileChanged', params: { fileName } });
        }
      }
      if (input.replace != null) {
        const kind = importStore.kindOf(ws, input.replace);
        if (kind && kind !== input.kind) {
          const params = { id: input.replace, kind, expected: input.kind };
          throw fileRefused(importMessage('replaceOtherKind', params), { fileName }, { code: 'replaceOtherKind', params });
        }
        ctx.progress('undo', 0, null);
        undoImport(ctx, input.replace);
      }
      const importId = importStore.begin(ws, {
        kind: input.kind,
        fileName,
        fileSize: source.fileSize,
        mapping: { ...(mapping ?? {}), kind: input.kind, sheet: source.sheet, columns: resolved.columns, dateFormat: resolved.dateFormat },
        startedAt: now,
        user,
      });
      const unknown = new Map<string, UnknownValue & { field: string | null }>();
      const header = source.header;
      const errorCol = header.findIndex((h) => h === 'error' || h === '错误');
      const counts = { rowsRead: 0, inserted: 0, updated: 0, duplicates: 0, rejected: 0 };
      const errors: RowError[] = [];
      const storeError = importStore.errorWriter(ws);
      let stored = 0;
      // No language from the caller (an API client, a script): the workspace's, as the window last used it; a
      // channel manager's workspace without one is Chinese, never English by default.
      const rejectedLanguage = input.language ?? readSetting(ws.db, 'ui.language') ?? 'zh-CN';
      let failed = false;
      const savepoint = spec.rowSavepoint === true;
      // A large file into a comparatively small table: drop the secondary indexes now, build them before COMMIT.
      const bulk: DroppedIndexes | null = spec.bulkTable && shouldBulkLoad(sqlite, spec.bulkTable, source.fileSize) ? dropSecondaryIndexes(sqlite, spec.bulkTable) : null;
      if (bulk) importConnection.setCacheSize(sqlite, BULK_CACHE_SIZE);
      /** A row that cannot be stored: its errors are listed (or, with acceptValid, stored and written to the rejected-rows file). */
      const reject = (rec: SourceRecord, fe: FieldError[]) => {
        counts.rejected++;
        const re = rowErrors(rec.row, fe, resolved.columns, header, rec.cells);
        fe.forEach((f, i) => {
          if (f.unknown) {
            const key = `${f.unknown.what}\u0000${f.unknown.value}`;
            const u = unknown.get(key) ?? { what: f.unknown.what, value: f.unknown.value, rows: 0, firstRow: rec.row, field: f.field };
            u.rows++;
            unknown.set(key, u);
          } else if (errors.length < MAX_ERRORS_RETURNED) errors.push(re[i]);
        });
        if (input.acceptValid) {
          for (const e of re) if (stored++ < MAX_ERRORS_STORED) storeError({ importId, rowNumber: e.row ?? 0, column: e.column, value: e.value?.slice(0, 1000) ?? null, message: e.message, code: e.code ?? null, params: e.params ?? null });
          if (!rejectedWriter) {
            const ext = extname(fileName);
            rejectedPath = input.rejectedPath ?? join(dirname(input.path), `${basename(fileName, ext)}.rejected-${importId}.csv`);
            // The file's own headers as they were (a corrected file re-imports); the added error column in the reader's language.
            rejectedWriter = new CsvWriter(rejectedPath, errorCol >= 0 ? header : [...header, rejectedLanguage === 'zh-CN' ? '错误' : 'error']);
          }
          const cells = header.map((_, i) => cellText(rec.cells[i] ?? null));
          // The error column in the reader's language (the window's or the CLI's): a corrected file goes back to people.
          const lang = rejectedLanguage;
          const message = re.map((e) => (e.column ? `${e.column}: ${importErrorText(e, lang, rowSchemaText(lang))}` : importErrorText(e, lang, rowSchemaText(lang)))).join(lang === 'zh-CN' ? '；' : '; ');
          if (errorCol >= 0) cells[errorCol] = message;
          else cells.push(message);
          rejectedWriter.write(cells);
        } else failed = true;
      };

      /**
       * The records of these staged rows (1-based, staging order), read again from the file: a row is staged when it
       * was not rejected. The rare path of a changed duplicate; the common import keeps no row numbers for it.
       */
      const stagedRecords = async (wanted: ReadonlySet<number>) => {
        const rejectedRows = new Set<number>();
        for (const r of st.rejects?.records() ?? []) rejectedRows.add(r.row);
        const found = new Map<number, SourceRecord>();
        const again = await openSource(input.path, sourceOptions);
        try {
          let at = 0;
          for await (const batch of recordBatches(again)) {
            for (const rec of batch) {
              if (rejectedRows.has(rec.row)) continue;
              if (wanted.has(++at)) found.set(at, rec);
            }
          }
        } finally {
          again.close();
        }
        return found;
      };
      /** The changed duplicates' records and errors, a copy within the file naming its earlier row; in file order. */
      const changedRows = async (changed: ChangedDuplicate[]) => {
        const records = await stagedRecords(new Set(changed.flatMap((c) => (c.earlierAt === undefined ? [c.at] : [c.at, c.earlierAt]))));
        return changed.map((c) => ({ rec: records.get(c.at)!, errors: [c.error(c.earlierAt === undefined ? undefined : records.get(c.earlierAt)!.row)] }));
      };
      /**
       * Rejects the rows the read found (file order) and the rows the save found (file order) as one list in file
       * order, whichever check found them: the errors, the rejected-rows file and the CLI list rows ascending.
       */
      const rejectInFileOrder = (read: Iterable<RejectedRow>, saved: ReadonlyArray<{ rec: SourceRecord; errors: FieldError[] }>) => {
        let i = 0;
        for (const r of read) {
          while (i < saved.length && saved[i].rec.row < r.row) reject(saved[i].rec, saved[i++].errors);
          reject(r, r.errors);
        }
        while (i < saved.length) reject(saved[i].rec, saved[i++].errors);
      };
      let created: (() => { territories: string[]; channelManagers: string[] }) | undefined;
      /** Sales: the highest line id before the save (the summaries add the lines above it). */
      let summariseAbove: number | null = null;
      const stagedRun = st.run;
      if (stagedRun) {
        // Checked while reading: the staged rows are saved as a set, a range at a time — unless all-or-nothing and a
        // row failed (the rows after it were only checked); then every rejected row is listed, in file order.
        counts.rowsRead = rowsRead;
        const readRejected = st.rejects?.rows ?? 0;
        let savedRejects: Array<{ rec: SourceRecord; errors: FieldError[] }> = [];
        const total = stagedRun.staged;
        ctx.progress('save', 0, total, { rows: 0 });
        if (input.acceptValid || readRejected === 0) {
          if (input.kind === 'sales') summariseAbove = salesLinesBefore(sqlite);
          /** Saves every staged row, a range at a time; returns how many went in and how many stored rows were corrected. */
          const saveAll = async (saveRange: (from: number, to: number) => SavedLines) => {
            const sum: SavedLines = { inserted: 0, updated: 0 };
            for (let from = 0; from < total; from += SAVE_RANGE) {
              const to = Math.min(total, from + SAVE_RANGE);
              const s = saveRange(from, to);
              sum.inserted += s.inserted;
              sum.updated += s.updated;
              // Let a cancel (and, in process, the window) through; edits wait for this transaction meanwhile.
              await new Promise((r) => setImmediate(r));
              ctx.throwIfCancelled();
              ctx.progress('save', to, total, { rows: to, rejected: readRejected });
            }
            return sum;
          };
          // A bulk load appends without the unique (partner, dedupe key, order) index and builds it after, as the bare
          // engine does; building it is the duplicate check. A duplicate (of the file or of a stored line) undoes the
          // attempt and saves against the index, skipping duplicates — same lines, same order, same counts.
          let saved = false;
          if (bulk) {
            importConnection.savepoint(sqlite, 'import_optimistic');
            const unique = dropUniqueIndexes(sqlite, spec.bulkTable!);
            const appended = await saveAll((from, to) => ({ inserted: stagedRun.append(importId, now, from, to), updated: 0 }));
            ctx.progress('index', 0, unique.count, { rows: counts.rowsRead });
            if (unique.restore()) {
              importConnection.release(sqlite, 'import_optimistic');
              counts.inserted = appended.inserted;
              saved = true;
            } else {
              importConnection.rollbackTo(sqlite, 'import_optimistic');
              // Saved against the unique index after all, in file order (not key order): the larger cache again.
              importConnection.setCacheSize(sqlite, IMPORT_CACHE_SIZE);
              ctx.progress('save', 0, total, { rows: 0 });
            }
          }
          if (!saved) {
            const s = await saveAll((from, to) => stagedRun.save(importId, now, from, to));
            counts.inserted = s.inserted;
            counts.updated = s.updated;
          }
          counts.duplicates = total - counts.inserted - counts.updated;
          // A duplicate whose line reference and order an earlier import stored with other values (a corrected
          // re-export), or an earlier row of this file gave with other values, is a row error, not a quiet duplicate
          // (issue 16): only when the save skipped duplicates.
          const changed = counts.duplicates > 0 ? (stagedRun.changedDuplicates?.(importId) ?? []) : [];
          if (changed.length) {
            counts.duplicates -= changed.length;
            savedRejects = await changedRows(changed);
          }
        }
        rejectInFileOrder(st.rejects?.records() ?? [], savedRejects);
      } else {
        const run = spec.open({ ...kindContext, importId, now, create: { territories: input.createTerritories === true, channelManagers: input.createOwners === true } });
        if (!run.write) throw new Error(`The ${input.kind} import has no writer`);
        created = run.created?.bind(run);
        ctx.progress('save', 0, st.raw!.rows, { rows: 0 });
        for (const rec of st.raw!.records()) {
          counts.rowsRead++;
          const fe: FieldError[] = [];
          extraFields(rec.cells, fe);
          const value = run.parse(values.reset(rec.cells, fe, rec.row), fe);
          if (value !== null && fe.length === 0 && !failed) {
            let outcome: WriteOutcome | null = null;
            try {
              outcome = savepoint ? importConnection.inSavepoint(sqlite, () => run.write!(value)) : run.write(value);
            } catch (e) {
              if (!(e instanceof RowRejected)) throw e;
              fe.push({ field: e.field, message: e.message, ...(e.code ? { code: e.code, params: e.params } : {}) });
            }
            if (outcome === 'inserted') counts.inserted++;
            else if (outcome === 'updated') counts.updated++;
            else if (outcome === 'duplicate') counts.duplicates++;
          }
          if (fe.length) reject(rec, fe);
          if (counts.rowsRead % CHECK_EVERY === 0) {
            // Let a cancel (and, in process, the window) through; edits wait for this transaction meanwhile.
            await new Promise((r) => setImmediate(r));
            ctx.throwIfCancelled();
            ctx.progress('save', counts.rowsRead, st.raw!.rows, { rows: counts.rowsRead, rejected: counts.rejected });
          }
        }
        ctx.throwIfCancelled();
        if (run.flush && !failed) {
          const f = run.flush();
          counts.inserted += f.inserted;
          counts.duplicates += f.duplicates;
        }
      }
      if (counts.rowsRead === 0) {
        throw fileRefused(`${fileName} has a header but no data rows`, { fileName, sheet: source.sheet, row: source.headerRow + 1 }, { code: 'noDataRows' });
      }
      const unknownList = [...unknown.values()].map(({ field: _f, ...u }) => u);
      errors.unshift(...unknownErrors(unknownList, (u) => resolved.columns[unknown.get(`${u.what}\u0000${u.value}`)!.field ?? ''] ?? null));
      if (errors.length > MAX_ERRORS_RETURNED) errors.length = MAX_ERRORS_RETURNED;
      if (failed) {
        const first = errors[0];
        throw new ImportFailure(
          `${fileName}: ${counts.rejected} of ${counts.rowsRead} rows have errors, so nothing was imported (fix them, or import the valid rows with --accept-valid). First: ${describeError(fileName, first)}`,
          errors,
          { rowsRead: counts.rowsRead, rejected: counts.rejected, skipped: source.skipped() },
          unknownList,
          { reason: 'importRowsRejected', params: { fileName, rejected: counts.rejected, rowsRead: counts.rowsRead, first: describeError(fileName, first), firstError: first } },
        );
      }
      if (bulk?.count) {
        ctx.progress('index', 0, bulk.count, { rows: counts.rowsRead });
        bulk.restore();
        ctx.throwIfCancelled();
      }
      // The evaluation's per-month sales summaries follow the lines in the same transaction (undone with the import):
      // the new lines' sums added in, after the indexes are back — an import that is most of the table is read
      // through the covering indexes (narrower than the table, no rowid range to follow), any other by its rowid range.
      if (summariseAbove !== null) {
        ctx.progress('summaries', 0, null, { rows: counts.rowsRead });
        addImportToSalesSummaries(sqlite, summariseAbove, summariseAbove * 3 < counts.inserted ? 'index' : 'rowid');
        ctx.throwIfCancelled();
      }
      // What follows a staged kind's lines (sell-through: the end-customer summary), in the same transaction.
      stagedRun?.afterSave?.(importId);
      ctx.progress('commit', source.fileSize, source.fileSize, { rows: counts.rowsRead });
      const sha256 = source.sha256();
      refuseIfImported(sha256);
      const durationMs = Math.round(performance.now() - started);
      importStore.commit(ws, importId, { sha256, ...counts, durationMs, finishedAt: ctx.clock.now().toISOString(), fileSize: source.bytesRead() || source.fileSize, skipped: source.skipped() });
      ctx.audit({
        entity: 'import',
        entityId: importId,
        after: { kind: input.kind, fileName, sha256, sheet: source.sheet, ...counts, ...(input.replace != null ? { replaced: input.replace } : {}) },
      });
      if (rejectedWriter) await (rejectedWriter as CsvWriter).close();
      importConnection.commit(sqlite);
      committed = true;
      return { importId, kind: input.kind, fileName, sha256, durationMs, rejectedFile: rejectedPath, errors, replaced: input.replace ?? null, ...counts, ...(created ? { created: created() } : {}), skipped: source.skipped() };
    } finally {
      if (!committed) importConnection.rollback(sqlite);
    }
  } finally {
    restoreCache?.();
    st.raw?.drop();
    st.run?.drop();
    st.rejects?.drop();
    source.close();
    if (!committed && rejectedWriter) {
      await (rejectedWriter as CsvWriter).close().catch(() => undefined);
      if (rejectedPath && existsSync(rejectedPath)) rmSync(rejectedPath, { force: true });
    }
  }
}
