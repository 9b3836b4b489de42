import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { CellValueChangedEvent, ColDef, GridApi, GridState, RowClickedEvent, StateUpdatedEvent } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GridExportButton, type GridExportSource } from './GridExport';

export interface DataGridProps<T> {
  /** Key under which the column state (order, sizes, sort, filters, hidden columns) is remembered. */
  stateKey: string;
  rows: T[] | undefined;
  columns: ColDef<T>[];
  getRowId?: (row: T) => string;
  onRowClicked?: (row: T) => void;
  toolbar?: ReactNode;
  height?: number | string;
  testId?: string;
  /** Applied on top of the remembered state, e.g. a filter coming from a chart click. */
  filterModel?: Record<string, unknown>;
  onGridApi?: (api: GridApi<T>) => void;
  /** An edited cell (columns with `editable`), e.g. a plan amount typed in to lock it. */
  onCellValueChanged?: (e: CellValueChangedEvent<T>) => void;
  /** Offers Export (XLSX / CSV) of what the grid shows, re-read by the domain through this grid's list operation. */
  exportAs?: GridExportSource;
}

/** The print view lays out every row at once (no virtual scrolling): beyond this, print as PDF. */
const PRINT_VIEW_MAX_ROWS = 2000;

const theme = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600, spacing: 6 });

function loadState(key: string): GridState | undefined {
  try {
    const raw = localStorage.getItem(`pwb.grid.${key}`);
    return raw ? (JSON.parse(raw) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

/** ag-grid (Community) with remembered column state, a quick filter and zh-CN/en grid texts. */
export function DataGrid<T>({ stateKey, rows, columns, getRowId, onRowClicked, toolbar, height = '100%', testId, filterModel, onGridApi, onCellValueChanged, exportAs }: DataGridProps<T>) {
  const { t, i18n } = useTranslation('common');
  const [quick, setQuick] = useState('');
  // Rows left after the quick filter and the column filters (a remembered one too): the count says "1 of 9 rows" then.
  const [shown, setShown] = useState<number | null>(null);
  const apiRef = useRef<GridApi<T> | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<T> | null>(null);
  const initialState = useMemo(() => {
    const saved = loadState(stateKey);
    if (!filterModel) return saved;
    return { ...saved, filter: { filterModel: filterModel as never } };
  }, [stateKey, filterModel]);
  // New column definitions (e.g. a formatter that now knows the territory names) do not re-render cells whose values are
  // unchanged: refresh them, so the grid shows — and exports — what its columns say.
  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
  }, [columns]);
  // Print view: every row the grid holds (its filter and sort), laid out for paper, then the system's print dialog.
  const [printing, setPrinting] = useState(false);
  const [printRefused, setPrintRefused] = useState<number | null>(null);
  const printView = () => {
    const api = apiRef.current;
    if (!api) return;
    const count = api.getDisplayedRowCount();
    setPrintRefused(count > PRINT_VIEW_MAX_ROWS ? count : null);
    if (count > PRINT_VIEW_MAX_ROWS) return;
    api.setGridOption('domLayout', 'print');
    document.body.classList.add('printing-grid');
    setPrinting(true);
  };
  useEffect(() => {
    if (!printing) return;
    // Two frames: the grid lays out every row in print layout before the dialog takes a picture of the page.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        window.print();
        apiRef.current?.setGridOption('domLayout', 'normal');
        document.body.classList.remove('printing-grid');
        setPrinting(false);
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [printing]);
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, filter: true, resizable: true, floatingFilter: false, minWidth: 80, wrapHeaderText: true, autoHeaderHeight: true }), []);
  // ag-grid's own zh-CN overlay texts read oddly (无显示行): ours, in both languages.
  const localeText = useMemo(
    () => ({ ...(i18n.language === 'zh-CN' ? AG_GRID_LOCALE_CN : {}), noRowsToShow: t('grid.noRows'), loadingOoo: t('grid.loading') }),
    [i18n.language, t],
  );

  return (
    <div className={printing ? 'grid-wrap print-target' : 'grid-wrap'} data-testid={testId}>
      {printing && (
        <div className="print-only print-heading">
          <strong>{exportAs?.title}</strong> · {t('grid.printedAt', { at: new Date().toLocaleString(i18n.language) })}
        </div>
      )}
      <div className="grid-toolbar">
        <input type="search" placeholder={t('grid.quickFilter')} value={quick} onChange={(e) => setQuick(e.target.value)} data-testid={testId ? `${testId}-filter` : undefined} />
        <span className="muted" data-testid={testId ? `${testId}-count` : undefined}>
          {shown !== null && rows && shown !== rows.length ? t('grid.rowsShown', { shown, count: rows.length }) : t('grid.rows', { count: rows?.length ?? 0 })}
        </span>
        <div className="spacer" />
        {toolbar}
        {exportAs && <GridExportButton api={gridApi} source={exportAs} testId={testId ? `${testId}-export` : 'grid-export'} />}
        {exportAs && (
          <button onClick={printView} disabled={!gridApi || printing} title={t('grid.printViewHint')} data-testid={testId ? `${testId}-print-view` : 'grid-print-view'}>
            {t('grid.printView')}
          </button>
        )}
      </div>
      {printRefused !== null && (
        <p className="warning" data-testid={testId ? `${testId}-print-refused` : undefined}>
          {t('grid.printViewTooMany', { max: PRINT_VIEW_MAX_ROWS, count: printRefused })}
        </p>
      )}
      {/* A fixed height is the grid's own (as flex: 1 in a page that is not page-fill it collapsed the grid to 2 px: an
          empty box without headers); the default fills a page-fill column. */}
      <div style={printing ? { height: 'auto' } : typeof height === 'number' ? { height, flex: 'none' } : { height, minHeight: 300, flex: 1 }}>
        <AgGridReact<T>
          // Re-create on language or external-filter change so texts and the filter apply.
          key={`${i18n.language}:${JSON.stringify(filterModel ?? null)}`}
          theme={theme}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          getRowId={getRowId ? (p) => getRowId(p.data) : undefined}
          quickFilterText={quick}
          localeText={localeText}
          initialState={initialState}
          onGridReady={(e) => {
            apiRef.current = e.api;
            setGridApi(e.api);
            onGridApi?.(e.api);
          }}
          onStateUpdated={(e: StateUpdatedEvent<T>) => {
            const { columnOrder, columnSizing, columnVisibility, columnPinning, sort, filter } = e.state;
            localStorage.setItem(`pwb.grid.${stateKey}`, JSON.stringify({ columnOrder, columnSizing, columnVisibility, columnPinning, sort, filter }));
          }}
          onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
          onCellValueChanged={onCellValueChanged}
          onRowClicked={onRowClicked ? (e: RowClickedEvent<T>) => e.data && onRowClicked(e.data) : undefined}
          animateRows={false}
          // Few columns per grid: render them all (rows stay virtualised), so wide grids scroll smoothly and tests see every cell.
          suppressColumnVirtualisation
        />
      </div>
    </div>
  );
}
