import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { minorExponent } from '../../../shared/money';
import type { GridColumnSpec, GridExportInput, GridExportResult } from '../../model/grids';
import type { OpContext } from '../opContext';
import { CsvWriter } from '../exports/csvWriter';
import type { CellValue } from '../exports/safeCell';
import { outputPath } from '../exports/outputPath';
import { writeXlsx, type XlsxColumn } from '../exports/xlsxWriter';
import { rawValue, rowFilter, shownValue, sortRows, type GridRow } from './gridColumns';
import { renderGridPdf } from './gridPdf';
import { workspaceClock } from '../system/workspaceClock';

/**
 * Where a grid's rows come from: the same query the page runs, re-run in the domain.
 * - `sorted`: the rows arrive in the grid's sort order (streamed from SQL: nothing is held in memory);
 * - otherwise the source is a bounded list (what the page itself loads whole) and is sorted here as the grid sorts.
 */
export interface GridRowSource {
  rows: Iterable<GridRow>;
  /** Rows the query will yield, for the progress bar (null: unknown). */
  total: number | null;
  sorted: boolean;
}

/** Money as the exact decimal text of its minor units (12345 fen → "123.45"), never through a binary fraction. */
export function minorToDecimal(minor: number, currency = 'CNY'): string {
  const exp = minorExponent(currency);
  if (exp === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

const currencyOf = (row: GridRow) => (typeof row.currency === 'string' ? row.currency : 'CNY');

/** A cell as the file holds it: money exact in major units, percentages as fractions, codes as their labels, the rest as shown. */
function cellFor(row: GridRow, col: GridColumnSpec): CellValue {
  const numeric = col.kind === 'money' || col.kind === 'percent' || col.kind === 'percentPoints' || col.kind === 'number' || col.kind === 'count';
  const v = numeric ? rawValue(row, col) : shownValue(row, col);
  if (v === null || v === undefined) return col.emptyText ?? null;
  if (col.kind === 'money' && typeof v === 'number') {
    const text = minorToDecimal(v, currencyOf(row));
    return Number(text); // the shortest decimal that reads back as this double: exactly the fen, in the CSV as in the XLSX
  }
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'boolean') return v;
  return v as CellValue;
}

const XLSX_FORMAT: Partial<Record<NonNullable<GridColumnSpec['kind']>, string>> = {
  money: '#,##0.00;-#,##0.00',
  percent: '0.0%',
  percentPoints: '0.0"%"',
  date: 'yyyy-mm-dd',
  text: '@',
};

function* filtered(source: GridRowSource, keep: (row: GridRow) => boolean, ctx: Pick<OpContext, 'progress' | 'throwIfCancelled'>, counter: { scanned: number }) {
  for (const row of source.rows) {
    counter.scanned++;
    if (counter.scanned % 1000 === 0) {
      ctx.throwIfCancelled();
      ctx.progress('export', counter.scanned, source.total);
    }
    if (keep(row)) yield row;
  }
}

/**
 * Writes what the grid shows — the visible columns in their order under their headers, the rows its filters keep, in
 * its sort order — to XLSX (streamed, text columns typed text so long digit strings survive Excel) or CSV (plain, or
 * the Excel flavour where long digit strings are wrapped ="…"), formula injection neutralised in both. Rows are read
 * one at a time from the source; a cancel stops between rows and leaves no file.
 */
export async function exportGrid(ctx: OpContext, input: GridExportInput, source: GridRowSource): Promise<GridExportResult> {
  const path = outputPath(resolve(input.out), input.onExists);
  mkdirSync(dirname(path), { recursive: true });
  const all = new Map<string, GridColumnSpec>([...input.hiddenColumns, ...input.columns].map((c) => [c.colId, c]));
  const keep = rowFilter(input.filterModel, all, input.quickFilter, input.columns);
  const counter = { scanned: 0 };
  ctx.progress('export', 0, source.total);
  let rows: Iterable<GridRow>;
  if (source.sorted || !input.sort.length) rows = filtered(source, keep, ctx, counter);
  else {
    const kept: GridRow[] = [];
    for (const r of filtered(source, keep, ctx, counter)) kept.push(r);
    rows = sortRows(kept, input.sort, all);
  }
  let written = 0;
  if (input.format === 'pdf') {
    const printed = await renderGridPdf(rows, input.columns, {
      title: input.title ?? input.grid,
      language: input.language ?? 'zh-CN',
      printedAt: workspaceClock(ctx.ws).now().toISOString(),
      tick: () => ctx.throwIfCancelled(),
    });
    writeFileSync(`${path}.partial`, printed.pdf);
    renameSync(`${path}.partial`, path);
    written = printed.rows;
  } else if (input.format === 'xlsx') {
    const columns: Array<XlsxColumn<GridRow>> = input.columns.map((c) => ({
      header: c.header,
      value: (row) => cellFor(row, c),
      kind: c.kind === 'percent' ? 'percent' : c.kind === 'date' ? 'date' : c.kind === 'number' || c.kind === 'count' || c.kind === 'money' || c.kind === 'percentPoints' ? 'number' : 'text',
      numFmt: XLSX_FORMAT[c.kind ?? 'text'],
      width: Math.max(10, Math.min(50, [...c.header].length * 2 + 2)),
    }));
    const r = await writeXlsx(path, [{ name: input.title ?? 'Export', columns, rows }], { tick: () => ctx.throwIfCancelled() });
    written = r.rows;
  } else {
    const w = new CsvWriter(
      path,
      // A CSV has no number format: a column shown as 85.3% says "(%)" in its header.
      input.columns.map((c) => (c.kind === 'percentPoints' ? `${c.header} (%)` : c.header)),
      input.format === 'csv-excel' ? 'excel' : 'plain',
    );
    try {
      for (const row of rows) {
        if (!w.write(input.columns.map((c) => cellFor(row, c)))) await w.drain();
        written++;
      }
      await w.close();
    } catch (e) {
      await w.abort();
      throw e;
    }
  }
  ctx.progress('export', counter.scanned, counter.scanned);
  ctx.audit({
    entity: input.grid,
    after: { path, format: input.format, rows: written, columns: input.columns.map((c) => c.colId), sort: input.sort, filters: Object.keys(input.filterModel), quickFilter: input.quickFilter ?? null },
  });
  return { path, format: input.format, rows: written, scanned: counter.scanned };
}
