import { MAX_SKIPPED_TOTALS_LISTED, type Cell, type SkippedRow, type SkippedRows, type SourceFormat, type SourceRecord } from '../../model/imports';

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
  /** Data rows after the header; empty rows and total rows (isTotalRow) are skipped. */
  records(): AsyncIterable<SourceRecord>;
  /** Title rows skipped above the header, and the total rows skipped so far (all of them once records() has been read to the end). */
  skipped(): SkippedRows;
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

// The words a report's summary row starts with (after NFKC, lower case, without spaces and colons).
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '总合计', '共计', 'total', 'totals', 'grandtotal', 'subtotal', 'sum']);

/**
 * A report's total or subtotal row ("合计", "合 计：", "Total"): its first filled cell is one of TOTAL_WORDS. Such a
 * row sums the rows above it and holds no record of its own, so the sources skip it as they skip empty rows (a WPS or
 * Excel stock report ends with one; left in, it failed the file on its empty partner code and date). A first character
 * no total word starts with answers at once: this runs on every row.
 */
export function isTotalRow(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    if (isEmptyCell(c)) continue;
    if (typeof c !== 'string' || c.length > 20) return false;
    const ch = c.charCodeAt(0);
    // 合 总 小 共, t/s/g in either case, space, ideographic space, full-width forms.
    if (ch !== 0x5408 && ch !== 0x603b && ch !== 0x5c0f && ch !== 0x5171 && (ch | 32) !== 116 && (ch | 32) !== 115 && (ch | 32) !== 103 && ch !== 32 && ch !== 0x3000 && ch < 0xff00) return false;
    return TOTAL_WORDS.has(c.normalize('NFKC').toLowerCase().replace(/[\s:：]/g, ''));
  }
  return false;
}

/** The total rows a source skipped: how many, and the first few with their row and first filled cell's text. */
export class SkippedTotals {
  count = 0;
  readonly rows: SkippedRow[] = [];
  note(row: number, cells: readonly Cell[]): void {
    this.count++;
    if (this.rows.length < MAX_SKIPPED_TOTALS_LISTED) this.rows.push({ row, text: firstText(cells) });
  }
  /** What the source reports with its titles. */
  report(titles: SkippedRow[]): SkippedRows {
    return { titles, totals: this.count, totalRows: [...this.rows] };
  }
}

const firstText = (cells: readonly Cell[]): string => cellText(cells.find((c) => !isEmptyCell(c)) ?? null).trim();

/** How many title rows (one filled cell each) may stand above a header before the first row is taken as the header. */
export const MAX_TITLE_ROWS = 5;
const filledCells = (cells: Cell[]) => cells.reduce<number>((n, c) => (isEmptyCell(c) ? n : n + 1), 0);

/**
 * The header among a file's first non-empty rows. A report saved from WPS, Excel or a DMS often has a title above the
 * header — one text in a merged cell ("库存周报（2026年第47周）"), an export time — so rows of one filled cell followed
 * (within MAX_TITLE_ROWS) by a row of two or more are titles, and that row is the header. A file whose first rows all
 * have one cell (a one-column list) keeps its first row as the header; the rows read past it come back in `held`, the
 * first data rows. `next` gives the next non-empty row, or null at the end.
 */
export async function pickHeaderRow(
  first: SourceRecord,
  next: () => Promise<SourceRecord | null>,
): Promise<{ header: SourceRecord; held: SourceRecord[]; titles: SkippedRow[] }> {
  if (filledCells(first.cells) !== 1) return { header: first, held: [], titles: [] };
  const read: SourceRecord[] = [];
  while (read.length < MAX_TITLE_ROWS) {
    const r = await next();
    if (!r) break;
    if (filledCells(r.cells) > 1) return { header: r, held: [], titles: [first, ...read].map((t) => ({ row: t.row, text: firstText(t.cells) })) };
    read.push(r);
  }
  return { header: first, held: read, titles: [] };
}

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
