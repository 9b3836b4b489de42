import type Database from 'better-sqlite3';
import type { SalesFilter, SalesLineView, SalesListInput, SalesPage } from '../../model/sales';

/**
 * The sales area's store: the sales grid's SQL (page, totals and the streamed export read the same filter). Imports
 * write sales lines through their own store (imports/store.ts).
 */
const SORT_SQL: Record<SalesListInput['sort'], string> = {
  date: 's.date',
  partnerCode: 'p.code',
  orderRef: 's.order_ref',
  product: 's.product',
  category: 's.category',
  quantity: 's.quantity',
  amountMinor: 's.amount_minor',
  costMinor: 's.cost_minor',
  customerRef: 's.customer_ref',
};

const SELECT = `select s.id, s.date, p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn, s.order_ref as orderRef, s.line_ref as lineRef, s.product, s.category,
  s.quantity, s.amount_minor as amountMinor, s.cost_minor as costMinor, s.customer_ref as customerRef, s.currency, s.import_id as importId`;

const orderBy = (sort: SalesListInput['sort'], direction: SalesListInput['direction']) => {
  const dir = direction === 'asc' ? 'asc' : 'desc';
  return `order by ${SORT_SQL[sort]} ${dir}, s.id ${dir}`;
};

/** The sales grid's filter as SQL: the page, its export and its totals read the same rows. */
function salesFrom(input: SalesFilter): { from: string; params: Record<string, unknown> } {
  const where: string[] = ['1 = 1'];
  const params: Record<string, unknown> = {};
  if (input.partnerCode) {
    where.push('p.code = @partnerCode');
    params.partnerCode = input.partnerCode;
  }
  if (input.dateFrom) {
    where.push('s.date >= @dateFrom');
    params.dateFrom = input.dateFrom;
  }
  if (input.dateTo) {
    where.push('s.date <= @dateTo');
    params.dateTo = input.dateTo;
  }
  if (input.importId) {
    where.push('s.import_id = @importId');
    params.importId = input.importId;
  }
  if (input.channelManagerIds) {
    where.push('p.channel_manager_id in (select value from json_each(@managers))');
    params.managers = JSON.stringify(input.channelManagerIds);
  }
  if (input.search) {
    where.push("(s.order_ref like @q escape '\\' or s.product like @q escape '\\' or s.category like @q escape '\\' or s.customer_ref like @q escape '\\')");
    params.q = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { from: `from sales_lines s join partners p on p.id = s.partner_id where ${where.join(' and ')}`, params };
}

/** Every sales line of the filter in the grid's order, one at a time (a 200k-line export never holds the lines). */
export function streamSales(
  sqlite: Database.Database,
  input: SalesFilter & { sort: SalesListInput['sort']; direction: SalesListInput['direction'] },
): { total: number; rows: IterableIterator<SalesLineView> } {
  const { from, params } = salesFrom(input);
  const total = sqlite.prepare<[Record<string, unknown>], { n: number }>(`select count(*) as n ${from}`).get(params)!.n;
  return { total, rows: sqlite.prepare<[Record<string, unknown>], SalesLineView>(`${SELECT} ${from} ${orderBy(input.sort, input.direction)}`).iterate(params) };
}

/** A page of sales lines with the filter's total count and sums (one aggregate query, one page query). */
export function listSales(sqlite: Database.Database, input: SalesListInput): SalesPage {
  const { from, params } = salesFrom(input);
  // Margin is computed only over lines with a known cost: costedAmountMinor is their revenue (a line without a cost is
  // not a 100 % margin).
  const agg = sqlite
    .prepare(
      `select count(*) as total, coalesce(sum(s.amount_minor), 0) as amountMinor, coalesce(sum(s.cost_minor), 0) as costMinor,
              coalesce(sum(case when s.cost_minor is not null then s.amount_minor end), 0) as costedAmountMinor, count(s.cost_minor) as costedLines ${from}`,
    )
    .get(params) as { total: number; amountMinor: number; costMinor: number; costedAmountMinor: number; costedLines: number };
  const rows = sqlite.prepare(`${SELECT} ${from} ${orderBy(input.sort, input.direction)} limit @limit offset @offset`).all({ ...params, limit: input.limit, offset: input.offset }) as SalesLineView[];
  return { rows, ...agg };
}
