import type Database from 'better-sqlite3';
import type { Workspace } from '../../../db/database';
import type { importChanges, importErrors, imports, payoutRuns, riskHistory, salesLines, targets } from '../../../db/schema';
import type { StoredImage } from '../../../db/schema/common';
import type { ImportRecord, RowError } from '../../model/imports';
import { formatMoney } from '../../../shared/money';

/**
 * The import area's store: the SQL of an import run — its history row, its row errors, the TEMP tables its rows are
 * staged in before the write lock, and the set-based save of staged sales lines — typed from the drizzle schema.
 * Hot paths keep their prepared statements here (`prepare<[params]>`); the run's rules (importRun.ts, the kinds) hold
 * no SQL of their own for these.
 */
export type ImportRow = typeof imports.$inferSelect;
export type ImportErrorValues = Pick<typeof importErrors.$inferInsert, 'importId' | 'rowNumber' | 'column' | 'value' | 'message' | 'code' | 'params'>;
type SalesLine = typeof salesLines.$inferInsert;

const HISTORY = `select id, kind, file_name as fileName, file_size as fileSize, sha256, status, rows_read as rowsRead, inserted, updated,
  duplicates, rejected, duration_ms as durationMs, started_at as startedAt, finished_at as finishedAt, undone_at as undoneAt, user, skipped from imports`;

/** A history row as read: its skipped rows still JSON text. */
type StoredRecord = Omit<ImportRecord, 'skipped'> & { skipped: string | null };
const parsed = <R extends StoredRecord>(r: R): Omit<R, 'skipped'> & Pick<ImportRecord, 'skipped'> => ({ ...r, skipped: r.skipped ? (JSON.parse(r.skipped) as ImportRecord['skipped']) : null });

/** A staged sales line, in the staging table's column order (import_id and created_at are added when it is saved). */
export type StagedSalesLine = [
  partnerId: SalesLine['partnerId'],
  date: SalesLine['date'],
  orderRef: string | null,
  lineRef: string | null,
  product: string | null,
  category: string | null,
  quantity: number,
  amountMinor: SalesLine['amountMinor'],
  costMinor: number | null,
  customerRef: string | null,
  /** null: CNY (SALES_STAGE.derived). */
  currency: string | null,
  /** null: the line reference's key (SALES_STAGE.derived). */
  dedupeKey: SalesLine['dedupeKey'] | null,
];

/** Rows per multi-row INSERT into a staging table (16 columns × 64 = 1,024 parameters, under SQLite's limit). */
const STAGE_BATCH = 64;

let nextStage = 0;
/** Every staging table of every import is named import_stage_<n>, in the connection's TEMP schema only. */
const stageName = () => `import_stage_${++nextStage}`;

