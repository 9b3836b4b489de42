/**
 * RFC 4180 tokenizer for decoded text, fed chunk by chunk. It reads files exactly as csv-parse 7 did with the options
 * the importer used (one-character delimiter, `"` quotes doubled inside quoted fields, the record delimiter fixed by the
 * first `\r\n`, `\n` or `\r` met outside quotes, empty lines kept as `['']`, ragged rows allowed) and refuses the same
 * malformed files with the same codes — tests/unit/imports/csvTokenizer.test.ts holds it to csv-parse on random input —
 * at several times its speed (csv-parse works byte by byte through a generic state machine with look-ahead checks:
 * ~40 % of a million-line import; this scans the string with indexOf and slices fields out of it).
 */
export type CsvErrorCode = 'CSV_QUOTE_NOT_CLOSED' | 'CSV_INVALID_CLOSING_QUOTE' | 'CSV_INVALID_OPENING_QUOTE' | 'CSV_MAX_RECORD_SIZE';

export class CsvSyntaxError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    /** Records completed before the one that failed (its row number is records + 1). */
    readonly records: number,
    /** Index of the field that failed within its record. */
    readonly index: number,
  ) {
    super(code);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvTokenizer {
  private readonly delim: number;
  private readonly delimChar: string;
  /** Text not yet consumed: the start of a record that continues in the next chunk. */
  private tail = '';
  /** 0 until discovered; then '\r\n' (2 chars, CR first), '\n' or '\r'. */
  private eol: '' | '\r\n' | '\n' | '\r' = '';
  private bomChecked = false;
  records = 0;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, not ${JSON.stringify(delimiter)}`);
    this.delim = delimiter.charCodeAt(0);
    this.delimChar = delimiter;
  }

  /**
   * Tokenizes a chunk; returns the records it completes (the last, unfinished one waits for the next chunk). `final`
   * marks the end of the input: the last record is completed or, inside quotes, refused.
   */
  push(chunk: string, final: boolean): string[][] {
    let text = this.tail.length ? this.tail + chunk : chunk;
    if (!this.bomChecked) {
      if (text.length === 0 && !final) return [];
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: string[][] = [];
    const n = text.length;
    let pos = 0;
    for (;;) {
      const start = pos;
      const rec = this.record(text, pos, final, out);
      if (rec < 0) {
        // The record continues in the next chunk.
        this.tail = text.slice(start);
        if (this.tail.length > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.records, this.fieldsIn(this.tail));
        return out;
      }
      pos = rec;
      if (pos >= n) {
        this.tail = '';
        return out;
      }
    }
  }

  /** Fields before the end of `text` (for the field index of an over-long record), counted outside quotes. */
  private fieldsIn(text: string): number {
    let fields = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === this.delim && !quoted) fields++;
    }
    return fields;
  }

  /**
   * Reads one record starting at `pos`; pushes it to `out` and returns the position after its record delimiter, or
   * -1 when the text ends before the record does (and the input is not final). At the very end of final input with
   * nothing left, returns `n` without a record (a file ending in a line break has no empty last record).
   */
  private record(text: string, pos: number, final: boolean, out: string[][]): number {
    const n = text.length;
    if (pos >= n) return final ? n : -1;
    const fields: string[] = [];
    const delim = this.delim;
    const recordStart = pos;
    for (;;) {
      // One field starting at pos.
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        // Quoted: up to the closing quote; "" is a quote.
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) return -1;
            throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', this.records, fields.length);
          }
          if (q + 1 >= n && !final) return -1;
          const next = q + 1 < n ? text.charCodeAt(q + 1) : -1;
          if (next === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          pos = q + 1;
          break;
        }
        if (pos - recordStart > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.records, fields.length);
        fields.push(value);
        if (pos >= n) {
          if (!final) return -1;
          this.emit(out, fields);
          return n;
        }
        const c = text.charCodeAt(pos);
        if (c === delim) {
          pos++;
          continue;
        }
        const eolLen = this.eolAt(text, pos, final);
        if (eolLen === -1) return -1;
        if (eolLen > 0) {
          this.emit(out, fields);
          return pos + eolLen;
        }
        throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', this.records, fields.length - 1);
      }
      // Unquoted: up to the delimiter or the record delimiter; a quote inside is refused.
      let end = pos;
      for (;;) {
        if (end >= n) {
          if (!final) return -1;
          if (end - recordStart > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.records, fields.length);
          const value = text.slice(pos, end);
          // A final line without characters is no record (csv-parse: "skip last line if it has no characters").
          if (fields.length === 0 && value === '') return n;
          fields.push(value);
          this.emit(out, fields);
          return n;
        }
        const c = text.charCodeAt(end);
        if (c === delim) {
          fields.push(text.slice(pos, end));
          pos = end + 1;
          break;
        }
        if (c === CR || c === LF) {
          const eolLen = this.eolAt(text, end, final);
          if (eolLen === -1) return -1;
          if (eolLen > 0) {
            if (end - recordStart > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.records, fields.length);
            fields.push(text.slice(pos, end));
            this.emit(out, fields);
            return end + eolLen;
          }
        } else if (c === QUOTE) {
          throw new CsvSyntaxError('CSV_INVALID_OPENING_QUOTE', this.records, fields.length);
        }
        end++;
      }
      if (pos - recordStart > this.maxRecordChars) throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', this.records, fields.length);
      // A delimiter as the last character of the record: the empty field after it is read by the next turn.
    }
  }

  private emit(out: string[][], fields: string[]): void {
    out.push(fields);
    this.records++;
  }

  /**
   * Length of the record delimiter at `pos` (0 when there is none there, -1 when a lone CR ends a chunk that is not the
   * last, so `\r\n` cannot be told from `\r` yet). The first one met fixes it for the rest of the file.
   */
  private eolAt(text: string, pos: number, final: boolean): number {
    const c = text.charCodeAt(pos);
    if (this.eol === '') {
      if (c === CR) {
        if (pos + 1 >= text.length && !final) return -1;
        this.eol = text.charCodeAt(pos + 1) === LF ? '\r\n' : '\r';
        return this.eol.length;
      }
      if (c === LF) {
        this.eol = '\n';
        return 1;
      }
      return 0;
    }
    if (this.eol === '\r\n') {
      if (c !== CR) return 0;
      if (pos + 1 >= text.length) return final ? 0 : -1;
      return text.charCodeAt(pos + 1) === LF ? 2 : 0;
    }
    return c === this.eol.charCodeAt(0) ? 1 : 0;
  }

  get delimiter(): string {
    return this.delimChar;
  }
}
