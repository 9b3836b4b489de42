import type { Cell, SourceFormat, SourceRecord } from '../../model/imports';

/** A file opened for reading: its header and a stream of data rows; counts bytes and hashes the file as it goes. */
export interface RecordSource {
  format: SourceFormat;
  /** Detected or chosen; null for XLSX. */
  encoding: string | null;
  delimiter: string | null;
  /** XLSX: the sheet being read and all sheet names (complete once the file has been read to the end). */
  sheet: string | null;
  sheets: string[];
  fileSize: number;
  /** The header row's texts (trimmed). Available after `open`. */
  header: string[];
  /** Row number of the header (1 unless leading rows are empty). */
  headerRow: number;
  /** Data rows after the header; empty rows are skipped. */
  records(): AsyncIterable<SourceRecord>;
  /** The same rows a chunk at a time, where the source reads in chunks (CSV): one await per chunk, not per row. */
  batches?(): AsyncIterable<readonly SourceRecord[]>;
  bytesRead(): number;
  /** SHA-256 of the whole file, hex; complete once records() has been read to the end. */
  sha256(): string;
  /** Stops reading and releases the file (idempotent). */
  close(): void;
}

export const isEmptyCell = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
export const isEmptyRow = (cells: Cell[]) => cells.every(isEmptyCell);

/** A cell as text, for messages and the rejected-rows file. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

/** A source's rows a chunk at a time (one row per batch for a source that reads row by row). */
export async function* recordBatches(src: RecordSource): AsyncGenerator<readonly SourceRecord[]> {
  if (src.batches) {
    yield* src.batches();
    return;
  }
  for await (const rec of src.records()) yield [rec];
}
