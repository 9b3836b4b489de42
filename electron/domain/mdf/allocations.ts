import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { parsePeriod, periodContaining } from '../../../shared/period';
import type { MdfAllocationView } from '../../model/mdf';
import { fiscalStartMonth } from '../incentives/calculate';
import { fundRecord, partnerIdByCode, partnersInScope, type FundRecord } from './funds';
import { mdfStore } from './store';
import type { OpContext } from '../opContext';

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
  return mdfStore.allocations(ws, fundId);
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
export function allocate(ctx: OpContext, input: AllocateInput): MdfAllocationView[] {
  const { ws, user } = ctx;
  const at = ctx.clock.now().toISOString();
  const fund = fundRecord(ws, { fundId: input.fundId });
  const before = listAllocations(ws, fund.id);
  const scope = new Set(partnersInScope(ws, fund));
  if (input.method === 'manual') {
    if (!input.allocations?.length) throw new DomainError('Give at least one partner and amount to allocate', 'DOMAIN', { reason: 'mdfAllocationEmpty', params: {} });
    for (const a of input.allocations) {
      const partnerId = partnerIdByCode(ws, a);
      if (!scope.has(partnerId)) throw new DomainError(`Partner ${a.partnerCode ?? partnerId} is outside fund ${fund.code}'s scope`, 'DOMAIN', { reason: 'mdfOutOfScope', params: { partnerCode: a.partnerCode ?? partnerId, fundCode: fund.code } });
      if (a.amountMinor === 0) mdfStore.deleteAllocations(ws, fund.id, partnerId);
      else mdfStore.upsertAllocation(ws, { fundId: fund.id, partnerId, amountMinor: a.amountMinor, method: 'manual', basisMinor: null, basisPeriod: null, createdBy: user }, at);
    }
  } else {
    if (input.allocations?.length) throw new DomainError('A pro-rata allocation takes an amount, not per-partner amounts', 'DOMAIN', { reason: 'mdfProRataTakesTotal', params: {} });
    const amount = input.amountMinor ?? fund.budgetMinor;
    const basisPeriod = input.basisPeriod ?? previousPeriod(ws, fund);
    const p = parsePeriod(basisPeriod, fiscalStartMonth(ws));
    const ids = [...scope];
    const revenue = new Map<number, number>(
      mdfStore
        .revenueByPartner(ws, p.start, p.end, fund.currency)
        .filter((r) => scope.has(r.partnerId))
        .map((r) => [r.partnerId, r.revenueMinor]),
    );
    const weights = ids.map((id) => ({ key: id, weight: Math.max(0, revenue.get(id) ?? 0) }));
    if (!weights.some((w) => w.weight > 0)) throw new DomainError(`No partner in fund ${fund.code}'s scope had revenue in ${fund.currency} in ${basisPeriod}: nothing to split by`, 'DOMAIN', {
        reason: 'mdfNoRevenueBasis',
        params: { fundCode: fund.code, currency: fund.currency, period: basisPeriod },
      });
    const shares = largestRemainder(amount, weights);
    mdfStore.deleteAllocations(ws, fund.id);
    for (const id of ids) {
      const s = shares.get(id) ?? 0;
      if (s > 0) mdfStore.upsertAllocation(ws, { fundId: fund.id, partnerId: id, amountMinor: s, method: 'pro_rata', basisMinor: revenue.get(id) ?? 0, basisPeriod, createdBy: user }, at);
    }
  }
  const after = listAllocations(ws, fund.id);
  const total = after.reduce((s, a) => s + a.amountMinor, 0);
  if (total > fund.budgetMinor) throw new DomainError(`Allocations would add up to ${formatMoney(total, fund.currency)}, more than fund ${fund.code}'s budget of ${formatMoney(fund.budgetMinor, fund.currency)}`, 'CONFLICT', {
      reason: 'mdfAllocationsOverBudget',
      params: { fundCode: fund.code, totalMinor: total, budgetMinor: fund.budgetMinor, currency: fund.currency },
    });
  for (const a of after) {
    const used = a.committedMinor;
    if (a.amountMinor < used) throw new DomainError(`Partner ${a.partnerCode} already has ${formatMoney(used, fund.currency)} approved from fund ${fund.code}: its allocation cannot be lower`, 'CONFLICT', {
        reason: 'mdfAllocationBelowApproved',
        params: { partnerCode: a.partnerCode, fundCode: fund.code, approvedMinor: used, currency: fund.currency },
      });
  }
  ctx.audit({ entity: 'mdf_fund', entityId: fund.id, before: { allocations: before }, after: { method: input.method, allocations: after } });
  return after;
}