export const importStore = {
  kindOf(ws: Workspace, id: number): ImportRow['kind'] | undefined {
    return ws.sqlite.prepare<[number], { kind: ImportRow['kind'] }>('select kind from imports where id = ?').get(id)?.kind;
  },
  /** The history row of a running import (status 'running' until it commits in the same transaction). */
  begin(ws: Workspace, v: Pick<ImportRow, 'kind' | 'fileName' | 'fileSize' | 'startedAt' | 'user'> & { mapping: Record<string, unknown> }): number {
    return Number(
      ws.sqlite
        .prepare<[string, string, number, string, string, string | null]>(
          `insert into imports (kind, file_name, file_size, sha256, mapping, status, started_at, user) values (?, ?, ?, '', ?, 'running', ?, ?)`,
        )
        .run(v.kind, v.fileName, v.fileSize, JSON.stringify(v.mapping), v.startedAt, v.user).lastInsertRowid,
    );
  },
  commit(
    ws: Workspace,
    id: number,
    v: Pick<ImportRow, 'sha256' | 'rowsRead' | 'inserted' | 'updated' | 'duplicates' | 'rejected' | 'durationMs' | 'finishedAt' | 'fileSize' | 'skipped'>,
  ): void {
    ws.sqlite
      .prepare<[string, number, number, number, number, number, number | null, string | null, number, number]>(
        `update imports set status = 'committed', sha256 = ?, rows_read = ?, inserted = ?, updated = ?, duplicates = ?, rejected = ?, duration_ms = ?, finished_at = ?, file_size = ? where id = ?`,
      )
      .run(v.sha256, v.rowsRead, v.inserted, v.updated, v.duplicates, v.rejected, v.durationMs, v.finishedAt, v.fileSize, id);
    // Only a file that had title or total rows writes them (the column stays null otherwise).
    if (v.skipped && (v.skipped.titles.length > 0 || v.skipped.totals > 0)) {
      ws.sqlite.prepare<[string, number]>('update imports set skipped = ? where id = ?').run(JSON.stringify(v.skipped), id);
    }
  },
  /** Stores one rejected row's error (prepared once per import). */
  errorWriter(ws: Workspace): (e: ImportErrorValues) => void {
    const stmt = ws.sqlite.prepare<[number, number, string | null, string | null, string, string | null, string | null]>(
      'insert into import_errors (import_id, row_number, column, value, message, code, params) values (?, ?, ?, ?, ?, ?, ?)',
    );
    return (e) => void stmt.run(e.importId, e.rowNumber, e.column ?? null, e.value ?? null, e.message, e.code ?? null, e.code ? JSON.stringify(e.params ?? {}) : null);
  },
  /** The history, newest first (one kind or all). */
  list(ws: Workspace, opts: { kind?: string; limit: number; offset: number }): { rows: ImportRecord[]; total: number } {
    const where = opts.kind ? ' where kind = ?' : '';
    const args = opts.kind ? [opts.kind] : [];
    const rows = ws.sqlite.prepare<unknown[], StoredRecord>(`${HISTORY}${where} order by id desc limit ? offset ?`).all(...args, opts.limit, opts.offset).map(parsed);
    const total = ws.sqlite.prepare<unknown[], { n: number }>(`select count(*) as n from imports${where}`).get(...args)!.n;
    return { rows, total };
  },
  byId(ws: Workspace, id: number): (ImportRecord & { mapping: string | null }) | undefined {
    const r = ws.sqlite.prepare<[number], StoredRecord & { mapping: string | null }>(`${HISTORY.replace(' from imports', ', mapping from imports')} where id = ?`).get(id);
    return r && parsed(r);
  },
  /**
   * A reader of the partner's first stored line with this dedupe key that has an order (its order and import), through
   * the unique dedupe index's (partner, key) prefix: a row without an order would otherwise store that line again.
   */
  storedLineWithOrder(ws: Workspace, table: 'sales_lines' | 'sell_through_lines'): (partnerId: number, dedupeKey: string) => { orderRef: string; importId: number | null } | undefined {
    const stmt = ws.sqlite.prepare<[number, string], { orderRef: string; importId: number | null }>(
      `select order_ref as orderRef, import_id as importId from ${table} where partner_id = ? and dedupe_key = ? and order_ref is not null order by id limit 1`,
    );
    return (partnerId, dedupeKey) => stmt.get(partnerId, dedupeKey);
  },
  /** The stored row errors of an import (the first `limit`) and how many there are. */
  errors(ws: Workspace, id: number, limit: number): { errors: RowError[]; count: number } {
    const rows = ws.sqlite
      .prepare<[number, number], Pick<typeof importErrors.$inferSelect, 'column' | 'value' | 'message' | 'code'> & { row: number; params: string | null }>(
        'select row_number as row, column, value, message, code, params from import_errors where import_id = ? order by id limit ?',
      )
      .all(id, limit);
    // A row error stored by a run before codes (and matching no known text) has none: it is shown as stored.
    const errors: RowError[] = rows.map(({ code, params, ...e }) => (code ? { ...e, code, params: params ? (JSON.parse(params) as Record<string, unknown>) : {} } : e));
    const count = ws.sqlite.prepare<[number], { n: number }>('select count(*) as n from import_errors where import_id = ?').get(id)!.n;
    return { errors, count };
  },
  /**
   * The newest committed (not undone) import of this kind that read the same sheet of a file with this SHA-256 and
   * changed something, if any.
   */
  earlier(ws: Workspace, kind: string, sha256: string, sheet: string | null) {
    return ws.sqlite
      .prepare<[string, string, string], Pick<ImportRow, 'id' | 'inserted' | 'updated'> & { file_name: string; finished_at: string | null; rows_read: number }>(
        `select id, file_name, finished_at, rows_read, inserted, updated from imports
         where kind = ? and sha256 = ? and status = 'committed' and (inserted > 0 or updated > 0)
           and coalesce(json_extract(mapping, '$.sheet'), '') in (?, '')
         order by id desc limit 1`,
      )
      .get(kind, sha256, sheet ?? '');
  },
  /** Partner code → id and deleted flag, every partner. */
  partnerCodes(ws: Workspace): Array<{ id: number; code: string; deleted_at: string | null }> {
    return ws.sqlite.prepare<[], { id: number; code: string; deleted_at: string | null }>('select id, code, deleted_at from partners').all();
  },
};

