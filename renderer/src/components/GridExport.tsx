import type { Column, ColDef, GridApi, ValueFormatterParams } from 'ag-grid-community';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../electron/contract';
import type { GridColumnSpec, GridExportFormat, GridName } from '../../../electron/contract/grids';
import { bridge } from '../api/client';
import { useJob } from '../api/hooks';
import { ErrorBanner } from './ErrorBanner';
import { JobProgressBar } from './JobProgressBar';

/** How a grid page names its export: the grid (its list operation), the query the page sent it, a title and a file name. */
export interface GridExportSource {
  grid: GridName;
  /** The input of the grid's list operation as the page sent it (paging is ignored: the export reads every row). */
  query?: Record<string, unknown>;
  title: string;
  fileName: string;
}

/**
 * Per-column hints in `colDef.context.export`: `false` leaves a column out (buttons); `fields` names the row fields a
 * valueGetter shows; `kind` says how to write the cells; `labels` maps stored codes to words; `pick: 'first'` shows the
 * first field with a value (English name, else Chinese); `emptyText` is what the grid shows in an empty cell.
 */
export type ColumnExportHint = false | { fields?: string[]; kind?: GridColumnSpec['kind']; labels?: Record<string, string>; pick?: 'first'; emptyText?: string };

const hintOf = (def: ColDef): ColumnExportHint | undefined => (def.context as { export?: ColumnExportHint } | undefined)?.export;

/**
 * What the user sees in a code column: the column's own valueFormatter applied to every distinct value the grid holds,
 * so the file shows 合作中 where the grid shows 合作中 (and filters on it), without each page repeating its words.
 */
function labelsFromFormatter<T>(api: GridApi<T>, column: Column, def: ColDef<T>): Record<string, string> | undefined {
  if (typeof def.valueFormatter !== 'function' || !def.field) return undefined;
  const labels: Record<string, string> = {};
  api.forEachNode((node) => {
    const value = api.getCellValue({ rowNode: node, colKey: column });
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'object') return;
    const key = String(value);
    if (key in labels) return;
    const shown = (def.valueFormatter as (p: ValueFormatterParams<T>) => string)({ value, data: node.data, node, colDef: def, column, api, context: undefined } as ValueFormatterParams<T>);
    if (shown !== key) labels[key] = shown;
  });
  return Object.keys(labels).length ? labels : undefined;
}

function specOf<T>(api: GridApi<T>, column: Column): GridColumnSpec | null {
  const def = column.getColDef() as ColDef<T>;
  const hint = hintOf(def);
  if (hint === false) return null;
  if (!hint?.fields && !def.field && def.valueGetter) return null; // computed in the page: nothing in the row to read again
  const fields = hint?.fields ?? [def.field ?? column.getColId()];
  const kind = hint?.kind ?? (fields.length === 1 && /Minor$/.test(fields[0]) ? 'money' : undefined);
  const labels = hint?.labels ?? (kind ? undefined : labelsFromFormatter(api, column, def));
  return {
    colId: column.getColId(),
    header: api.getDisplayNameForColumn(column, 'header'),
    fields,
    ...(kind ? { kind } : {}),
    ...(labels ? { labels } : {}),
    ...(hint?.pick && fields.length > 1 ? { pick: hint.pick } : {}),
    ...(hint?.emptyText !== undefined ? { emptyText: hint.emptyText } : {}),
  };
}

