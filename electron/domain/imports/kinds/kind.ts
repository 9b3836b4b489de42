import crypto from 'node:crypto';
import type { Workspace } from '../../../../db/database';
import type { ImportKind } from '../../../../shared/enums';
import type { Cell, DateFormat } from '../../../model/imports';
import {
  parseBoolean,
  parseDate,
  parseDecimal,
  parseQuantity,
  parseEnum,
  parseInteger,
  parseMoney,
  parseNumber,
  parseText,
  ValueError,
} from '../valueParsers';
import { FieldType } from '../../../model/imports';
import { importMessage, type ImportMessageCode } from '../../../../shared/importMessages';
import { changeWriter, importStore, type BulkTable, type SavedLines } from '../store';
import { DroppedZeros } from '../droppedZeros';

/** A target field of an import kind: its name in the mapping file, and header words that match it automatically. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Required for every row (a partner update needs only the code; see the kind). */
  required?: boolean;
  /** Code values, for enumerations (value maps apply). */
  values?: readonly string[];
  synonyms: readonly string[];
}

/** A problem with one field of one row; the runner adds the row, the file's column and the value. */
export interface FieldError {
  field: string | null;
  /** The English words (logs); `code` + `params` are what every surface renders (shared/importMessages). */
  message: string;
  code?: ImportMessageCode;
  params?: Record<string, unknown>;
  /** A value that names nothing the workspace knows (a territory, a channel manager): reported once per value, with its row count. */
  unknown?: { what: UnknownWhat; value: string };
}

export const UNKNOWN_WHATS = ['territory', 'channelManager'] as const;
export type UnknownWhat = (typeof UNKNOWN_WHATS)[number];

/** 'queued': the kind batches writes; its flush() reports them (inside the same transaction, before COMMIT). */
export type WriteOutcome = 'inserted' | 'updated' | 'duplicate' | 'queued';

/** One import of one kind: validation and writing, with its prepared statements and lookups. */
export interface KindRun<T> {
  /** Parses and checks one row; returns null (and pushes errors) when it cannot be stored. Never writes. */
  parse(row: RowValues, errors: FieldError[]): T | null;
  /** Stores one parsed row inside the import's transaction (every kind without `stage`). */
  write?(value: T): WriteOutcome;
  /** Writes what write() queued; returns the counts of all queued rows since the last flush. */
  flush?(): { inserted: number; duplicates: number };
  /** The row as it will be stored, for the preview. */
  display(value: T): Record<string, unknown>;
  /** What the import created on the way (territories, channel managers), by name. */
  created?(): { territories: string[]; channelManagers: string[] };
}

export interface KindContext {
  ws: Workspace;
  /** null in a preview (nothing is written). */
  importId: number | null;
  user: string;
  dateFormat: DateFormat | null;
  values: Record<string, Record<string, string>>;
  /** The mapped fields (a partner update only touches mapped columns). */
  mapped: ReadonlySet<string>;
  now: string;
  /** Create the unknown territories / channel managers the file names (CLI --create-territories / --create-owners, the wizard's confirm). */
  create?: { territories?: boolean; channelManagers?: boolean };
}

/** What a kind checked while the file is read needs: no import id yet, nothing is written to the workspace. */
export type StageContext = Omit<KindContext, 'importId' | 'now' | 'create'>;

/**
 * A kind whose rows are parsed and checked while the file is read, before the write lock (sales): valid rows go to a
 * staging table, and under the lock they are saved as a set. What the checks looked up in the workspace (partner
 * codes) is checked again under the lock; if anything it depends on changed meanwhile, the file is read again there.
 */
/**
 * A staged row whose key an earlier import stored with other values, or an earlier row of the same file gave with
 * other values: its row error (issue 16, nothing silent).
 */
export interface ChangedDuplicate {
  /** The staged row's number (1-based, in the order rows were staged). */
  at: number;
  /** A copy within the file: the staged row of the earlier copy (the one stored). */
  earlierAt?: number;
  /** The error, given the earlier copy's row in the file (`earlierAt`'s). */
  error(earlierRow?: number): FieldError;
}