/** A target as stored (the image an import keeps for undo). */
export type TargetImage = StoredImage<typeof targets>;

/**
 * The statements of the kinds that write tables no other area's store owns yet (targets, satisfaction feedback):
 * a hot path (a lookup and a write per row), prepared once per import.
 */
export const kindStatements = {
  targets(ws: Workspace) {
    const { sqlite } = ws;
    return {
      find: sqlite.prepare<[partnerId: number, period: string, metric: string], TargetImage>('select * from targets where partner_id = ? and period = ? and metric = ?'),
      insert: sqlite.prepare<[partnerId: number, period: string, metric: string, value: number, importId: number | null, createdAt: string]>(
        'insert into targets (partner_id, period, metric, value, import_id, created_at) values (?, ?, ?, ?, ?, ?)',
      ),
      update: sqlite.prepare<[value: number, importId: number | null, id: number]>('update targets set value = ?, import_id = ? where id = ?'),
      byId: sqlite.prepare<[number | bigint], TargetImage>('select * from targets where id = ?'),
    };
  },
  /** Inserts a feedback row unless the partner already has one with this dedupe key (then nothing changes). */
  feedbackInsert(ws: Workspace) {
    return ws.sqlite.prepare<[partnerId: number, date: string, score: number, comment: string | null, dedupeKey: string, importId: number | null, createdAt: string]>(
      'insert into feedback (partner_id, date, score, comment, dedupe_key, import_id, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (partner_id, dedupe_key) do nothing',
    );
  },
};

/** A TEMP table of serialised chunks (importStage.ts): one blob per chunk number. */
export function chunkTable(sqlite: Database.Database) {
  const table = stageName();
  sqlite.exec(`create temp table ${table} (chunk integer primary key, records blob not null)`);
  const insert = sqlite.prepare<[number, Buffer]>(`insert into temp.${table} (chunk, records) values (?, ?)`);
  const read = sqlite.prepare<[number], Buffer>(`select records from temp.${table} where chunk = ?`).pluck();
  return {
    put: (chunk: number, blob: Buffer) => void insert.run(chunk, blob),
    get: (chunk: number) => read.get(chunk) as Buffer,
    drop: () => {
      if (sqlite.open) sqlite.exec(`drop table if exists temp.${table}`);
    },
  };
}

/** A table of lines an import appends to through a staging table: its columns in stage order and its dedupe's conflict target. */
export interface LineStageSpec {
  /** The workspace table the staged lines are saved into. */
  target: string;
  /** The staged columns, in stage order (import_id and created_at are added when saved). */
  columns: readonly string[];
  /** The unique index that makes a re-imported line a duplicate, e.g. `(partner_id, dedupe_key, ifnull(order_ref, ''))`. */
  conflict: string;
  /**
   * Staged columns a row may leave null because the save derives them from the row's other columns (an SQL
   * expression of the staged columns): the common value then costs neither a string in JavaScript nor its bytes in the
   * staging table. `dedupe_key` derived as `'ref:' || line_ref` tells the pipeline to stage null for a line-reference key.
   */
  derived?: Readonly<Record<string, string>>;
  /**
   * A table whose rows a later file corrects (stock reports): a staged row with the key of a stored one whose values
   * differ replaces those values and takes the import's id, and the stored row's images before and after go to
   * import_changes (undo puts the row back); an equal one is a duplicate.
   */
  corrections?: {
    /** The unique key's columns (the conflict target's). */
    key: readonly string[];
    /** The columns a correction replaces; `keepWhenNull`: an empty staged value keeps the stored one and is no difference. */
    values: ReadonlyArray<{ column: string; keepWhenNull?: boolean }>;
    /** The entity name of the change records (undo's table map). */
    entity: string;
  };
  /**
   * A table whose lines are never corrected by a later file (sales, sell-through): a staged line whose line reference
   * and order are stored with other values in these columns is a row error, not a quiet duplicate (changedDuplicates).
   * `field`: the import field it is read from; `money`: shown with the line's currency; `shown`: SQL of the stored
   * value (`?` is the column) as people read it (a product's code).
   */
  compared?: ReadonlyArray<{ field: string; column: string; money?: true; shown?: string }>;
}

/** What saving a range of staged lines did: rows inserted and stored rows corrected (the rest were duplicates). */
export interface SavedLines {
  inserted: number;
  updated: number;
}

/** A line reference's dedupe key as SQL of the staged row (stagedLines.ts: `ref:<lineRef>`). */
export const REF_KEY = `'ref:' || line_ref`;

