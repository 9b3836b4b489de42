import type { Workspace } from '../../../db/database';

/**
 * What RFM and the win-back list read (customerMonthStore.windowRows), straight from the sell-through lines: the
 * definition the packed end-customer summary is tested against. Purchases (a positive quantity, or none and a positive
 * amount) are the orders, first and last days; returns only net the amounts.
 */
export function customerWindowFromLines(ws: Workspace, w: { asOf: string; from: string; prevFrom: string }): unknown[] {
  return ws.sqlite
    .prepare(
      `select l.partner_id as p, pa.code, coalesce(customer_ref, customer_name) as c, max(customer_name) as name, max(customer_province) as province,
              min(case when (quantity > 0 or (quantity = 0 and amount_minor > 0)) then date end) as first, max(case when (quantity > 0 or (quantity = 0 and amount_minor > 0)) then date end) as last,
              count(distinct case when date > @from and (quantity > 0 or (quantity = 0 and amount_minor > 0)) then substr(date, 1, 7) || coalesce(order_ref, date) end) as f,
              coalesce(sum(case when date > @from then amount_minor end), 0) as m,
              count(distinct case when date > @prevFrom and date <= @from and (quantity > 0 or (quantity = 0 and amount_minor > 0)) then substr(date, 1, 7) || coalesce(order_ref, date) end) as pf,
              coalesce(sum(case when date > @prevFrom and date <= @from then amount_minor end), 0) as pm
         from sell_through_lines l join partners pa on pa.id = l.partner_id
        where date <= @asOf and coalesce(customer_ref, customer_name) is not null
        group by l.partner_id, c having max(case when (quantity > 0 or (quantity = 0 and amount_minor > 0)) then date end) > @prevFrom order by pa.code, c`,
    )
    .all(w);
}