export interface StagedKindRun<T> {
  parse(row: RowValues, errors: FieldError[]): T | null;
  /** Stages one valid row (in file order). */
  stage(value: T): void;
  /** Rows staged. */
  readonly staged: number;
  /** Ends the read pass: writes what is pending to the staging table. */
  flush(): void;
  /** Under the write lock: whether every lookup of the read pass still gives the same answer. */
  unchanged(): boolean;
  /** Under the write lock: saves staged rows from+1 … to (1-based, file order); returns how many were inserted and how many stored rows corrected, the rest being duplicates. */
  save(importId: number, now: string, from: number, to: number): SavedLines;
  /** The same rows appended while the table's unique indexes are dropped (every row goes in; the index build finds duplicates). */
  append(importId: number, now: string, from: number, to: number): number;
  /** Under the write lock, after every staged row is saved and the indexes are rebuilt: what follows the lines (summaries). */
  afterSave?(importId: number): void;
  /**
   * Under the write lock, after the save, only when some staged rows were duplicates: the staged rows (1-based, file
   * order of the staged rows) whose line reference and order an earlier import already stored with other values, or an
   * earlier row of this file gave with other values.
   */
  changedDuplicates?(importId: number): ChangedDuplicate[];
  /** Drops the staging table (idempotent). */
  drop(): void;
}

export interface KindSpec {
  kind: ImportKind;
  fields: readonly FieldSpec[];
  /** Writes may fail for a row (RowRejected): each row then runs in a savepoint. */
  rowSavepoint?: boolean;
  /** The table a large import appends to: its secondary indexes may be dropped and rebuilt (bulkIndexes.ts). */
  bulkTable?: BulkTable;
  /** Values for fields a row leaves empty (the mapping's `defaults` override them). */
  defaults?: Record<string, string>;
  open(ctx: KindContext): KindRun<unknown>;
  /** Kinds checked while the file is read (before the write lock) and saved as a set: the import uses this instead of open(). */
  stage?(ctx: StageContext): StagedKindRun<unknown>;
}

/**
 * Declares a kind with its own row type `T`. The import runs every kind as a `KindSpec` (it only hands a kind's rows
 * back to that kind), so the one cast from `KindRun<T>` to `KindRun<unknown>` is made here, not in each kind.
 */
export function defineKind<T>(spec: Omit<KindSpec, 'open' | 'stage'> & { open(ctx: KindContext): KindRun<T>; stage?(ctx: StageContext): StagedKindRun<T> }): KindSpec {
  return spec as unknown as KindSpec;
}