/**
 * The conflict target of sales and sell-through lines (their unique dedupe index, migration 0032): a line's key within
 * its order, so line numbers counted within each order (行号 1, 2 … in every order) are keys.
 */
export const ORDER_LINE_CONFLICT = `(partner_id, dedupe_key, ifnull(order_ref, ''))`;

const SALES_STAGE: LineStageSpec = {
  target: 'sales_lines',
  columns: ['partner_id', 'date', 'order_ref', 'line_ref', 'product', 'category', 'quantity', 'amount_minor', 'cost_minor', 'customer_ref', 'currency', 'dedupe_key'],
  conflict: ORDER_LINE_CONFLICT,
  // Most lines: the default currency and a line reference's key, derived when saved (not staged).
  derived: { currency: `'CNY'`, dedupe_key: REF_KEY },
  compared: [
    { field: 'amount', column: 'amount_minor', money: true }, { field: 'quantity', column: 'quantity' }, { field: 'date', column: 'date' },
    { field: 'product', column: 'product' }, { field: 'customerRef', column: 'customer_ref' }, { field: 'cost', column: 'cost_minor', money: true },
    { field: 'category', column: 'category' }, { field: 'currency', column: 'currency' },
  ],
};

/**
 * The staged lines of one import: an index-free TEMP table filled while the file is read (no write lock; rows go in
 * 64 per statement, 1024 per short transaction on the temp schema, which locks nothing of the workspace), then saved
 * under the write lock by INSERT … SELECT in file order, a range of rows per statement, duplicates skipped by the
 * table's unique dedupe index — the bare engine's own staged load, with dedupe. One pipeline for every line kind
 * (sales lines, sell-through lines): the kind gives its columns and typed row.
 */
export function lineStage<Row extends readonly unknown[]>(sqlite: Database.Database, spec: LineStageSpec) {
  const table = stageName();
  const columns = spec.columns.join(', ');
  const width = spec.columns.length;
  sqlite.exec(`create temp table ${table} (${columns})`);
  const placeholders = (n: number) => Array.from({ length: n }, () => `(${'?, '.repeat(width - 1)}?)`).join(', ');
  const batch = sqlite.prepare<unknown[]>(`insert into temp.${table} (${columns}) values ${placeholders(STAGE_BATCH)}`);
  const derived = spec.derived ?? {};
  const values = spec.columns.map((c) => (derived[c] ? `coalesce(${c}, ${derived[c]})` : c)).join(', ');
  const save = sqlite.prepare<[number, string, number, number]>(
    `insert into ${spec.target} (${columns}, import_id, created_at)
     select ${values}, ?, ? from temp.${table} where rowid > ? and rowid <= ? order by rowid
     on conflict ${spec.conflict} do nothing`,
  );
  // The same save while the table's unique indexes are dropped (bulkIndexes.ts dropUniqueIndexes): a plain append.
  const append = sqlite.prepare<[number, string, number, number]>(
    `insert into ${spec.target} (${columns}, import_id, created_at)
     select ${values}, ?, ? from temp.${table} where rowid > ? and rowid <= ? order by rowid`,
  );
  const correct = spec.corrections ? correctionStatements(sqlite, table, spec, spec.corrections) : null;
  const changed = spec.compared ? changedStatement(sqlite, table, spec, spec.compared) : null;
  // Rows wait in preallocated statement-sized parameter arrays (no per-row or per-batch arrays) until 1024 are
  // ready, then go in one short transaction.
  const PER_FLUSH = 1024 / STAGE_BATCH;
  const per = STAGE_BATCH * width;
  const batches = Array.from({ length: PER_FLUSH }, () => new Array<unknown>(per));
  let filled = 0;
  let rows = 0;
  const write = sqlite.transaction((full: number, restRows: number) => {
    for (let b = 0; b < full; b++) batch.run(batches[b]);
    if (restRows) sqlite.prepare<unknown[]>(`insert into temp.${table} (${columns}) values ${placeholders(restRows)}`).run(batches[full].slice(0, restRows * width));
  });
  const flush = () => {
    if (!filled) return;
    write(Math.floor(filled / per), (filled % per) / width);
    filled = 0;
  };
  return {
    /** Whether a line reference's dedupe key is derived when saved (the pipeline stages null for it). */
    derivesRefKey: derived.dedupe_key === REF_KEY,
    get rows() {
      return rows;
    },
    add(line: Row): void {
      const target = batches[Math.floor(filled / per)];
      const at = filled % per;
      for (let i = 0; i < width; i++) target[at + i] = line[i];
      filled += width;
      rows++;
      if (filled === PER_FLUSH * per) flush();
    },
    flush,
    /**
     * Under the write lock: saves staged rows from+1 … to (1-based, file order) — first the corrections of stored rows
     * (their change records, then the update), then the inserts; the rest were duplicates.
     */
    save(importId: number, now: string, from: number, to: number): SavedLines {
      const updated = correct ? correct(importId, from, to) : 0;
      return { inserted: save.run(importId, now, from, to).changes, updated };
    },
    /** The same, while the table has no unique index: every row is appended (the index built afterwards finds duplicates). */
    append(importId: number, now: string, from: number, to: number): number {
      // A table corrected by its key needs the key's index to find what it corrects: never appended to blindly.
      if (correct) throw new Error(`${spec.target} is saved by its key, not appended to`);
      return append.run(importId, now, from, to).changes;
    },
    /** Under the write lock, after the save: the staged ref-keyed lines an earlier import stored with other values. */
    changedDuplicates: changed ?? undefined,
    drop(): void {
      filled = 0;
      if (sqlite.open) sqlite.exec(`drop table if exists temp.${table}`);
    },
  };
}
export type LineStage<Row extends readonly unknown[]> = ReturnType<typeof lineStage<Row>>;

