import type Database from 'better-sqlite3';
import type { SalesLineView, SalesListInput, SalesPage } from '../../model/sales';

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

/** A page of sales lines with the filter's total count and sums (one aggregate query, one page query). */
export function listSales(sqlite: Database.Database, input: SalesListInput): SalesPage {
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
  if (input.search) {
    where.push("(s.order_ref like @q escape '\\' or s.product like @q escape '\\' or s.category like @q escape '\\' or s.customer_ref like @q escape '\\')");
    params.q = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const from = `from sales_lines s join partners p on p.id = s.partner_id where ${where.join(' and ')}`;
  // Margin is computed only over lines with a known cost: costedAmountMinor is their revenue (a line without a cost is
  // not a 100 % margin).
  const agg = sqlite
    .prepare(
      `select count(*) as total, coalesce(sum(s.amount_minor), 0) as amountMinor, coalesce(sum(s.cost_minor), 0) as costMinor,
              coalesce(sum(case when s.cost_minor is not null then s.amount_minor end), 0) as costedAmountMinor, count(s.cost_minor) as costedLines ${from}`,
    )
    .get(params) as { total: number; amountMinor: number; costMinor: number; costedAmountMinor: number; costedLines: number };
  const rows = sqlite
    .prepare(
      `select s.id, s.date, p.code as partnerCode, p.name as partnerName, s.order_ref as orderRef, s.line_ref as lineRef, s.product, s.category,
              s.quantity, s.amount_minor as amountMinor, s.cost_minor as costMinor, s.customer_ref as customerRef, s.currency, s.import_id as importId
       ${from} order by ${SORT_SQL[input.sort]} ${input.direction === 'asc' ? 'asc' : 'desc'}, s.id ${input.direction === 'asc' ? 'asc' : 'desc'}
       limit @limit offset @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as SalesLineView[];
  return { rows, ...agg };
}
