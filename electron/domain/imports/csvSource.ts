import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { CsvSyntaxError, CsvTokenizer } from './csvTokenizer';
import { fileRefused, type ImportFailure } from './importFailure';
import { cannotRead } from './fileSniffer';
import { importMessage, type ImportMessageCode } from '../../../shared/importMessages';
import type { RecordSource } from './recordSource';
import { isEmptyRow, isTotalRow, pickHeaderRow, SkippedTotals } from './recordSource';
import type { Sniffed } from './fileSniffer';
import type { SourceRecord } from '../../model/imports';

/** A field or row longer than this is an error (usually a quote that is never closed). */
export const MAX_RECORD_CHARS = 1_000_000;
/** Characters of decoded text tokenized at a time (see tokenizeMore). */
const TOKENIZE_PIECE = 1 << 14;

const CSV_SYNTAX: Record<CsvSyntaxError['code'], ImportMessageCode> = {
  CSV_QUOTE_NOT_CLOSED: 'quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'badClosingQuote',
  CSV_INVALID_OPENING_QUOTE: 'badOpeningQuote',
  CSV_MAX_RECORD_SIZE: 'recordTooLong',
};

function csvFailure(name: string, e: CsvSyntaxError, header: string[]): ImportFailure {
  const row = e.records + 1;
  const idx: number | null = e.index;
  const column = idx !== null ? (header[idx] || null) : null;
  // A column without a header name (the header row itself, or a row longer than the header) is named by its position.
  const where = `${name} row ${row}${column ? `, column '${column}'` : idx !== null ? `, column ${idx + 1}${header.length ? ` (the header has ${header.length})` : ''}` : ''}`;
  const code = CSV_SYNTAX[e.code];
  const params = code === 'recordTooLong' ? { max: MAX_RECORD_CHARS } : {};
  return fileRefused(`${where}: ${importMessage(code, params)}`, { fileName: name, row, column }, { code, params });
}

/**
 * Characters no text file holds: NUL and most C0 controls (binary data), U+FFFD (bytes the encoding could not decode).
 * The sniffer looks at the first 64 KB; this checks every cell after it, so a damaged tail is refused, not stored.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\uFFFD]/;
/** A byte above 127 in UTF-8 text read as Latin-1 (see utf8Cells). */
const NON_ASCII = /[\u0080-\u00FF]/;