/**
 * The set-based correction of stored rows by a range of staged ones (LineStageSpec.corrections): one INSERT … SELECT
 * of the change records (the stored row as `select *` returns it, before and after, as JSON — what undo compares and
 * writes back) and one UPDATE … FROM, both over the staged rows whose key is stored with other values.
 */
function correctionStatements(sqlite: Database.Database, stage: string, spec: LineStageSpec, c: NonNullable<LineStageSpec['corrections']>) {
  const all = sqlite.prepare<[string], string>('select name from pragma_table_info(?) order by cid').pluck().all(spec.target);
  const on = c.key.map((k) => `s.${k} = t.${k}`).join(' and ');
  const newValue = (v: { column: string; keepWhenNull?: boolean }) => (v.keepWhenNull ? `coalesce(t.${v.column}, s.${v.column})` : `t.${v.column}`);
  const differs = c.values
    .map((v) => (v.keepWhenNull ? `(t.${v.column} is not null and s.${v.column} is not t.${v.column})` : `s.${v.column} is not t.${v.column}`))
    .join(' or ');
  const image = (after: boolean) =>
    `json_object(${all
      .map((col) => {
        const v = c.values.find((x) => x.column === col);
        const value = !after ? `s.${col}` : v ? newValue(v) : col === 'import_id' ? '@importId' : `s.${col}`;
        return `'${col}', ${value}`;
      })
      .join(', ')})`;
  const range = 't.rowid > @from and t.rowid <= @to';
  const record = sqlite.prepare<[{ importId: number; from: number; to: number }]>(
    `insert into import_changes (import_id, entity, entity_id, action, before)
     select @importId, '${c.entity}', s.id, 'update', json_object('before', ${image(false)}, 'after', ${image(true)})
       from temp.${stage} t join ${spec.target} s on ${on}
      where ${range} and (${differs}) order by t.rowid`,
  );
  const update = sqlite.prepare<[{ importId: number; from: number; to: number }]>(
    `update ${spec.target} as s set ${c.values.map((v) => `${v.column} = ${newValue(v)}`).join(', ')}, import_id = @importId
       from temp.${stage} t where ${range} and ${on} and (${differs})`,
  );
  return (importId: number, from: number, to: number): number => {
    record.run({ importId, from, to });
    return update.run({ importId, from, to }).changes;
  };
}

/** One compared field of a line stored with other values: both values as shown. */
export interface LineDifference {
  field: string;
  stored: string;
  value: string;
}

/** A staged line whose key is stored with other values: every differing field, both values as shown. */
export interface ChangedLine {
  /** The staged row (1-based, staging order). */
  at: number;
  /** The import that stored the line. */
  importId: number;
  /** An earlier copy in this file was stored (importId is this import): its staged row (the first copy with the key). */
  earlierAt: number | null;
  orderRef: string | null;
  lineRef: string;
  /** In the stage's `compared` order; never empty. */
  differences: LineDifference[];
}

/**
 * The join of the staged ref-keyed lines with the stored lines of the same key (the unique index: partner, key,
 * order) whose values differ: a line an earlier import stored, or a later copy of a line this file gave before (the
 * first copy was stored). Run only when the save found duplicates: the common import never pays for it. The earlier
 * copies' staged rows are found by one more scan of the stage against a TEMP table of only those keys.
 */
