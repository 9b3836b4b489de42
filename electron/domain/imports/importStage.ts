import type Database from 'better-sqlite3';
import { deserialize, serialize } from 'node:v8';
import type { SourceRecord } from '../../model/imports';

const CHUNK = 1024;
let next = 0;

/**
 * The rows of a file read before the import takes the write lock: reading and decoding the file (CSV decoding,
 * XLSX unzip and XML) is most of an import's time, and other writers — an edit in the window, the CLI — need not
 * wait for it. Rows go to a TEMP table of the import's own connection (this connection only, never in the
 * workspace file, gone with the connection if the process dies; it spills to a temporary file SQLite deletes on
 * close, so a large file is not held in memory — except for an encrypted workspace, whose temp storage stays in memory
 * because the cipher does not cover temporary files), in chunks of 1024 records serialised with v8 (cells keep their
 * types: numbers, booleans, dates). Each chunk is written in its own short transaction on the temp schema, which
 * takes no lock on the workspace, and no transaction stays open between two awaits.
 */
export class ImportStage {
  private readonly table = `import_stage_${++next}`;
  private pending: SourceRecord[] = [];
  private chunks = 0;
  rows = 0;

  constructor(private readonly sqlite: Database.Database) {
    sqlite.exec(`create temp table ${this.table} (chunk integer primary key, records blob not null)`);
  }

  add(rec: SourceRecord): void {
    this.pending.push(rec);
    this.rows++;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** Writes the pending records (call once the file is read). */
  flush(): void {
    if (!this.pending.length) return;
    this.sqlite.prepare(`insert into temp.${this.table} (chunk, records) values (?, ?)`).run(++this.chunks, serialize(this.pending));
    this.pending = [];
  }

  /** The staged records in file order, a chunk at a time (no statement stays open while the caller writes). */
  *records(): Generator<SourceRecord> {
    const read = this.sqlite.prepare(`select records from temp.${this.table} where chunk = ?`).pluck();
    for (let c = 1; c <= this.chunks; c++) yield* deserialize(read.get(c) as Buffer) as SourceRecord[];
  }

  drop(): void {
    this.pending = [];
    if (this.sqlite.open) this.sqlite.exec(`drop table if exists temp.${this.table}`);
  }
}
