import type * as XLSX from '@e965/xlsx';
import { lazyModule } from '../lazyModule';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileRefused, noSheet } from './importFailure';
import { importMessage } from '../../../shared/importMessages';
import type { RecordSource } from './recordSource';
import { cellText, isEmptyRow, isTotalRow, pickHeaderRow, SkippedTotals } from './recordSource';
import type { Cell, SourceRecord } from '../../model/imports';
import { XLSX_LIMITS, type XlsxLimits } from './xlsx/limits';
import { excelNumber, serialToDate } from './xlsx/sheetRows';

const sheetjs = lazyModule<typeof XLSX>('@e965/xlsx');

const ERRORS: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A', 43: '#GETTING_DATA' };

/** A SheetJS cell as the XLSX reader gives it: text, booleans, error text, dates where the format shows one, numbers at 15 digits. */
function legacyCell(c: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!c || c.v === undefined || c.v === null) return null;
  switch (c.t) {
    case 's':
      return String(c.v);
    case 'b':
      return Boolean(c.v);
    case 'e':
      return c.w ?? ERRORS[c.v as number] ?? '#ERROR';
    case 'd':
      return c.v as Date;
    case 'n': {
      const n = excelNumber(String(c.v));
      if (c.z !== undefined && sheetjs().SSF.is_date(c.z as string)) {
        try {
          return serialToDate(n, date1904);
        } catch {
          return n;
        }
      }
      return n;
    }
    default:
      return null;
  }
}

/**
 * Excel 97–2003 (.xls), WPS (.et) and OpenDocument (.ods) workbooks, through SheetJS 0.20.3 (the @e965/xlsx build of
 * the SheetJS CDN release; the registry's `xlsx` 0.18.5 is stale and has known CVEs). These formats are not streamable,
 * so the file is read whole, within a size limit; cells follow the XLSX reader's rules (tab order, dates by number
 * format and the 1904 flag, numbers at Excel's 15 significant digits).
 */
export async function openLegacyWorkbookSource(
  path: string,
  fileSize: number,
  sheetName: string | null,
  format: 'xls' | 'ods',
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<RecordSource> {
  const name = basename(path);
  if (fileSize > limits.legacyFileBytes) {
    const params = { format, mib: Math.ceil(fileSize / 1024 ** 2), limitMib: limits.legacyFileBytes / 1024 ** 2 };
    throw fileRefused(`${name} is ${importMessage('legacyTooLarge', params)}`, { fileName: name }, { code: 'legacyTooLarge', params });
  }
  const buf = await readFile(path);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  let wb: XLSX.WorkBook;
  try {
    wb = sheetjs().read(buf, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellHTML: false, cellStyles: false, sheetStubs: false });
  } catch (e) {
    const params = { format, detail: (e as Error)?.message ?? String(e) };
    throw fileRefused(`${name}: ${importMessage('notLegacyWorkbook', params)}`, { fileName: name }, { code: 'notLegacyWorkbook', params });
  }
  const sheets = wb.SheetNames.slice();
  const chosen = sheetName === null ? sheets[0] : sheets.find((s) => s === sheetName);
  if (chosen === undefined) {
    throw noSheet(name, sheetName, sheets);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const ws = wb.Sheets[chosen];
  const data = ((ws as unknown as { '!data'?: XLSX.CellObject[][] })['!data'] ?? []) as Array<XLSX.CellObject[] | undefined>;
  if (data.length > limits.rows) throw fileRefused(`${name}, sheet '${chosen}' has more than ${limits.rows.toLocaleString('en')} rows (the limit)`, { fileName: name, sheet: chosen }, { code: 'tooManyRows', params: { max: limits.rows } });
  const rowAt = (r: number): Cell[] => {
    const row = data[r] ?? [];
    const out: Cell[] = [];
    for (let c = 0; c < row.length; c++) out.push(legacyCell(row[c], date1904));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  };
  let r = 0;
  while (r < data.length && isEmptyRow(rowAt(r))) r++;
  if (r >= data.length) {
    throw fileRefused(`${name}, sheet '${chosen}' has no header row (the sheet is empty)`, { fileName: name, sheet: chosen, row: 1 }, { code: 'noRows', params: { sheet: true } });
  }
  // A title above the header (a merged cell: one filled cell) is skipped; rows read past a one-column header come back first.
  let at = r;
  const nextFilled = async (): Promise<SourceRecord | null> => {
    while (++at < data.length) {
      const cells = rowAt(at);
      if (!isEmptyRow(cells)) return { row: at + 1, cells };
    }
    return null;
  };
  const picked = await pickHeaderRow({ row: r + 1, cells: rowAt(r) }, nextFilled);
  const header = picked.header.cells.map((c) => cellText(c).trim());
  const headerRow = picked.header.row;
  const held = picked.held;
  const totals = new SkippedTotals();
  let read = 0;
  return {
    format,
    encoding: null,
    delimiter: null,
    sheet: chosen,
    sheets,
    fileSize,
    header,
    headerRow,
    async *records(): AsyncGenerator<SourceRecord> {
      // Held rows (read past a one-column header) first, then the rows after them.
      const start = held.length ? held[held.length - 1].row : headerRow;
      yield* held;
      for (let i = start; i < data.length; i++) {
        const cells = rowAt(i);
        read = i;
        if (isEmptyRow(cells)) continue;
        if (isTotalRow(cells)) {
          totals.note(i + 1, cells);
          continue;
        }
        yield { row: i + 1, cells };
      }
      read = data.length;
    },
    skipped: () => totals.report(picked.titles),
    bytesRead: () => Math.floor((fileSize * read) / Math.max(1, data.length)),
    sha256: () => sha256,
    close() {},
  };
}