function changedStatement(sqlite: Database.Database, stage: string, spec: LineStageSpec, compared: NonNullable<LineStageSpec['compared']>) {
  const staged = (col: string) => (spec.derived?.[col] && col !== 'dedupe_key' ? `coalesce(t.${col}, ${spec.derived[col]})` : `t.${col}`);
  const differs = compared.map((c) => `s.${c.column} is not ${staged(c.column)}`).join(' or ');
  const shown = (c: (typeof compared)[number], who: string) => (c.shown ? c.shown.replace(/\?/g, `${who}.${c.column}`) : `${who === 't' ? staged(c.column) : `s.${c.column}`}`);
  const cols = compared.map((c, i) => `${shown(c, 's')} as s${i}, ${shown(c, 't')} as t${i}`).join(', ');
  const stageKey = `coalesce(t.dedupe_key, 'ref:' || t.line_ref)`;
  type Found = Record<string, unknown> & { at: number; importId: number; partnerId: number; dedupeKey: string; orderRef: string | null; lineRef: string; sCurrency: string; tCurrency: string };
  const stmt = sqlite.prepare<[], Found>(
    `select t.rowid as at, s.import_id as importId, t.partner_id as partnerId, ${stageKey} as dedupeKey, t.order_ref as orderRef, t.line_ref as lineRef,
            s.currency as sCurrency, ${staged('currency')} as tCurrency, ${cols}
       from temp.${stage} t join ${spec.target} s
         on s.partner_id = t.partner_id and s.dedupe_key = ${stageKey} and ifnull(s.order_ref, '') = ifnull(t.order_ref, '')
      where t.line_ref is not null and (${differs})
      order by t.rowid`,
  );
  /** The first staged row of each key (partner, dedupe key, order) of `keys`: one scan of the stage. */
  const firstRows = (keys: Found[]): Map<string, number> => {
    const table = stageName();
    sqlite.exec(`create temp table ${table} (partner_id, dedupe_key, order_ref, primary key (partner_id, dedupe_key, order_ref)) without rowid`);
    try {
      const add = sqlite.prepare<[number, string, string]>(`insert or ignore into temp.${table} values (?, ?, ?)`);
      for (const k of keys) add.run(k.partnerId, k.dedupeKey, k.orderRef ?? '');
      // CROSS JOIN keeps the stage the outer loop: one pass, a lookup of the few keys per staged row.
      const rows = sqlite
        .prepare<[], { p: number; k: string; o: string; first: number }>(
          `select k.partner_id as p, k.dedupe_key as k, k.order_ref as o, min(t.rowid) as first
             from temp.${stage} t cross join temp.${table} k
            where t.line_ref is not null and k.partner_id = t.partner_id and k.dedupe_key = ${stageKey} and k.order_ref = ifnull(t.order_ref, '')
            group by k.partner_id, k.dedupe_key, k.order_ref`,
        )
        .all();
      return new Map(rows.map((r) => [`${r.p}\u001f${r.k}\u001f${r.o}`, r.first]));
    } finally {
      sqlite.exec(`drop table temp.${table}`);
    }
  };
  return (importId: number): ChangedLine[] => {
    const found = stmt.all();
    const within = found.filter((r) => r.importId === importId);
    const first = within.length ? firstRows(within) : new Map<string, number>();
    return found.map((r) => {
      const differences: LineDifference[] = [];
      compared.forEach((c, i) => {
        if (r[`s${i}`] === r[`t${i}`]) return;
        const show = (v: unknown, currency: string) => (v === null ? '—' : c.money ? formatMoney(Number(v), currency) : String(v));
        differences.push({ field: c.field, stored: show(r[`s${i}`], r.sCurrency), value: show(r[`t${i}`], r.tCurrency) });
      });
      // The columns differ but read alike (a value typed otherwise): still named, by the first compared field.
      if (!differences.length) differences.push({ field: compared[0].field, stored: String(r.s0 ?? '—'), value: String(r.t0 ?? '—') });
      const earlierAt = r.importId === importId ? (first.get(`${r.partnerId}\u001f${r.dedupeKey}\u001f${r.orderRef ?? ''}`) ?? null) : null;
      return { at: r.at, importId: r.importId, earlierAt, orderRef: r.orderRef, lineRef: r.lineRef, differences };
    });
  };
}

