import { majorToMinor } from '../../../shared/money';
import { moneyBases } from './basis';
import { withCap, type CalcContext, type CalcLine } from './calcTypes';
import { sumOfProducts } from './exact';
import { tiersToMinor, type MinorTier, type ProgramFile } from '../../model/programs';

export type TieredRebateProgram = Extract<ProgramFile, { type: 'tiered_rebate' }>;

/**
 * Tier reached = the highest tier whose `from` ≤ basis (a basis exactly at a threshold reaches that tier).
 * retroactive: the whole basis at the reached tier's rate; marginal: each slice [from_i, from_i+1) at its own rate,
 * summed exactly and rounded once. A basis below the first tier, zero or negative pays nothing.
 */
export function rebateFor(basisMinor: number, tiers: MinorTier[], tiering: 'retroactive' | 'marginal') {
  let idx = -1;
  for (let i = 0; i < tiers.length; i++) if (basisMinor >= tiers[i].fromMinor) idx = i;
  if (idx < 0 || basisMinor <= 0) return { idx, amountMinor: 0, slices: [] as Array<{ amountMinor: number; rate: number }> };
  if (tiering === 'retroactive') return { idx, amountMinor: sumOfProducts([{ amountMinor: basisMinor, rate: tiers[idx].rate }]), slices: [] };
  const slices: Array<{ amountMinor: number; rate: number }> = [];
  for (let i = 0; i <= idx; i++) {
    const lower = Math.max(tiers[i].fromMinor, 0);
    const upper = i + 1 < tiers.length ? Math.min(tiers[i + 1].fromMinor, basisMinor) : basisMinor;
    if (upper > lower) slices.push({ amountMinor: upper - lower, rate: tiers[i].rate });
  }
  return { idx, amountMinor: sumOfProducts(slices), slices };
}

export function calculateTieredRebate(ctx: CalcContext<TieredRebateProgram>): CalcLine[] {
  const { program: p } = ctx;
  const tiers = tiersToMinor(p.tiers, p.currency);
  const capMinor = p.cap != null ? majorToMinor(p.cap, p.currency) : null;
  const bases = moneyBases(ctx.ws, ctx.from, ctx.to, p.basis);
  return ctx.eligible.map((partner) => {
    const basisMinor = bases.get(partner.id) ?? 0;
    const r = rebateFor(basisMinor, tiers, p.tiering);
    const params: Record<string, unknown> = { period: ctx.period.label, currency: p.currency, basis: p.basis, basisMinor, tiering: p.tiering };
    if (r.idx < 0 || basisMinor <= 0) {
      // The first tier is named as it is (≥ ¥0.00 for a first tier from 0); a zero or negative basis pays nothing
      // even where it reaches that tier, and the explanation says so rather than naming the next tier.
      params.fromMinor = tiers[0].fromMinor;
      params.notPositive = r.idx >= 0 && basisMinor <= 0;
      params.amountMinor = 0;
      return { partnerId: partner.id, basisMinor, attainment: null, tierReached: null, rate: null, amountMinor: 0, explain: { key: 'rebate.none', params } };
    }
    Object.assign(params, { tier: r.idx + 1, fromMinor: tiers[r.idx].fromMinor, rate: tiers[r.idx].rate, slices: r.slices });
    const amountMinor = withCap(r.amountMinor, capMinor, params);
    return { partnerId: partner.id, basisMinor, attainment: null, tierReached: r.idx + 1, rate: tiers[r.idx].rate, amountMinor, explain: { key: 'rebate', params } };
  });
}
