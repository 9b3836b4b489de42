import type ExcelJSModule from 'exceljs';
import { lazyModule } from '../lazyModule';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { workbookCell, type CellValue } from './safeCell';
import { systemClock } from '../../../shared/clock';

const excel = lazyModule<typeof ExcelJSModule>('exceljs');

/**
 * XLSX exports for every area (payout statements, finance lists, training, audit...): streamed with exceljs's
 * WorkbookWriter (large lists never sit in memory), text as typed text cells (workbookCell: never evaluated, no
 * apostrophe), no formulas ever written, money from integer minor units.
 */
export type XlsxKind = 'text' | 'number' | 'integer' | 'money' | 'percent' | 'date';

export interface XlsxColumn<T> {
  header: string;
  /** The cell value; `money` columns take integer minor units (fen/cents) and show major units with 2 decimals. */
  value: (row: T) => CellValue;
  kind?: XlsxKind;
  /** Column width in characters (default from the header, at least 10). */
  width?: number;
  /** Excel number format overriding the kind's (e.g. `@`: the column stays text when edited). */
  numFmt?: string;
}

export interface XlsxSheet<T> {
  name: string;
  columns: XlsxColumn<T>[];
  rows: Iterable<T>;
  /** Keep the header row visible while scrolling (default true). */
  freezeHeader?: boolean;
}

const NUM_FMT: Partial<Record<XlsxKind, string>> = {
  integer: '#,##0',
  money: '#,##0.00;-#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], not empty, unique in the workbook. */
export function sheetName(raw: string, taken: Set<string> = new Set()): string {
  const base = raw.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** One cell as written: text as typed text, money converted, anything formula-like never a formula. */
export function xlsxCell(value: CellValue, kind: XlsxKind = 'text'): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (kind === 'money' && typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`money cells take integer minor units, got ${value}`);
    return value / 100;
  }
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return workbookCell(value);
}

/** Writes the sheets to `path` (through a temporary file, so a failed export never leaves a half file). */
export async function writeXlsx(
  path: string,
  sheets: Array<XlsxSheet<any>>, // eslint-disable-line @typescript-eslint/no-explicit-any -- each sheet has its own row type
  options: {
    creator?: string;
    /** The workbook's creation time (its metadata); default: the wall clock. */
    created?: Date;
    /**
     * Called every 1,000 rows with the count so far, after the written rows were handed to the file (the writer yields to
     * the event loop there, so a long export streams instead of piling up); throwing (a cancel) removes the partial file.
     */
    tick?: (rows: number) => void;
  } = {},
): Promise<{ path: string; rows: number }> {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: partial, useStyles: true, useSharedStrings: false });
  wb.creator = options.creator ?? 'Partner Workbench';
  wb.created = options.created ?? systemClock().now();
  let rows = 0;
  const taken = new Set<string>();
  try {
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheetName(sheet.name, taken), {
        views: sheet.freezeHeader === false ? [] : [{ state: 'frozen', ySplit: 1 }],
      });
      ws.columns = sheet.columns.map((c, i) => ({
        key: `c${i}`,
        width: c.width ?? Math.max(10, Math.min(60, [...c.header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 2))),
        style: (c.numFmt ?? NUM_FMT[c.kind ?? 'text']) ? { numFmt: c.numFmt ?? NUM_FMT[c.kind ?? 'text'] } : {},
      }));
      const header = ws.getRow(1);
      sheet.columns.forEach((c, i) => {
        header.getCell(i + 1).value = c.header;
      });
      header.font = { bold: true };
      header.commit();
      let r = 2;
      for (const row of sheet.rows) {
        const xrow = ws.getRow(r++);
        sheet.columns.forEach((c, i) => {
          xrow.getCell(i + 1).value = xlsxCell(c.value(row), c.kind);
        });
        xrow.commit();
        if (++rows % 1000 === 0) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          options.tick?.(rows);
        }
      }
      ws.commit();
    }
    await wb.commit();
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { path: target, rows };
}