/** The staged sales lines of one import (lineStage, sales_lines' columns). */
export const salesStage = (sqlite: Database.Database): LineStage<StagedSalesLine> => lineStage<StagedSalesLine>(sqlite, SALES_STAGE);
export type SalesStage = LineStage<StagedSalesLine>;

/**
 * The import's own connection while it runs: its page cache, the savepoint around a row of a kind whose write may be
 * refused, and the end of its one transaction (begun by beginWrite, db/writeLock.ts).
 */
export const importConnection = {
  /** The page cache size as SQLite reports it (negative = KiB). */
  cacheSize: (sqlite: Database.Database): number => sqlite.pragma('cache_size', { simple: true }) as number,
  setCacheSize(sqlite: Database.Database, size: number): void {
    sqlite.pragma(`cache_size = ${Math.trunc(size)}`);
  },
  /** Runs `fn` in a savepoint: undone (and the error passed on) when it throws. */
  inSavepoint<T>(sqlite: Database.Database, fn: () => T): T {
    sqlite.exec('SAVEPOINT import_row');
    try {
      const out = fn();
      sqlite.exec('RELEASE import_row');
      return out;
    } catch (e) {
      sqlite.exec('ROLLBACK TO import_row');
      sqlite.exec('RELEASE import_row');
      throw e;
    }
  },
  /** A named savepoint inside the import's transaction (the optimistic save without the unique index). */
  savepoint(sqlite: Database.Database, name: 'import_optimistic'): void {
    sqlite.exec(`SAVEPOINT ${name}`);
  },
  release(sqlite: Database.Database, name: 'import_optimistic'): void {
    sqlite.exec(`RELEASE ${name}`);
  },
  /** Undoes everything since the savepoint (rows, dropped indexes) and ends it. */
  rollbackTo(sqlite: Database.Database, name: 'import_optimistic'): void {
    sqlite.exec(`ROLLBACK TO ${name}`);
    sqlite.exec(`RELEASE ${name}`);
  },
  commit(sqlite: Database.Database): void {
    sqlite.exec('COMMIT');
  },
  /** Rolls back the import's transaction if one is open. */
  rollback(sqlite: Database.Database): void {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  },
};

/** A table's index as stored in the schema: its name and its CREATE statement. */
export interface StoredIndex {
  name: string;
  sql: string;
}

/** Bulk loading (bulkIndexes.ts): a table's size and its indexes, dropped and re-created from their stored SQL. */
export const bulkIndexStore = {
  /** The table's highest rowid (a cheap, conservative row count). */
  maxRowid(sqlite: Database.Database, table: BulkTable): number {
    return sqlite.prepare<[], { n: number }>(`select coalesce(max(rowid), 0) as n from "${table}"`).get()!.n;
  },
  /** The table's indexes that have SQL of their own (not those behind a PRIMARY KEY or UNIQUE constraint). */
  indexes(sqlite: Database.Database, table: BulkTable): StoredIndex[] {
    return sqlite.prepare<[string], StoredIndex>(`select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`).all(table);
  },
  drop(sqlite: Database.Database, index: StoredIndex): void {
    sqlite.exec(`drop index "${index.name.replace(/"/g, '""')}"`);
  },
  create(sqlite: Database.Database, index: StoredIndex): void {
    sqlite.exec(index.sql);
  },
};
/** Tables an import appends to in bulk (KindSpec.bulkTable). */
export type BulkTable = 'sales_lines' | 'sell_through_lines';

type ImportChange = typeof importChanges.$inferSelect;
/** A change an import recorded: `before` holds the row before and after it ({ before, after }). */
export type ImportChangeRow = Pick<ImportChange, 'id' | 'entity' | 'action'> & { entityId: number; before: string };

/** Tables whose rows an import inserts or updates one by one (and undo puts back from import_changes). */
export const CHANGED_TABLES = ['partners', 'targets', 'training_records', 'risks', 'products', 'product_prices', 'inventory_snapshots'] as const;
export type ChangedTable = (typeof CHANGED_TABLES)[number];
/** Tables an import appends rows to that carry its id (undo deletes them by import id). */
export const APPENDED_TABLES = ['sales_lines', 'feedback', 'sell_through_lines', 'inventory_snapshots'] as const;
export type AppendedTable = (typeof APPENDED_TABLES)[number];
type PayoutRun = typeof payoutRuns.$inferSelect;

