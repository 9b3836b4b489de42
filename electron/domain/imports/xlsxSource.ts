import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ImportFailure } from './importFailure';
import type { RecordSource } from './recordSource';
import { isEmptyRow } from './recordSource';
import type { Cell, SourceRecord } from './types';

/** exceljs cell values: rich text, formulas (their cached result), hyperlinks, errors, shared strings, dates, numbers. */
export function excelCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
    if ('result' in o) return excelCell(o.result);
    if ('text' in o) return excelCell(o.text);
    if ('error' in o) return String(o.error);
    if ('formula' in o || 'sharedFormula' in o) return null;
  }
  return String(v);
}

interface WorksheetReaderLike extends AsyncIterable<{ number: number; values: unknown[] }> {
  id: number | string;
  name?: string;
}

/**
 * Streams one sheet of an XLSX workbook with exceljs's WorkbookReader (the file is never loaded whole).
 * Styles are not read, so dates arrive as Excel serial numbers and are converted by the field parser.
 */
export async function openXlsxSource(path: string, fileSize: number, sheetName: string | null): Promise<RecordSource> {
  const name = basename(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => {
    bytes += chunk.length;
    hash.update(chunk as Buffer);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  } as never);
  const sheets: string[] = [];
  const wrap = (e: unknown) =>
    e instanceof ImportFailure ? e : new ImportFailure(`${name}: not a readable XLSX workbook (${(e as Error)?.message ?? String(e)})`);

  const workbook = (reader as unknown as AsyncIterable<WorksheetReaderLike>)[Symbol.asyncIterator]();
  let sheetIt: AsyncIterator<{ number: number; values: unknown[] }> | null = null;
  let chosen: string | null = null;
  try {
    for (;;) {
      const w = await workbook.next();
      if (w.done) break;
      const wsName = w.value.name ?? `Sheet${w.value.id}`;
      sheets.push(wsName);
      if (sheetName === null || sheetName === wsName) {
        chosen = wsName;
        sheetIt = w.value[Symbol.asyncIterator]();
        break;
      }
    }
  } catch (e) {
    file.destroy();
    throw wrap(e);
  }
  if (!sheetIt) {
    file.destroy();
    throw new ImportFailure(
      sheetName ? `${name} has no sheet named '${sheetName}' (sheets: ${sheets.join(', ') || 'none'})` : `${name} has no worksheets`,
    );
  }
  const rowCells = (values: unknown[]): Cell[] => {
    // exceljs row.values is 1-based (index 0 unused) and sparse.
    const out: Cell[] = [];
    for (let i = 1; i < values.length; i++) out.push(excelCell(values[i]));
    return out;
  };
  let header: string[] = [];
  let headerRow = 0;
  const it = sheetIt;
  const nextRow = async () => {
    try {
      return await it.next();
    } catch (e) {
      throw wrap(e);
    }
  };
  for (;;) {
    const r = await nextRow();
    if (r.done) {
      file.destroy();
      throw new ImportFailure(`${name}, sheet '${chosen}' has no header row (the sheet is empty)`, [
        { row: 1, column: null, value: null, message: 'the sheet has no rows' },
      ]);
    }
    const cells = rowCells(r.value.values);
    if (isEmptyRow(cells)) continue;
    header = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
    headerRow = r.value.number;
    break;
  }
  let closed = false;
  const source: RecordSource = {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: chosen,
    sheets,
    fileSize,
    header,
    headerRow,
    async *records(): AsyncGenerator<SourceRecord> {
      for (;;) {
        const r = await nextRow();
        if (r.done) break;
        const cells = rowCells(r.value.values);
        if (isEmptyRow(cells)) continue;
        yield { row: r.value.number, cells };
      }
      // Read the rest of the workbook: the remaining sheet names, and the whole file for its hash.
      try {
        for (;;) {
          const w = await workbook.next();
          if (w.done) break;
          sheets.push(w.value.name ?? `Sheet${w.value.id}`);
        }
      } catch (e) {
        throw wrap(e);
      }
    },
    bytesRead: () => bytes,
    sha256: () => hash.copy().digest('hex'),
    close() {
      if (closed) return;
      closed = true;
      file.destroy();
    },
  };
  return source;
}
