import { importMessage, type ImportMessageCode } from '../../../../shared/importMessages';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { Cell } from '../../../model/imports';
import type { XlsxLimits } from './limits';
import { attr, localName } from './xmlStream';

/** A problem with one cell (or row) of the sheet; the source turns it into an error naming file, sheet, row and column. */
export class SheetCellError extends Error {
  constructor(
    readonly code: ImportMessageCode,
    readonly params: Record<string, unknown>,
    readonly row: number | null,
    readonly column: number | null,
  ) {
    super(importMessage(code, params));
  }
}

export interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  /** Per style, the width a whole number is shown zero-padded to ("00000"): such a cell reads as the text shown. */
  zeroPadStyles?: number[];
  date1904: boolean;
  limits: XlsxLimits;
  /** Called with the unpacked bytes of each chunk read (for progress). */
  onBytes?: (n: number) => void;
}

export interface SheetRow {
  /** The spreadsheet row number (1-based). */
  row: number;
  /** Cells from column A, holes as null. */
  cells: Cell[];
}

/** Column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** A number as Excel shows and exports it: 15 significant digits (35621.354999999996 is 35621.355). */
export function excelNumber(text: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`'${text}' is not a number`);
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

const DAY_MS = 86_400_000;

/** A date-formatted number as the moment it shows (UTC components carry the local calendar day and time). */
export function serialToDate(serial: number, date1904: boolean): Date {
  const s = date1904 ? serial + 1462 : serial;
  if (!Number.isFinite(s) || s < 0 || s >= 2958466) throw new Error(`${serial} is not a date Excel can show`);
  const whole = Math.floor(s);
  if (!date1904 && whole === 60) throw new Error('Excel serial 60 is 29 Feb 1900, a day that does not exist');
  // Excel's 1900 system counts a 29 Feb 1900 that never was: from serial 61 on, day 0 is 1899-12-30.
  const day = Date.UTC(1899, 11, whole > 60 || date1904 ? 30 : 31) + whole * DAY_MS;
  return new Date(day + Math.round((s - whole) * 86_400) * 1000);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A t="d" cell: an ISO 8601 date or date-time, as written (a zone offset is ignored: the cell shows the local time). */
export function isoCellDate(text: string): Date {
  const m = ISO.exec(text.trim());
  if (!m) throw new Error(`'${text}' is not an ISO 8601 date`);
  const [y, mo, d, h, mi, s, frac] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0', m[7] ?? '0'].map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, s, Math.round(Number(`0.${frac}`) * 1000));
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw new Error(`'${text}' is not a real date`);
  return date;
}

/**
 * Streams the rows of one worksheet part. Cell types: shared strings (s), inline strings, formula strings (str),
 * booleans (b), errors (e, as their text such as #N/A), ISO dates (d), and numbers — as dates where the cell's style
 * shows a date, else at Excel's 15 significant digits. Rows come in file order, with their own numbers.
 */
export async function* sheetRows(stream: Readable, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const { limits } = ctx;
  const parser = new SaxesParser({ position: false });
  const ready: SheetRow[] = [];
  let failure: unknown = null;
  let rowNum = 0;
  let rows = 0;
  let cells: Cell[] = [];
  let col = -1;
  let type = 'n';
  let style = 0;
  let text = '';
  let collecting = false;
  let inInline = false;
  let phonetic = 0;
  let inCell = false;

  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        const i = Number(text);
        if (!Number.isInteger(i) || i < 0 || i >= ctx.sharedStrings.length) throw new Error(`refers to shared string ${text.trim()}, which the workbook does not have`);
        return ctx.sharedStrings[i];
      }
      case 'inlineStr':
      case 'str':
        return text;
      case 'e':
        return text.trim();
      case 'b':
        return text.trim() === '1' || text.trim() === 'true';
      case 'd':
        return text.trim() === '' ? null : isoCellDate(text);
      default: {
        if (text.trim() === '') return null;
        const n = excelNumber(text);
        if (ctx.dateStyles[style]) return serialToDate(n, ctx.date1904);
        const pad = ctx.zeroPadStyles?.[style] ?? 0;
        return pad && Number.isSafeInteger(n) && n >= 0 ? String(n).padStart(pad, '0') : n;
      }
    }
  };

  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'c') {
      const ref = attr(tag, 'r');
      const c = ref ? columnIndex(ref) : -1;
      col = c >= 0 ? c : col + 1;
      if (col >= limits.columns) throw new SheetCellError('tooManyColumns', { column: columnLetters(limits.columns - 1) }, rowNum, null);
      type = attr(tag, 't') ?? 'n';
      style = Number(attr(tag, 's') ?? 0);
      text = '';
      inCell = true;
    } else if (!inCell) {
      if (name === 'row') {
        const r = Number(attr(tag, 'r'));
        rowNum = Number.isInteger(r) && r > 0 ? r : rowNum + 1;
        if (++rows > limits.rows || rowNum > limits.rows) throw new SheetCellError('tooManyRows', { max: limits.rows }, rowNum, null);
        cells = [];
        col = -1;
      }
    } else if (name === 'v' && !inInline) collecting = true;
    else if (name === 'is') inInline = true;
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && inInline && phonetic === 0) collecting = true;
  });
  const onText = (t: string) => {
    if (!collecting) return;
    text += t;
    if (text.length > limits.cellChars) throw new SheetCellError('cellTooLong', { max: limits.cellChars }, rowNum, col);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'v' || name === 't') collecting = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'is') inInline = false;
    else if (name === 'c') {
      inCell = false;
      let value: Cell;
      try {
        value = cellValue();
      } catch (e) {
        // A date or number that is not one (t="d" 2024-02-30, a serial out of range) stays text, so the field parser
        // refuses it as a row error naming row and column (and --accept-valid can set that row aside).
        if (type === 's') throw new SheetCellError('badSharedStringRef', { detail: (e as Error).message }, rowNum, col);
        value = text;
      }
      if (value !== null) {
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
    } else if (name === 'row') ready.push({ row: rowNum, cells });
  });

  const decoder = new StringDecoder('utf8');
  try {
    // A chunk holds many rows: on an error, the rows completed before it are yielded first, so the error is met in
    // row order (after the header, whose texts name the column in the message).
    const feed = async function* (text: string | null): AsyncGenerator<SheetRow> {
      let error: unknown = null;
      try {
        if (text === null) parser.close();
        else parser.write(text);
      } catch (e) {
        error = e;
      }
      error ??= failure;
      const rows = ready.splice(0);
      yield* rows;
      if (error) throw error;
    };
    for await (const chunk of stream) {
      ctx.onBytes?.((chunk as Buffer).length);
      yield* feed(decoder.write(chunk as Buffer));
    }
    yield* feed(decoder.end());
    yield* feed(null);
  } finally {
    stream.destroy();
  }
}