function notText(name: string, row: number, column: string, cell: string): ImportFailure {
  const at = cell.search(NOT_TEXT);
  const params = { what: cell.charCodeAt(at) === 0xfffd ? 'undecodable' : 'control', char: cell.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0'), at: at + 1 };
  const message = importMessage('badCharacter', params);
  return fileRefused(`${name} row ${row}, column '${column}': ${message}`, { fileName: name, row, column, value: cell.slice(0, 200).replace(new RegExp(NOT_TEXT.source, 'g'), '?') }, { code: 'badCharacter', params });
}

/** Decoded cells kept per reader (a file names a few thousand provinces, customers and products in millions of rows). */
const DECODED_CACHE = 20_000;

/**
 * A UTF-8 file is tokenized as Latin-1 text — one character per byte, so every ASCII cell comes out as V8's compact
 * one-byte string — and only the cells holding a byte above 127 are decoded as UTF-8 (the same decoder, the same U+FFFD
 * for bytes it cannot decode). Decoding a whole chunk as UTF-8 made every cell of a chunk with one Chinese word a
 * two-byte string, and every partner code, date and line reference of such a file cost more to slice, look up and hand
 * to SQLite (a sell-through file with a Chinese province: ~0.8 µs a row, two thirds of its read phase's gap to sales).
 * The record delimiter, delimiter and quote are ASCII and a multi-byte character's bytes never are, so the tokenizer
 * finds the same fields; its record limit then counts bytes (the same as characters in ASCII text).
 */
function utf8Cells() {
  const cache = new Map<string, string>();
  return {
    /** Decodes the non-ASCII cells of `records` in place; true when one holds U+FFFD (bytes that are not UTF-8, or the character itself). */
    decode(records: string[][]): boolean {
      let replaced = false;
      for (const rec of records) {
        for (let i = 0; i < rec.length; i++) {
          const c = rec[i];
          for (let k = 0; k < c.length; k++) {
            if (c.charCodeAt(k) < 128) continue;
            let d = cache.get(c);
            if (d === undefined) {
              d = Buffer.from(c, 'latin1').toString('utf8');
              if (cache.size < DECODED_CACHE) cache.set(c, d);
            }
            if (d.includes('\uFFFD')) replaced = true;
            rec[i] = d;
            break;
          }
        }
      }
      return replaced;
    },
  };
}

/** Streams a delimited text file through the decoder and the tokenizer; the header is the first non-empty row. */
export async function openCsvSource(path: string, sniffed: Sniffed): Promise<RecordSource> {
  const name = basename(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => {
    bytes += chunk.length;
    hash.update(chunk as Buffer);
  });
  const utf8 = sniffed.encoding === 'utf8' ? utf8Cells() : null;
  /** UTF-8: whether a byte above 127 was met (from then on the cells are checked); the BOM is skipped at the start. */
  let nonAscii = false;
  let atStart = true;
  const decoded: Readable = utf8
    ? file
    : (file.pipe(iconv.decodeStream(sniffed.encoding === 'gb18030' ? 'gb18030' : sniffed.encoding === 'utf16be' ? 'utf-16be' : 'utf-16le', { stripBOM: true })) as unknown as Readable);
  if (!utf8) file.on('error', (e) => decoded.destroy(e));
  const tokenizer = new CsvTokenizer(sniffed.delimiter, MAX_RECORD_CHARS);
  const chunks = decoded[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let pending: string[][] = [];
  let at = 0;
  let ended = false;
  let row = 0;
  let header: string[] = [];
  /** Whether any text decoded so far holds a character NOT_TEXT refuses. */
  let suspect = false;
  /** Decoded text not yet tokenized, and how far the tokenizer has had it. */
  let text = '';
  let textAt = 0;
  /**
   * Tokenizes the next piece of the decoded chunk into `pending` (false when the chunk is used up). A piece at a time
   * (~180 rows), not the whole ~1 MB chunk: the rows wait as strings until they are checked and staged, and fewer of
   * them alive at once means fewer survive into V8's old generation (a million-line import spent ~1 s of CPU copying
   * and collecting them).
   */
  const tokenizeMore = (): boolean => {
    if (textAt >= text.length && !(ended && textAt === 0 && text.length === 0)) return false;
    const end = Math.min(text.length, textAt + TOKENIZE_PIECE);
    const piece = textAt === 0 && end === text.length ? text : text.slice(textAt, end);
    textAt = end;
    // The end of the file: the tokenizer completes (or refuses) the last record with the last piece.
    const last = ended && end === text.length;
    if (last && text.length === 0) textAt = 1;
    try {
      pending = tokenizer.push(piece, last);
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw csvFailure(name, e, header);
      throw e;
    }
    if (utf8 && nonAscii && utf8.decode(pending)) suspect = true;
    at = 0;
    return true;
  };
  /** Reads and tokenizes the next chunk (its first piece) into `pending` (false at the end of the file). */
  const fill = async (): Promise<boolean> => {
    if (tokenizeMore()) return true;
    if (ended) return false;
    try {
      const c = await chunks.next();
      text = c.done ? '' : typeof c.value === 'string' ? c.value : (c.value as Buffer).toString('latin1');
      if (utf8 && atStart && text.startsWith('\u00EF\u00BB\u00BF')) text = text.slice(3);
      atStart = false;
      if (utf8 && !nonAscii && NON_ASCII.test(text)) nonAscii = true;
      textAt = 0;
      // One search per decoded chunk; cells are searched one by one only from the first chunk that holds such a character.
      if (!suspect && NOT_TEXT.test(text)) suspect = true;
      ended = c.done === true;
    } catch (e) {
      throw cannotRead(name, e);
    }
    tokenizeMore();
    return true;
  };
  /** The next record, reading and tokenizing the next chunk when the last one's records are used up. */
  const next = async (): Promise<IteratorResult<string[]>> => {
    while (at >= pending.length) if (!(await fill())) return { done: true, value: undefined };
    row++;
    return { done: false, value: pending[at++] };
  };
  // Header: the first row with any text.
  let first = await next();
  while (!first.done && isEmptyRow(first.value)) first = await next();
  if (first.done) {
    file.destroy();
    throw fileRefused(`${name} has no header row (the file is empty)`, { fileName: name, row: 1 }, { code: 'noRows' });
  }
  const nextFilled = async (): Promise<SourceRecord | null> => {
    let r = await next();
    while (!r.done && isEmptyRow(r.value)) r = await next();
    return r.done ? null : { row, cells: r.value };
  };
  // A title above the header (one filled cell) is skipped; rows read past a one-column header come back first.
  const picked = await pickHeaderRow({ row, cells: first.value }, nextFilled);
  header = (picked.header.cells as string[]).map((h) => h.trim());
  const headerRow = picked.header.row;
  let held = picked.held;
  const totals = new SkippedTotals();
  /** The data rows of each chunk read (~1 MB) at once: no promise per row. */
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    if (held.length) {
      const rows = held;
      held = [];
      for (const r of rows) {
        const bad = suspect ? (r.cells as string[]).findIndex((c) => NOT_TEXT.test(c)) : -1;
        if (bad >= 0) throw notText(name, r.row, header[bad] || `${bad + 1}`, (r.cells as string[])[bad]);
      }
      yield rows;
    }
    for (;;) {
      const out: SourceRecord[] = [];
      while (at < pending.length) {
        const cells = pending[at++];
        row++;
        if (cells.length === 1 && cells[0] === '') continue;
        if (isEmptyRow(cells)) continue;
        if (isTotalRow(cells)) {
          totals.note(row, cells);
          continue;
        }
        if (suspect) {
          const bad = cells.findIndex((c) => NOT_TEXT.test(c));
          if (bad >= 0) {
            // The rows before it first, as when rows were read one by one.
            if (out.length) yield out;
            throw notText(name, row, header[bad] || `${bad + 1}`, cells[bad]);
          }
        }
        out.push({ row, cells });
      }
      if (out.length) yield out;
      if (!(await fill())) return;
    }
  }
  let closed = false;
  return {
    format: 'csv',
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
    sheet: null,
    sheets: [],
    fileSize: sniffed.fileSize,
    header,
    headerRow,
    async *records(): AsyncGenerator<SourceRecord> {
      for await (const batch of batches()) yield* batch;
    },
    batches,
    skipped: () => totals.report(picked.titles),
    bytesRead: () => bytes,
    sha256: () => hash.copy().digest('hex'),
    close() {
      if (closed) return;
      closed = true;
      decoded.destroy();
      file.destroy();
    },
  };
}
