import type Database from 'better-sqlite3';
import { bulkIndexStore, importConnection, type BulkTable } from './store';

/**
 * Bulk loading: a large import into a table that is small compared with the file drops the table's secondary
 * (non-unique) indexes inside the import's transaction and builds them again just before COMMIT. Building an index
 * from a sort is several times cheaper than updating it row by row in partner order (1M sales lines: ~2 s to build
 * four indexes vs ~10 s to maintain them). Unique indexes stay: ON CONFLICT needs them for dedupe.
 *
 * Crash-safe by construction: the DROPs and CREATEs are part of the one import transaction (SQLite DDL is
 * transactional), so a rollback, a cancel or a killed process leaves the indexes exactly as they were; the indexes are
 * re-created from their own stored SQL, so the schema after COMMIT is identical.
 */
export const bulkTuning = {
  /** Files smaller than this never use bulk mode (the rebuild costs a full sort of the table). */
  minFileBytes: 8 * 1024 * 1024,
  /** Conservative bytes per row used to estimate the file's rows (over-estimating row size under-estimates rows). */
  bytesPerRow: 200,
  /** Bulk mode when the estimated new rows are at least this fraction of the rows already in the table. */
  minNewToExisting: 0.25,
  /**
   * Page cache (KiB) while the indexes are built, and so for the summaries after them: SQLite's sorter keeps as much
   * as the page cache in memory before it writes sorted runs to a temp file and merges them, so this is also the
   * in-memory size of each index's sort — the bare staged load's 128 MB (IMPORT_CACHE_SIZE). With 32 MB a 1M-line
   * import sorted every index in runs (~0.5 s of system time writing and reading them back) and the summaries' sorts
   * spilled too: index + summaries 4.4–4.9 s → 3.7–3.9 s of CPU. 96 MB sorts in memory too but cannot keep the
   * table (122 MB at 1M lines) cached between the five builds: import CPU 10.4–10.6 s against 10.0–10.2 s. Peak RSS
   * of `bench:import` 337–414 → 442–487 MB (goal ≤ 500; cache and sort are both full while the covering index is
   * built). Issue 20, session 8. The caller restores its cache size afterwards.
   */
  rebuildCacheKiB: 128 * 1024,
};

export interface DroppedIndexes {
  /** Re-creates the dropped indexes (inside the same transaction); idempotent. */
  restore(): void;
  count: number;
}

/** Whether a file of `fileBytes` should be bulk-loaded into `table` (looked up by its highest rowid: cheap, conservative). */
export function shouldBulkLoad(sqlite: Database.Database, table: BulkTable, fileBytes: number): boolean {
  if (fileBytes < bulkTuning.minFileBytes) return false;
  return fileBytes / bulkTuning.bytesPerRow >= bulkIndexStore.maxRowid(sqlite, table) * bulkTuning.minNewToExisting;
}

const isUnique = (sql: string) => /^\s*create\s+unique\b/i.test(sql);

/** The table's unique indexes dropped for an optimistic append (dropUniqueIndexes). */
export interface DroppedUniqueIndexes {
  /** Re-creates them; false when the rows now in the table break one (a duplicate): the caller rolls back to before the drop. */
  restore(): boolean;
  count: number;
}

/**
 * Drops the table's unique indexes so that a bulk import appends its staged rows the way the bare engine does (no
 * B-tree kept in random key order while inserting; ~1.6 s of a 1M-line import) and builds them again from a sort.
 * Building a unique index fails on the first duplicate key, which makes it the duplicate check: the caller saves in a
 * savepoint and, when restore() answers false, rolls back to it and saves row by row against the index
 * (ON CONFLICT DO NOTHING), so the lines stored, their order and the counts are those of the ordinary save.
 * Must run inside the caller's savepoint.
 */
export function dropUniqueIndexes(sqlite: Database.Database, table: BulkTable): DroppedUniqueIndexes {
  if (!sqlite.inTransaction) throw new Error('dropUniqueIndexes needs an open transaction');
  const indexes = bulkIndexStore.indexes(sqlite, table).filter((i) => isUnique(i.sql));
  for (const i of indexes) bulkIndexStore.drop(sqlite, i);
  return {
    count: indexes.length,
    restore() {
      // The sort may hold as much memory as the page cache: the import's large cache is shrunk while it runs.
      const cache = importConnection.cacheSize(sqlite);
      if (indexes.length) importConnection.setCacheSize(sqlite, -bulkTuning.rebuildCacheKiB);
      try {
        for (const i of indexes) bulkIndexStore.create(sqlite, i);
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
        throw e;
      } finally {
        importConnection.setCacheSize(sqlite, cache);
      }
    },
  };
}

/** Drops the table's non-unique indexes; must run inside a transaction (the caller's COMMIT or ROLLBACK ends it). */
export function dropSecondaryIndexes(sqlite: Database.Database, table: BulkTable): DroppedIndexes {
  if (!sqlite.inTransaction) throw new Error('dropSecondaryIndexes needs an open transaction');
  const indexes = bulkIndexStore.indexes(sqlite, table).filter((i) => !isUnique(i.sql));
  for (const i of indexes) bulkIndexStore.drop(sqlite, i);
  let restored = false;
  return {
    count: indexes.length,
    restore() {
      if (restored) return;
      restored = true;
      if (indexes.length) importConnection.setCacheSize(sqlite, -bulkTuning.rebuildCacheKiB);
      for (const i of indexes) bulkIndexStore.create(sqlite, i);
    },
  };
}
