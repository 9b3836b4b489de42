import type Database from 'better-sqlite3';
import { deserialize, serialize } from 'node:v8';
import type { SourceRecord } from '../../model/imports';
import { chunkTable } from './store';

const CHUNK = 1024;

/**
 * The rows of a file read before the import takes the write lock: reading and decoding the file (CSV decoding,
 * XLSX unzip and XML) is most of an import's time, and other writers — an edit in the window, the CLI — need not
 * wait for it. Rows go to a TEMP table of the import's own connection (this connection only, never in the
 * workspace file, gone with the connection if the process dies; it spills to a temporary file SQLite deletes on
 * close, so a large file is not held in memory — except for an encrypted workspace, whose temp storage stays in memory
 * because the cipher does not cover temporary files), in chunks of 1024 records serialised with v8 (cells keep their
 * types: numbers, booleans, dates). Each chunk is written in its own short transaction on the temp schema, which
 * takes no lock on the workspace, and no transaction stays open between two awaits. Kinds checked while the file is
 * read (sales) keep only their rejected rows here, with their errors; their valid rows go to a typed staging table
 * (store.ts salesStage).
 */
export class ImportStage<T = SourceRecord> {
  private readonly table: ReturnType<typeof chunkTable>;
  private pending: T[] = [];
  private chunks = 0;
  rows = 0;

  constructor(sqlite: Database.Database) {
    this.table = chunkTable(sqlite);
  }

  add(rec: T): void {
    this.pending.push(rec);
    this.rows++;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** Writes the pending records (call once the file is read). */
  flush(): void {
    if (!this.pending.length) return;
    this.table.put(++this.chunks, serialize(this.pending));
    this.pending = [];
  }

  /** The staged records in file order, a chunk at a time (no statement stays open while the caller writes). */
  *records(): Generator<T> {
    for (let c = 1; c <= this.chunks; c++) yield* deserialize(this.table.get(c)) as T[];
  }

  drop(): void {
    this.pending = [];
    this.table.drop();
  }
}
