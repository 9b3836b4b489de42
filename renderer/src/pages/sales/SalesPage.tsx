import type { ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { SALES_SORTABLE, type SalesLineView } from '../../../../electron/contract/sales';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { call } from '../../api/client';
import { formatMoney } from '../../format';
import { GridExportButton } from '../../components/GridExport';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import { nameExport, partnerNameIn } from '../../partnerName';

type Sortable = (typeof SALES_SORTABLE)[number];

/**
 * Sales lines: hundreds of thousands of rows, so the grid asks the contract for one page at a time
 * (ag-grid Community's infinite row model); filters are sent to the workspace, not applied in the browser.
 */
export default function SalesPage() {
  const { t, i18n } = useTranslation(['sales', 'common']);
  const zh = i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  const [gridApi, setGridApi] = useState<GridApi<SalesLineView> | null>(null);
  const [totals, setTotals] = useState<{ total: number; amountMinor: number; costMinor: number; costedAmountMinor: number; costedLines: number } | null>(null);
  const mine = useMine('sales');
  const mineIds = JSON.stringify(mine.filter);
  const filter = useMemo(
    () => ({
      partnerCode: params.get('partner') || undefined,
      dateFrom: params.get('from') || undefined,
      dateTo: params.get('to') || undefined,
      search: params.get('q') || undefined,
      ...(JSON.parse(mineIds) as { channelManagerIds?: number[] }),
    }),
    [params, mineIds],
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColDef<SalesLineView>[]>(
    () => [
      { field: 'date', headerName: t('sales:field.date'), width: 120 },
      { field: 'partnerCode', headerName: t('sales:field.partnerCode'), width: 110 },
      { field: 'partnerName', headerName: t('sales:field.partnerName'), flex: 1, minWidth: 200, sortable: false, context: { export: nameExport(zh) }, valueGetter: (p) => partnerNameIn(zh, p.data) },
      // Quantity, amount and cost right after the partner: the figures people come for stay in view at 1280 px.
      { field: 'quantity', headerName: t('sales:field.quantity'), width: 90, type: 'rightAligned' },
      { field: 'amountMinor', headerName: t('sales:field.amount'), width: 130, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value, p.data?.currency)) },
      { field: 'costMinor', headerName: t('sales:field.cost'), width: 130, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value, p.data?.currency)) },
      { field: 'orderRef', headerName: t('sales:field.orderRef'), width: 160 },
      { field: 'lineRef', headerName: t('sales:field.lineRef'), width: 160, sortable: false },
      { field: 'product', headerName: t('sales:field.product'), width: 160 },
      { field: 'category', headerName: t('sales:field.category'), width: 120 },
      { field: 'customerRef', headerName: t('sales:field.customerRef'), width: 140 },
    ],
    [t, zh],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p: IGetRowsParams) => {
        const sort = (p.sortModel as SortModelItem[])[0];
        const sortKey = (SALES_SORTABLE as readonly string[]).includes(sort?.colId ?? '') ? (sort!.colId as Sortable) : 'date';
        call('sales.list', { ...filter, offset: p.startRow, limit: p.endRow - p.startRow, sort: sortKey, direction: sort?.sort ?? 'desc' }).then(
          (r) => {
            setTotals({ total: r.total, amountMinor: r.amountMinor, costMinor: r.costMinor, costedAmountMinor: r.costedAmountMinor, costedLines: r.costedLines });
            p.successCallback(r.rows, r.total);
          },
          () => p.failCallback(),
        );
      },
    }),
    [filter],
  );

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.sales')}</h1>
      <div className="grid-toolbar">
        <input placeholder={t('sales:filter.partner')} value={filter.partnerCode ?? ''} onChange={(e) => set('partner', e.target.value.trim())} data-testid="sales-filter-partner" />
        <label className="inline">
          {t('sales:filter.from')} <input type="date" value={filter.dateFrom ?? ''} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label className="inline">
          {t('sales:filter.to')} <input type="date" value={filter.dateTo ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
        <input type="search" placeholder={t('sales:filter.search')} value={filter.search ?? ''} onChange={(e) => set('q', e.target.value)} />
        <MineToggle mine={mine} testId="sales-mine" />
        <div className="spacer" />
        <GridExportButton api={gridApi} source={{ grid: 'sales', query: filter, title: t('common:nav.sales'), fileName: 'sales' }} testId="sales-export" />
        {totals && (
          <span className="muted" data-testid="sales-totals">
            {t('sales:totals', { count: totals.total, amount: formatMoney(totals.amountMinor), margin: marginText(totals, t) })}
          </span>
        )}
      </div>
      <div style={{ flex: 1, minHeight: 300 }} data-testid="sales-grid">
        {mine.ready && <AgGridReact<SalesLineView>
          key={`${i18n.language}:${JSON.stringify(filter)}`}
          theme={themeQuartz}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={200}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
          localeText={i18n.language === 'zh-CN' ? AG_GRID_LOCALE_CN : undefined}
          onGridReady={(e: GridReadyEvent<SalesLineView>) => {
            e.api.applyColumnState({ state: [{ colId: 'date', sort: 'desc' }] });
            setGridApi(e.api);
          }}
        />}
      </div>
    </div>
  );
}

/** Gross margin over the lines with a known cost; unknown where no line has one (a missing cost is not a 100 % margin). */
function marginText(x: { total: number; costMinor: number; costedAmountMinor: number; costedLines: number }, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (x.costedLines === 0 || x.costedAmountMinor === 0) return t('sales:marginUnknown');
  const pct = `${((100 * (x.costedAmountMinor - x.costMinor)) / x.costedAmountMinor).toFixed(1)} %`;
  return x.costedLines < x.total ? t('sales:marginPartial', { margin: pct, costed: x.costedLines, count: x.total }) : pct;
}
