import { contract, type OperationName } from '../../contract';
import type { gridsContract, GridName } from '../../contract/grids';
import { SALES_SORTABLE, salesFilter } from '../../contract/sales';
import { exportGrid, type GridRowSource } from '../../domain/grids/gridExport';
import type { GridRow } from '../../domain/grids/gridColumns';
import { streamSales } from '../../domain/sales/store';
import { DomainError } from '../../../shared/errors';
import { riskText } from '../../../shared/riskTexts';
import type { RiskListRow } from '../../model/risks';
import type { ApiContext } from '../context';
import { auditHandlers } from './audit';
import { dealHandlers } from './deals';
import { evaluationHandlers } from './evaluations';
import { importHandlers } from './imports';
import { incentiveHandlers } from './incentives';
import { ledgerHandlers } from './ledger';
import { partnerHandlers } from './partners';
import { riskHandlers } from './risks';
import { inventoryHandlers } from './inventory';
import { trainingHandlers } from './training';
import type { HandlerMap } from './types';

/**
 * A grid read through the page's own list operation: the query the page sent is checked against that operation's
 * schema and run again here, so the file holds the rows the page lists. `paged`: the operation pages (limit/offset) and
 * the export reads every page of the filter, not only the one on screen.
 */
interface ListGrid {
  operation: OperationName;
  run: (ctx: ApiContext, input: never) => unknown;
  rows: (result: never) => GridRow[];
  paged?: boolean;
  /** Rows as the reader sees them in the export's language (e.g. the words of the risks the workbench raised). */
  present?: (row: GridRow, language: 'zh-CN' | 'en') => GridRow;
}

const rowsField = (r: { rows: unknown[] }) => r.rows as GridRow[];
const asRows = (r: unknown[]) => r as GridRow[];

const LIST_GRIDS: Record<Exclude<GridName, 'sales'>, ListGrid> = {
  partners: { operation: 'partners.list', run: partnerHandlers['partners.list'], rows: rowsField, paged: true },
  audit: { operation: 'audit.list', run: auditHandlers['audit.list'], rows: rowsField, paged: true },
  risks: { operation: 'risks.list', run: riskHandlers['risks.list'], rows: rowsField, present: (row, lang) => ({ ...row, ...riskText(row as unknown as RiskListRow, lang) }) },
  deals: { operation: 'deals.list', run: dealHandlers['deals.list'], rows: rowsField },
  trainingRecords: { operation: 'training.records.list', run: trainingHandlers['training.records.list'], rows: rowsField, paged: true },
  trainingExpiring: { operation: 'training.expiring', run: trainingHandlers['training.expiring'], rows: rowsField },
  scorecards: { operation: 'evaluations.scorecards.list', run: evaluationHandlers['evaluations.scorecards.list'], rows: rowsField },
  payoutRuns: { operation: 'incentives.payouts.runs', run: incentiveHandlers['incentives.payouts.runs'], rows: asRows },
  payoutLines: { operation: 'incentives.payouts.get', run: incentiveHandlers['incentives.payouts.get'], rows: (r: { lines: unknown[] }) => r.lines as GridRow[] },
  programs: { operation: 'incentives.programs.list', run: incentiveHandlers['incentives.programs.list'], rows: asRows },
  imports: { operation: 'imports.list', run: importHandlers['imports.list'], rows: rowsField, paged: true },
  partnerLedger: { operation: 'ledger.partner', run: ledgerHandlers['ledger.partner'], rows: (r: { entries: unknown[] }) => r.entries as GridRow[] },
  partnerAccruals: { operation: 'ledger.partner', run: ledgerHandlers['ledger.partner'], rows: (r: { accruals: unknown[] }) => r.accruals as GridRow[] },
  customersRfm: { operation: 'inventory.customers.rfm', run: inventoryHandlers['inventory.customers.rfm'], rows: asRows },
  customersLapsed: { operation: 'inventory.customers.lapsed', run: inventoryHandlers['inventory.customers.lapsed'], rows: asRows },
  inventoryEvidence: { operation: 'inventory.evidence', run: inventoryHandlers['inventory.evidence'], rows: asRows },
  inventoryPartners: { operation: 'inventory.overview', run: inventoryHandlers['inventory.overview'], rows: (r: { partners: unknown[] }) => r.partners as GridRow[] },
  inventoryRows: { operation: 'inventory.overview', run: inventoryHandlers['inventory.overview'], rows: (r: { rows: unknown[] }) => r.rows as GridRow[] },
  inventoryGroups: { operation: 'inventory.overview', run: inventoryHandlers['inventory.overview'], rows: (r: { groups: unknown[] }) => r.groups as GridRow[] },
  riskEvidence: { operation: 'inventory.riskEvidence', run: inventoryHandlers['inventory.riskEvidence'], rows: (r: { lines: unknown[] }) => r.lines as GridRow[] },
};

const PAGE = 5000;

function* pages(ctx: ApiContext, grid: ListGrid, query: Record<string, unknown>): Generator<GridRow> {
  for (let offset = 0; ; offset += PAGE) {
    const input = contract[grid.operation].input.parse({ ...query, limit: PAGE, offset });
    const rows = grid.rows(grid.run(ctx, input as never) as never);
    yield* rows;
    if (rows.length < PAGE) return;
  }
}

async function listSource(ctx: ApiContext, grid: ListGrid, query: Record<string, unknown>, language: 'zh-CN' | 'en'): Promise<GridRowSource> {
  const { limit: _limit, offset: _offset, ...filter } = query;
  if (grid.paged) return { rows: pages(ctx, grid, filter), total: null, sorted: false };
  const result = await grid.run(ctx, contract[grid.operation].input.parse(filter) as never);
  const present = grid.present;
  const rows = present ? grid.rows(result as never).map((r) => present(r, language)) : grid.rows(result as never);
  return { rows, total: rows.length, sorted: false };
}

/** Sales: streamed from SQL in the grid's sort (one column, as the page sorts), never held whole. */
function salesSource(ctx: ApiContext, query: Record<string, unknown>, sort: Array<{ colId: string; sort: 'asc' | 'desc' }>): GridRowSource {
  const filter = salesFilter.parse(query);
  const first = sort[0] ?? { colId: 'date', sort: 'desc' as const };
  if (!(SALES_SORTABLE as readonly string[]).includes(first.colId)) throw new DomainError(`The sales grid cannot be sorted by ${first.colId}`, 'DOMAIN');
  const { total, rows } = streamSales(ctx.ws.sqlite, { ...filter, sort: first.colId as (typeof SALES_SORTABLE)[number], direction: first.sort });
  return { rows: rows as unknown as Iterable<GridRow>, total, sorted: true };
}

export const gridHandlers: HandlerMap<keyof typeof gridsContract> = {
  'grids.export': async (ctx, input) => {
    // The list handlers read through a query's context: the job's, without access to the job runner.
    const api: ApiContext = Object.assign(Object.create(ctx) as typeof ctx, { jobs: { cancel: () => false } });
    ctx.progress('query', 0, null);
    const source = input.grid === 'sales' ? salesSource(api, input.query, input.sort) : await listSource(api, LIST_GRIDS[input.grid], input.query, input.language ?? 'zh-CN');
    return exportGrid(ctx, input, source);
  },
};
