import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { parsePeriod, periodContaining } from '../../../shared/period';
import type { MdfAllocationView } from '../../model/mdf';
import { fiscalStartMonth } from '../incentives/calculate';
import { COMMITTED_SQL } from './balances';
import { fundRecord, partnerIdByCode, partnersInScope, type FundRecord } from './funds';

/**
 * Splits `amountMinor` over weights exactly, by the largest-remainder method: each share is first rounded down
 * (amount × weight ÷ total, in integer arithmetic), then the fen left over go one each to the largest remainders
 * (ties: the larger weight, then the earlier key). The shares add up to the amount to the fen. Zero weights get nothing.
 */
export function largestRemainder<K extends string | number>(amountMinor: number, weights: Array<{ key: K; weight: number }>): Map<K, number> {
  const positive = weights.filter((w) => w.weight > 0);
  const total = positive.reduce((s, w) => s + BigInt(w.weight), 0n);
  const out = new Map<K, number>(weights.map((w) => [w.key, 0]));
  if (total === 0n) return out;
  const amount = BigInt(amountMinor);
  const parts = positive.map((w, i) => {
    const num = amount * BigInt(w.weight);
    return { key: w.key, weight: w.weight, i, floor: num / total, rem: num % total };
  });
  let left = amount - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.rem === b.rem ? b.weight - a.weight || a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const p of order) {
    if (left <= 0n) break;
    p.floor += 1n;
    left -= 1n;
  }
  for (const p of parts) out.set(p.key, Number(p.floor));
  return out;
}

/** The period before the fund's, of the same kind (2022 → 2021, 2022-Q1 → 2021-Q4). */
export function previousPeriod(ws: Workspace, fund: FundRecord): string {
  const fsm = fiscalStartMonth(ws);
  const p = parsePeriod(fund.period, fsm);
  const d = new Date(`${p.start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return periodContaining(d.toISOString().slice(0, 10), p.kind, fsm).label;
}

export function listAllocations(ws: Workspace, fundId: number): MdfAllocationView[] {
  return ws.sqlite
    .prepare(
      `select a.id, a.fund_id as fundId, a.partner_id as partnerId, p.code as partnerCode, p.name as partnerName, a.amount_minor as amountMinor, a.method,
        a.basis_minor as basisMinor, a.basis_period as basisPeriod,
        (select coalesce(sum(${COMMITTED_SQL}), 0) from mdf_requests r where r.fund_id = a.fund_id and r.partner_id = a.partner_id) as committedMinor
       from mdf_allocations a join partners p on p.id = a.partner_id where a.fund_id = ? order by p.code`,
    )
    .all(fundId) as MdfAllocationView[];
}

export interface AllocateInput {
  fundId: number;
  method: 'manual' | 'pro_rata';
  allocations?: Array<{ partnerId?: number; partnerCode?: string; amountMinor: number }>;
  amountMinor?: number;
  basisPeriod?: string;
}

/**
 * manual: sets the given partners' allocations (0 removes one). pro_rata: replaces every allocation of the fund by
 * the amount (default: the whole budget) split over the partners in the fund's scope by their net revenue in the fund's
 * currency in the basis period (default: the previous period), exact to the fen by largest remainder. An allocation
 * never drops below what its partner already has approved, and allocations never add up to more than the budget.
 */
export function allocate(ws: Workspace, user: string, input: AllocateInput): { before: MdfAllocationView[]; after: MdfAllocationView[] } {
  const fund = fundRecord(ws, { fundId: input.fundId });
  const before = listAllocations(ws, fund.id);
  const upsert = ws.sqlite.prepare(
    `insert into mdf_allocations (fund_id, partner_id, amount_minor, method, basis_minor, basis_period, created_by) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (fund_id, partner_id) do update set amount_minor = excluded.amount_minor, method = excluded.method, basis_minor = excluded.basis_minor, basis_period = excluded.basis_period`,
  );
  const scope = new Set(partnersInScope(ws, fund));
  if (input.method === 'manual') {
    if (!input.allocations?.length) throw new DomainError('Give at least one partner and amount to allocate');
    for (const a of input.allocations) {
      const partnerId = partnerIdByCode(ws, a);
      if (!scope.has(partnerId)) throw new DomainError(`Partner ${a.partnerCode ?? partnerId} is outside fund ${fund.code}'s scope`);
      if (a.amountMinor === 0) ws.sqlite.prepare('delete from mdf_allocations where fund_id = ? and partner_id = ?').run(fund.id, partnerId);
      else upsert.run(fund.id, partnerId, a.amountMinor, 'manual', null, null, user);
    }
  } else {
    if (input.allocations?.length) throw new DomainError('A pro-rata allocation takes an amount, not per-partner amounts');
    const amount = input.amountMinor ?? fund.budgetMinor;
    const basisPeriod = input.basisPeriod ?? previousPeriod(ws, fund);
    const p = parsePeriod(basisPeriod, fiscalStartMonth(ws));
    const ids = [...scope];
    const revenue = new Map<number, number>(
      (ws.sqlite
        .prepare(`select partner_id as id, sum(amount_minor) as r from sales_lines where date between ? and ? and currency = ? group by partner_id`)
        .all(p.start, p.end, fund.currency) as Array<{ id: number; r: number }>).filter((r) => scope.has(r.id)).map((r) => [r.id, r.r]),
    );
    const weights = ids.map((id) => ({ key: id, weight: Math.max(0, revenue.get(id) ?? 0) }));
    if (!weights.some((w) => w.weight > 0)) throw new DomainError(`No partner in fund ${fund.code}'s scope had revenue in ${fund.currency} in ${basisPeriod}: nothing to split by`);
    const shares = largestRemainder(amount, weights);
    ws.sqlite.prepare('delete from mdf_allocations where fund_id = ?').run(fund.id);
    for (const id of ids) {
      const s = shares.get(id) ?? 0;
      if (s > 0) upsert.run(fund.id, id, s, 'pro_rata', revenue.get(id) ?? 0, basisPeriod, user);
    }
  }
  const after = listAllocations(ws, fund.id);
  const total = after.reduce((s, a) => s + a.amountMinor, 0);
  if (total > fund.budgetMinor) throw new DomainError(`Allocations would add up to ${formatMoney(total, fund.currency)}, more than fund ${fund.code}'s budget of ${formatMoney(fund.budgetMinor, fund.currency)}`, 'CONFLICT');
  const committedByPartner = ws.sqlite.prepare(`select coalesce(sum(${COMMITTED_SQL}), 0) as s from mdf_requests r where r.fund_id = ? and r.partner_id = ?`);
  for (const a of after) {
    const used = (committedByPartner.get(fund.id, a.partnerId) as { s: number }).s;
    if (a.amountMinor < used) throw new DomainError(`Partner ${a.partnerCode} already has ${formatMoney(used, fund.currency)} approved from fund ${fund.code}: its allocation cannot be lower`, 'CONFLICT');
  }
  return { before, after };
}
