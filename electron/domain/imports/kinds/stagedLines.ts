import type { Workspace } from '../../../../db/database';
import { importStore, type LineStage } from '../store';
import type { RowValues, StagedKindRun } from './kind';
import { contentHash, occurrenceCounter } from './kind';
import { importMessage } from '../../../../shared/importMessages';

/**
 * What a line kind (sales lines, sell-through lines, stock-report rows) gives the one staged pipeline: its row check,
 * its identity and its staged row. The pipeline does the rest the same for every such kind: dedupe keys, staging
 * while the file is read, the set-based save under the write lock, the recheck of the lookups.
 */
export type LineKind<T, Row extends readonly unknown[]> = LineKindBase<T, Row> &
  (
    | {
        /**
         * How a re-imported line is known, for kinds without a natural key (sales, sell-through): a dedupe key per
         * row. Without it the stage's unique key is the identity (stock reports: partner, date, product, warehouse).
         */
        dedupe: {
          /** The file's line reference: the dedupe key is `ref:<lineRef>` per partner and order. */
          lineRef(r: T): string | null;
          /** Without a line reference: the row's parsed content (separated by U+001F), hashed with its occurrence in the file. */
          content(r: T): string;
        };
        /** The staged row, in the stage's column order, with its dedupe key (null: derived by the stage from the line reference). */
        row(r: T, dedupeKey: string | null): Row;
      }
    | { dedupe?: undefined; row(r: T): Row }
  );

interface LineKindBase<T, Row extends readonly unknown[]> {
  /** Parses and checks one row (the same function the preview uses). */
  parse(row: RowValues): T | null;
  /** The staging table (a lineStage of the kind's columns). */
  stage: LineStage<Row>;
  /** Under the write lock: whether every lookup the checks made (partners, products, provinces…) still answers the same. */
  unchanged(): boolean;
  /** Under the write lock, once, before the first staged row is saved: what a summary kept by deltas notes (the highest line id). */
  beforeSave?(): void;
  /** Under the write lock, after the staged rows are saved (and the indexes rebuilt): what follows the lines (summaries). */
  afterSave?(importId: number): void;
}

/**
 * A line's key is its line reference within its order (the unique index is partner, key and order: migration 0032), so
 * line numbers counted within each order (行号 1, 2, 3 in every order, as DMS and ERP exports number them) are keys when
 * the file gives the order. Without an order they cannot tell lines apart: every order's line 1 would be one line, and
 * all but the first skipped as duplicates. So a short numeric line reference (up to 6 digits: 1, 10, SAP's 000010) on a
 * row without an order reference, that this file already gave another line of the same partner (other content: not the
 * same line exported twice, which stays a duplicate), refuses the row with how to import the file. Rows with an order
 * or another reference (L1, DMS-3-1) cost one test.
 */
export function lineNumbersWithoutOrder<T>(content: (r: T) => string): (r: T, partnerId: number, orderRef: string | null, lineRef: string | null) => boolean {
  const seen = new Map<string, number>();
  return (r, partnerId, orderRef, lineRef) => {
    if (lineRef === null || orderRef !== null || lineRef.length > 6) return false;
    const c = lineRef.charCodeAt(0);
    if (c < 48 || c > 57 || !/^\d+$/.test(lineRef)) return false;
    const key = `${partnerId}\u001f${lineRef}`;
    const h = fnv1a(content(r));
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, h);
      return false;
    }
    return first !== h;
  };
}

/** A stored line that has an order: its order reference and the import that added it. */
export interface StoredOrderLine {
  orderRef: string;
  importId: number | null;
}

/**
 * The order is part of a line's identity (migration 0032), so a row without an order number whose line reference the
 * partner already has stored *with* an order would be stored again as a new line — the same lines imported once with the
 * order column mapped and once without. Returns a lookup of such a stored line for a row (partner, line reference; rows
 * with an order, or without a line reference, are not looked up), the caller refusing the row with the cause; one point
 * read per such row through the unique index's (partner, key) prefix. Read while the file is read: a line another import
 * stores meanwhile is still a line of its own order, as before.
 */
export function storedLineWithOrder(ws: Workspace, table: 'sales_lines' | 'sell_through_lines'): (partnerId: number, orderRef: string | null, lineRef: string | null) => StoredOrderLine | undefined {
  let lookup: ((partnerId: number, dedupeKey: string) => StoredOrderLine | undefined) | null = null;
  return (partnerId, orderRef, lineRef) => {
    if (lineRef === null || orderRef !== null) return undefined;
    lookup ??= importStore.storedLineWithOrder(ws, table);
    return lookup(partnerId, `ref:${lineRef}`);
  };
}

/** FNV-1a over UTF-16 code units: a 32-bit fingerprint of a line's content (lineNumbersWithoutOrder). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The staged, set-based import of a line kind: rows are parsed, checked and given their dedupe key while the file is
 * read (no write lock), and staged in an index-free TEMP table; under the write lock they are saved with INSERT …
 * SELECT in file order, the unique (partner, dedupe key, order) index skipping duplicates — of earlier imports, and later
 * copies within the file (the first one is kept; a ref-keyed copy with other values is a row error: changedDuplicates). A line's key is `ref:<lineRef>` within its order, else `row:<SHA-256 of its
 * content>:<n>` where n counts identical rows within the file (two genuine look-alike lines are both kept). A kind
 * with a natural key (stock reports) is saved by it: a stored row with other values is corrected (the stage's
 * `corrections`), an equal one is a duplicate.
 */
export function stagedLines<T, Row extends readonly unknown[]>(kind: LineKind<T, Row>): StagedKindRun<T> {
  const occurrence = occurrenceCounter();
  const { stage } = kind;
  let noted = false;
  const noteBefore = () => {
    if (noted) return;
    noted = true;
    kind.beforeSave?.();
  };
  return {
    parse: (row) => kind.parse(row),
    stage(r) {
      if (!kind.dedupe) {
        stage.add(kind.row(r));
        return;
      }
      const ref = kind.dedupe.lineRef(r);
      let key: string | null;
      if (ref !== null) key = stage.derivesRefKey ? null : `ref:${ref}`;
      else {
        const h = contentHash(kind.dedupe.content(r));
        key = `row:${h}:${occurrence(h)}`;
      }
      stage.add(kind.row(r, key));
    },
    get staged() {
      return stage.rows;
    },
    flush: stage.flush,
    unchanged: () => kind.unchanged(),
    save(importId, now, from, to) {
      noteBefore();
      return stage.save(importId, now, from, to);
    },
    append(importId, now, from, to) {
      noteBefore();
      return stage.append(importId, now, from, to);
    },
    afterSave: kind.afterSave?.bind(kind),
    changedDuplicates: stage.changedDuplicates
      ? (importId) =>
          stage.changedDuplicates!(importId).map(({ at, importId: stored, earlierAt, orderRef, lineRef, differences }) => {
            const { field, stored: was, value } = differences[0];
            const base = { order: orderRef, lineRef, field, stored: was, value, ...(differences.length > 1 ? { differences } : {}) };
            if (earlierAt === null) {
              const params = { ...base, importId: stored };
              return { at, error: () => ({ field, message: importMessage('changedDuplicate', params), code: 'changedDuplicate', params }) };
            }
            return {
              at,
              earlierAt,
              error: (earlierRow) => {
                const params = { ...base, row: earlierRow };
                return { field, message: importMessage('changedWithinFile', params), code: 'changedWithinFile', params };
              },
            };
          })
      : undefined,
    drop: stage.drop,
  };
}
