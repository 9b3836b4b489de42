import { createWriteStream, type WriteStream } from 'node:fs';
import { safeCell, type CellValue } from './safeCell';

/** UTF-8 byte-order mark: Excel on Chinese Windows needs it to read UTF-8 CSV as UTF-8 rather than GBK. */
export const UTF8_BOM = '\uFEFF';

function field(value: CellValue): string {
  const v = safeCell(value);
  if (v === null) return '';
  const text = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CellValue[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

/** Whole CSV text (BOM, CRLF, quoted where needed, formula-safe). */
export function toCsv(header: string[], rows: CellValue[][]): string {
  return UTF8_BOM + csvLine(header) + rows.map(csvLine).join('');
}

/** Streaming CSV writer for large exports (rejected rows, finance files). */
export class CsvWriter {
  private readonly out: WriteStream;
  constructor(path: string, header: string[]) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.write(UTF8_BOM + csvLine(header));
  }
  write(values: CellValue[]): void {
    this.out.write(csvLine(values));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