/** Undo's SQL (undo.ts holds the rules: what may be undone, in which order). */
export const undoStore = {
  /** The import as undo needs it. */
  importOf(ws: Workspace, id: number): (Pick<ImportRow, 'id' | 'kind' | 'status' | 'inserted'> & { fileName: string }) | undefined {
    return ws.sqlite
      .prepare<[number], Pick<ImportRow, 'id' | 'kind' | 'status' | 'inserted'> & { fileName: string }>('select id, kind, file_name as fileName, status, inserted from imports where id = ?')
      .get(id);
  },
  /** The rows the import inserted or updated one by one, newest first. */
  changes(ws: Workspace, importId: number): ImportChangeRow[] {
    return ws.sqlite
      .prepare<[number], ImportChangeRow>('select id, entity, entity_id as entityId, action, before from import_changes where import_id = ? order by id desc')
      .all(importId);
  },
  /** A changed row as it is now (every column, as stored). */
  current(ws: Workspace, table: ChangedTable, id: number): Record<string, unknown> | undefined {
    return ws.sqlite.prepare<[number], Record<string, unknown>>(`select * from ${table} where id = ?`).get(id);
  },
  /** Deletes a row the import inserted (a risk with its history); returns how many rows went. */
  deleteInserted(ws: Workspace, table: ChangedTable, id: number): number {
    if (table === 'risks') ws.sqlite.prepare<[number]>('delete from risk_history where risk_id = ?').run(id);
    return ws.sqlite.prepare<[number]>(`delete from ${table} where id = ?`).run(id).changes;
  },
  /** Puts back the columns of a row the import updated, as they were before it. */
  restore(ws: Workspace, table: ChangedTable, id: number, before: Record<string, unknown>): void {
    const cols = Object.keys(before).filter((k) => k !== 'id');
    ws.sqlite.prepare<unknown[]>(`update ${table} set ${cols.map((k) => `"${k.replace(/"/g, '""')}" = ?`).join(', ')} where id = ?`).run(...cols.map((k) => before[k]), id);
  },
  /** A risk's history entry for the undo of an import's update of it. */
  riskHistory(ws: Workspace, v: Pick<typeof riskHistory.$inferInsert, 'riskId' | 'changedAt' | 'changedBy'> & { changes: Record<string, unknown>; snapshot: Record<string, unknown> }): void {
    ws.sqlite
      .prepare<[number, string, string, string, string]>('insert into risk_history (risk_id, changed_at, changed_by, changes, snapshot) values (?, ?, ?, ?, ?)')
      .run(v.riskId, v.changedAt, v.changedBy, JSON.stringify(v.changes), JSON.stringify(v.snapshot));
  },
  appendedCount(ws: Workspace, table: AppendedTable, importId: number): number {
    return ws.sqlite.prepare<[number], { n: number }>(`select count(*) as n from ${table} where import_id = ?`).get(importId)!.n;
  },
  deleteAppended(ws: Workspace, table: AppendedTable, importId: number): number {
    return ws.sqlite.prepare<[number]>(`delete from ${table} where import_id = ?`).run(importId).changes;
  },
  /** Approved or paid payout runs (their money must not change under them). */
  closedPayoutRuns(ws: Workspace): Array<Pick<PayoutRun, 'id' | 'period' | 'status'>> {
    return ws.sqlite.prepare<[], Pick<PayoutRun, 'id' | 'period' | 'status'>>(`select id, period, status from payout_runs where status in ('approved', 'paid')`).all();
  },
  /** Whether a payout run paid partners with sales lines of this import dated within [from, to]. */
  payoutRunUses(ws: Workspace): (runId: number, importId: number, from: string, to: string) => boolean {
    const uses = ws.sqlite.prepare<[number, number, string, string], { one: number }>(
      `select 1 as one from payout_lines l join sales_lines s on s.partner_id = l.partner_id
       where l.run_id = ? and s.import_id = ? and s.date between ? and ? limit 1`,
    );
    return (runId, importId, from, to) => uses.get(runId, importId, from, to) !== undefined;
  },
  markUndone(ws: Workspace, id: number, at: string): void {
    ws.sqlite.prepare<[string, number]>(`update imports set status = 'undone', undone_at = ? where id = ?`).run(at, id);
  },
};

/** Records an insert or update of one row in import_changes (a kind's writer; prepared once per import). */
export function changeWriter(ws: Workspace): (v: Pick<ImportChange, 'importId' | 'entity' | 'entityId' | 'action'> & { before: string }) => void {
  const stmt = ws.sqlite.prepare<[number, string, number, string, string]>('insert into import_changes (import_id, entity, entity_id, action, before) values (?, ?, ?, ?, ?)');
  return (v) => void stmt.run(v.importId, v.entity, v.entityId, v.action, v.before);
}