/** Whether trim() keeps this character at a text's edge (ECMAScript WhiteSpace and LineTerminator are removed). */
function notTrimmed(code: number): boolean {
  if (code > 32 && code < 127) return true;
  if (code <= 32) return !(code === 32 || (code >= 9 && code <= 13));
  return !(
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Access to one row's cells by target field, with typed parsers that turn a bad value into a FieldError. */
export class RowValues {
  cells: Cell[] = [];
  errors: FieldError[] = [];
  /** Whether empty fields take the defaults (partners turn this off for rows that update an existing partner). */
  applyDefaults = true;
  private readonly nullValues: ReadonlySet<string>;
  /** Longest null word: longer cells are not compared (no trim/upper-case per cell on the hot path). */
  private readonly nullMax: number;
  /** ASCII first characters (both cases) of the null words: a cell starting with any other visible ASCII character is no null word. */
  private readonly nullFirst = new Uint8Array(128);
  private readonly defaults: Record<string, string>;
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly ctx: Pick<KindContext, 'dateFormat' | 'values'> & { nullValues?: ReadonlySet<string>; defaults?: Record<string, string> },
  ) {
    this.nullValues = ctx.nullValues ?? new Set();
    this.nullMax = Math.max(0, ...[...this.nullValues].map((v) => v.length + 8));
    for (const v of this.nullValues) {
      for (const ch of [v[0].toLowerCase(), v[0].toUpperCase()]) if (ch.charCodeAt(0) < 128) this.nullFirst[ch.charCodeAt(0)] = 1;
      // A word starting beyond ASCII: every cell takes the full check.
      if (v.charCodeAt(0) >= 128) this.nullFirst.fill(1);
    }
    this.defaults = ctx.defaults ?? {};
  }

  /** The row's number as messages give it (0 where the caller has none): a check can name an earlier row of the file. */
  at = 0;

  reset(cells: Cell[], errors: FieldError[], at = 0): this {
    this.cells = cells;
    this.errors = errors;
    this.at = at;
    return this;
  }

  raw(field: string): Cell {
    const c = this.cell(field);
    if (c !== null && (typeof c !== 'string' || c.trim() !== '')) return c;
    return this.applyDefaults ? (this.defaults[field] ?? c) : c;
  }

  /** The field's cell, with a null word (NULL, N/A, #N/A) as null; `nullWord` says what the cell held. */
  private cell(field: string): Cell {
    const i = this.index.get(field);
    if (i === undefined) return null;
    const c = this.cells[i] ?? null;
    if (typeof c === 'string' && c.length <= this.nullMax && this.maybeNull(c) && this.nullValues.has(c.trim().toUpperCase())) return null;
    // Undo the formula guard of our own CSV exports ('-12.50 → -12.50), so a corrected rejected-rows file re-imports.
    if (typeof c === 'string' && c.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(c)) return c.slice(1);
    return c;
  }

  private maybeNull(c: string): boolean {
    const first = c.charCodeAt(0);
    // Spaces (trimmed first) and anything beyond ASCII take the full check.
    return !(first > 32 && first < 128) || this.nullFirst[first] === 1;
  }

  /** The file's column of a field (undefined when the field is not mapped). */
  columnOf(field: string): number | undefined {
    return this.index.get(field);
  }

  /** Whether an empty cell of the field (or the field without a column) takes a default. */
  hasDefault(field: string): boolean {
    return this.applyDefaults && this.defaults[field] !== undefined;
  }

  /**
   * A cell the readers take exactly as written: text with no outer spaces (nothing for trim() to remove), not a null
   * word (NULL, N/A), not a formula-guarded value ('=…). Fast paths read such cells directly and leave every other
   * cell to the full readers.
   */
  isPlain(c: Cell | undefined): c is string {
    if (typeof c !== 'string' || c.length === 0) return false;
    const first = c.charCodeAt(0);
    if (first === 39 || !notTrimmed(first) || !notTrimmed(c.charCodeAt(c.length - 1))) return false;
    return !(c.length <= this.nullMax && this.maybeNull(c) && this.nullValues.has(c.toUpperCase()));
  }

  has(field: string): boolean {
    return this.index.has(field) || (this.applyDefaults && this.defaults[field] !== undefined);
  }

  /** The file's own text when it is a null word, for the message of a required field. */
  private nullWord(field: string): string | null {
    const i = this.index.get(field);
    const c = i === undefined ? null : this.cells[i];
    return typeof c === 'string' && this.nullValues.has(c.trim().toUpperCase()) ? c.trim() : null;
  }

  private run<V>(field: string, required: boolean, fn: (c: Cell) => V | null): V | null {
    try {
      const v = fn(this.raw(field));
      if (v === null && required) {
        const word = this.nullWord(field);
        const [code, params] = word ? (['requiredNullWord', { field, word }] as const) : (['required', { field }] as const);
        this.errors.push({ field, message: importMessage(code, params), code, params });
      }
      return v;
    } catch (e) {
      if (e instanceof ValueError) {
        this.errors.push({ field, message: e.message, code: e.code, params: e.params });
        return null;
      }
      throw e;
    }
  }

  /** A problem of the row: a code and its parameters (shared/importMessages); a schema's own message as is. */
  fail(field: string | null, code: ImportMessageCode, params?: Record<string, unknown>): null;
  fail(field: string | null, code: 'schema', message: string): null;
  fail(field: string | null, code: ImportMessageCode | 'schema', params: Record<string, unknown> | string = {}): null {
    if (code === 'schema') this.errors.push({ field, message: params as string });
    else this.errors.push({ field, message: importMessage(code, params as Record<string, unknown>), code, params: params as Record<string, unknown> });
    return null;
  }

  text(field: string, required = false, max = 200) {
    return this.run(field, required, (c) => parseText(c, max));
  }
  date(field: string, required = false) {
    return this.run(field, required, (c) => parseDate(c, this.ctx.dateFormat));
  }
  money(field: string, required = false, currency = 'CNY') {
    return this.run(field, required, (c) => parseMoney(c, currency));
  }
  number(field: string, required = false) {
    return this.run(field, required, parseNumber);
  }
  decimal(field: string, required = false) {
    return this.run(field, required, parseDecimal);
  }
  /** A quantity: a number as decimal text, a percentage refused. */
  quantity(field: string, required = false) {
    return this.run(field, required, parseQuantity);
  }
  integer(field: string, required = false) {
    return this.run(field, required, parseInteger);
  }
  boolean(field: string, required = false) {
    return this.run(field, required, parseBoolean);
  }
  /** An ISO 4217 code (any case), or 人民币/RMB/¥/元 → CNY, 美元/$ → USD. */
  currency(field: string, required = false) {
    return this.run(field, required, (c) => {
      const t = parseText(c, 10);
      if (t === null) return null;
      if (/^[A-Za-z]{3}$/.test(t)) return t.toUpperCase() === 'RMB' ? 'CNY' : t.toUpperCase();
      if (t === '人民币' || t === '¥' || t === '￥' || t === '元') return 'CNY';
      if (t === '美元' || t === '$' || t === 'US$') return 'USD';
      throw new ValueError('notCurrency', { value: t });
    });
  }
  enumOf<T extends string>(field: string, allowed: readonly T[], words: Partial<Record<T, readonly string[]>>, what: string, required = false) {
    return this.run(field, required, (c) => parseEnum(c, allowed, words, this.ctx.values[field], what));
  }
}

/**
 * Thrown by a kind's write when a row turns out invalid only when written; the runner treats it as a row error. It
 * carries a code and its parameters like any row error (the message is their English words), and the field it is about.
 */
export class RowRejected extends Error {
  constructor(
    readonly code: ImportMessageCode,
    readonly params: Record<string, unknown> = {},
    readonly field: string | null = null,
  ) {
    super(importMessage(code, params));
  }
}

/** Everything written about an import's change of one row: enough for undo to restore it and to see later edits. */
export interface ChangeSnapshot {
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/** Records an insert or update in import_changes (the `before` column holds {before, after}). */
export function changeRecorder(ctx: KindContext, entity: string) {
  const write = changeWriter(ctx.ws);
  return (entityId: number, action: 'insert' | 'update', snap: ChangeSnapshot) => {
    if (ctx.importId === null) return;
    write({ importId: ctx.importId, entity, entityId, action, before: JSON.stringify(snap) });
  };
}

/** Partner code → id, loaded once per import (codes compare exactly, as stored). */
export function partnerLookup(ws: Workspace): Map<string, { id: number; deleted: boolean }> {
  const map = new Map<string, { id: number; deleted: boolean }>();
  for (const r of importStore.partnerCodes(ws)) map.set(r.code, { id: r.id, deleted: r.deleted_at !== null });
  return map;
}

/**
 * The partner lookup of a read pass. The write pass asks whether every code would still resolve the same: every
 * partner known when reading still has its code, id and deleted state, and no code the file named that was unknown
 * (or deleted) then resolves now. Only misses are remembered (a Set per row would cost ~0.5 s a million rows); a
 * partner deleted or recoded meanwhile counts as a change even if the file does not name it (rare; the file is then
 * read again under the lock).
 */
export class TrackedPartners extends Map<string, { id: number; deleted: boolean }> {
  private readonly missed = new Set<string>();
  constructor(private readonly ws: Workspace) {
    super(partnerLookup(ws));
  }
  override get(code: string) {
    const p = super.get(code);
    if (p === undefined || p.deleted) this.missed.add(code);
    return p;
  }
  unchanged(): boolean {
    const now = partnerLookup(this.ws);
    const same = (code: string) => {
      const was = super.get(code);
      const is = now.get(code);
      return was?.id === is?.id && was?.deleted === is?.deleted;
    };
    for (const code of super.keys()) if (!same(code)) return false;
    for (const code of this.missed) if (!same(code)) return false;
    return true;
  }
}

/**
 * Resolves the row's partnerCode to an id, or records why it cannot. Codes are the company's own and match exactly (after
 * the cell's leading and trailing spaces are trimmed): `p001` is not `P001`, `Channel Islands` is not `channel islands`.
 * A code that matches only when case, full-width forms or spaces are ignored is still an error, naming the code it
 * resembles, so the user fixes the file (or the partner) instead of the import guessing; so is a code a spreadsheet
 * stripped of its leading zeros (123 for 00123), naming the stored code.
 */
export function resolvePartner(row: RowValues, partners: Map<string, { id: number; deleted: boolean }>, field = 'partnerCode'): number | null {
  const code = row.text(field, true, 64);
  if (code === null) return null;
  const p = partners.get(code);
  if (!p) {
    const alike = lookalikes(partners).get(looseCode(code));
    const zeros = droppedZerosOf(partners).of(code);
    return row.fail(field, 'unknownPartner', { code, alike: alike?.slice(0, 3) ?? [], ...(zeros.length ? { zeros } : {}) });
  }
  if (p.deleted) return row.fail(field, 'partnerDeleted', { code });
  return p.id;
}

const droppedZerosIndex = new WeakMap<Map<string, unknown>, DroppedZeros>();
function droppedZerosOf(partners: Map<string, unknown>): DroppedZeros {
  let index = droppedZerosIndex.get(partners);
  if (!index) droppedZerosIndex.set(partners, (index = new DroppedZeros(partners.keys())));
  return index;
}

/** A code with case, full-width forms and spaces ignored: only to name the code an unknown one resembles. */
export const looseCode = (code: string) => code.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

const lookalikeIndex = new WeakMap<Map<string, unknown>, Map<string, string[]>>();
function lookalikes(partners: Map<string, unknown>): Map<string, string[]> {
  let index = lookalikeIndex.get(partners);
  if (!index) {
    index = new Map();
    for (const code of partners.keys()) {
      const k = looseCode(code);
      const list = index.get(k);
      if (list) list.push(code);
      else index.set(k, [code]);
    }
    lookalikeIndex.set(partners, index);
  }
  return index;
}

/**
 * Occurrence counter for content-hashed dedupe keys: the n-th identical row in one file gets index n.
 * A million rows must not cost hundreds of MB of Map entries and strings, so this is an open-addressing table in one
 * Int32Array: 96 bits of the (SHA-256) hash as the key, exact for any practical file (a 96-bit collision among a
 * million hashes has a probability around 1e-17), and a count.
 */
export function occurrenceCounter() {
  let cap = 1 << 16;
  let table = new Int32Array(cap * 4);
  let size = 0;
  const find = (t: Int32Array, c: number, k0: number, k1: number, k2: number): number => {
    let i = k0 & (c - 1);
    for (;;) {
      const o = i * 4;
      if (t[o + 3] === 0 || (t[o] === k0 && t[o + 1] === k1 && t[o + 2] === k2)) return o;
      i = (i + 1) & (c - 1);
    }
  };
  const grow = () => {
    const old = table;
    cap *= 2;
    table = new Int32Array(cap * 4);
    for (let o = 0; o < old.length; o += 4) {
      if (old[o + 3] === 0) continue;
      const n = find(table, cap, old[o], old[o + 1], old[o + 2]);
      table.set(old.subarray(o, o + 4), n);
    }
  };
  return (hash: string): number => {
    const k0 = parseInt(hash.slice(0, 8), 16) | 0;
    const k1 = parseInt(hash.slice(8, 16), 16) | 0;
    const k2 = parseInt(hash.slice(16, 24), 16) | 0;
    let o = find(table, cap, k0, k1, k2);
    if (table[o + 3] === 0) {
      if (++size * 2 > cap) {
        grow();
        o = find(table, cap, k0, k1, k2);
      }
      table[o] = k0;
      table[o + 1] = k1;
      table[o + 2] = k2;
    }
    // Stored as count + 1, so 0 marks an empty slot.
    return table[o + 3]++;
  };
}

const hashFn = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
/** SHA-256 of normalised row content, first 128 bits as hex. */
export function contentHash(text: string): string {
  return (hashFn ? hashFn('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex')).slice(0, 32);
}