/** The export request for what the grid shows now: visible columns in order, headers, sort, column filters, quick filter. */
export function gridExportSpec<T>(api: GridApi<T>, source: GridExportSource, format: GridExportFormat, out: string): { input: Input<'grids.export'>; skipped: string[] } {
  const skipped: string[] = [];
  const columns: GridColumnSpec[] = [];
  for (const c of api.getAllDisplayedColumns()) {
    const spec = specOf(api, c);
    if (spec) columns.push(spec);
    else if (hintOf(c.getColDef()) !== false) skipped.push(api.getDisplayNameForColumn(c, 'header'));
  }
  const sort = api
    .getColumnState()
    .filter((s) => s.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((s) => ({ colId: s.colId, sort: s.sort as 'asc' | 'desc' }));
  const filterModel = (api.getFilterModel() ?? {}) as Input<'grids.export'>['filterModel'];
  const shown = new Set(columns.map((c) => c.colId));
  const hiddenColumns = [...new Set([...sort.map((s) => s.colId), ...Object.keys(filterModel ?? {})])]
    .filter((id) => !shown.has(id))
    .map((id) => api.getColumn(id))
    .filter((c): c is Column => !!c)
    .map((c) => specOf(api, c))
    .filter((c): c is GridColumnSpec => !!c);
  const quickFilter = (api.getGridOption('quickFilterText') as string | undefined) || undefined;
  return {
    input: { grid: source.grid, query: source.query ?? {}, columns, hiddenColumns, sort, filterModel, quickFilter, format, out, title: source.title },
    skipped,
  };
}

const EXTENSION: Record<GridExportFormat, string> = { xlsx: 'xlsx', csv: 'csv', 'csv-excel': 'csv', pdf: 'pdf' };

/** The Export menu of a grid: XLSX, CSV for finance systems, CSV for Excel; a job with progress and cancel. */
export function GridExportButton<T>({ api, source, testId = 'grid-export' }: { api: GridApi<T> | null; source: GridExportSource; testId?: string }) {
  const { t, i18n } = useTranslation('common');
  const exporter = useJob('grids.export');
  const [open, setOpen] = useState(false);
  const [skipped, setSkipped] = useState<string[]>([]);

  const run = async (format: GridExportFormat) => {
    setOpen(false);
    if (!api) return;
    const env = await bridge.platform.env();
    const sep = env.filesDir.includes('\\') ? '\\' : '/';
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    const out = `${env.filesDir}${sep}${source.fileName}-${stamp}${format === 'csv-excel' ? '-excel' : ''}.${EXTENSION[format]}`;
    const spec = gridExportSpec(api, source, format, out);
    setSkipped(spec.skipped);
    const r = await exporter.start({ ...spec.input, onExists: 'rename', language: i18n.language === 'en' ? 'en' : 'zh-CN' });
    // Printing: the PDF opens in the system's viewer (the browser downloads it), where it is printed.
    if (r && format === 'pdf') await bridge.platform.showItem(r.path);
  };

  return (
    <span className="grid-export" data-testid={testId}>
      <button onClick={() => setOpen((o) => !o)} disabled={!api || exporter.running} data-testid={`${testId}-button`}>
        {t('grid.export')} ▾
      </button>
      <button onClick={() => void run('pdf')} disabled={!api || exporter.running} data-testid={`${testId}-print`} title={t('grid.printHint')}>
        {t('grid.print')}
      </button>
      {open && (
        <span className="menu" role="menu">
          <button role="menuitem" onClick={() => void run('xlsx')} data-testid={`${testId}-xlsx`}>
            {t('grid.exportXlsx')}
          </button>
          <button role="menuitem" onClick={() => void run('csv')} data-testid={`${testId}-csv`}>
            {t('grid.exportCsv')}
          </button>
          <button role="menuitem" onClick={() => void run('csv-excel')} data-testid={`${testId}-csv-excel`}>
            {t('grid.exportCsvExcel')}
          </button>
        </span>
      )}
      {exporter.running && <JobProgressBar progress={exporter.progress} onCancel={exporter.cancel} label={t('grid.exporting')} />}
      {exporter.error && <ErrorBanner error={exporter.error} />}
      {exporter.result && (
        <span className="muted" data-testid={`${testId}-done`}>
          <span title={exporter.result.path}>{t('grid.exported', { count: exporter.result.rows, path: exporter.result.path.split(/[\\/]/).pop() })}</span>{' '}
          <button onClick={() => void bridge.platform.showItem(exporter.result!.path)} data-testid={`${testId}-open`}>
            {t('grid.exportedOne')}
          </button>
          {skipped.length > 0 && <span className="warning"> {t('grid.skipped', { columns: skipped.join(', ') })}</span>}
        </span>
      )}
    </span>
  );
}
