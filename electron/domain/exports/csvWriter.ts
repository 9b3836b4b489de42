import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { safeCell, type CellValue } from './safeCell';

/** UTF-8 byte-order mark: Excel on Chinese Windows needs it to read UTF-8 CSV as UTF-8 rather than GBK. */
export const UTF8_BOM = '\uFEFF';

/**
 * Text Excel would turn into a number and so damage: digit strings of 11+ digits (bank accounts, credit codes, phones,
 * ID numbers lose digits to 1.23E+20), digit strings with a leading zero, and digits-E-digits (read as a power of ten).
 */
const EXCEL_NUMBER_LIKE = /^(\d{11,}|0\d+|\d+[eE]\d+)$/;

/**
 * The Excel flavour of a CSV text cell: number-like text is written as ="…" so Excel keeps it as text, digit for digit.
 * Only strings of digits (and E) are ever wrapped, so the wrapper cannot carry a formula of anyone's making; every other
 * text still goes through the formula-injection guard.
 */
export function excelTextField(value: string): string | null {
  return EXCEL_NUMBER_LIKE.test(value) ? `="${value}"` : null;
}

export type CsvFlavour = 'plain' | 'excel';

function field(value: CellValue, flavour: CsvFlavour = 'plain'): string {
  if (flavour === 'excel' && typeof value === 'string') {
    const wrapped = excelTextField(value);
    if (wrapped) return `"${wrapped.replace(/"/g, '""')}"`;
  }
  const v = safeCell(value);
  if (v === null) return '';
  const text = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CellValue[], flavour: CsvFlavour = 'plain'): string {
  return `${values.map((v) => field(v, flavour)).join(',')}\r\n`;
}

/** Whole CSV text (BOM, CRLF, quoted where needed, formula-safe). */
export function toCsv(header: string[], rows: CellValue[][]): string {
  return UTF8_BOM + csvLine(header) + rows.map((r) => csvLine(r)).join('');
}

/**
 * Streaming CSV writer for large exports (rejected rows, finance files, grid exports): written to `<path>.partial` and
 * renamed on close, so a failed or cancelled export never leaves a half file; `write` answers false when the file stream's
 * buffer is full, and `drain()` waits until it has been written out (memory stays bounded however long the export).
 */
export class CsvWriter {
  private readonly out: WriteStream;
  private readonly partial: string;
  constructor(
    private readonly path: string,
    header: string[],
    private readonly flavour: CsvFlavour = 'plain',
  ) {
    this.partial = `${path}.partial`;
    this.out = createWriteStream(this.partial, { encoding: 'utf8' });
    this.out.write(UTF8_BOM + csvLine(header, flavour));
  }
  write(values: CellValue[]): boolean {
    return this.out.write(csvLine(values, this.flavour));
  }
  drain(): Promise<void> {
    return this.out.writableNeedDrain ? new Promise((resolve) => this.out.once('drain', () => resolve())) : Promise.resolve();
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.end((err?: Error | null) => {
        if (err) return reject(err);
        try {
          renameSync(this.partial, this.path);
          resolve();
        } catch (e) {
          reject(e as Error);
        }
      });
    });
  }
  /** Stops writing and removes the partial file. */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
    rmSync(this.partial, { force: true });
  }
}
