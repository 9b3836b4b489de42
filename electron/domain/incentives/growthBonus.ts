import { majorToMinor } from '../../../shared/money';
import { samePeriodLastYear } from '../../../shared/period';
import { moneyBases } from './basis';
import { withCap, type CalcContext, type CalcLine } from './calcTypes';
import { compareRatio, divRound, fraction } from './exact';
import type { ProgramFile } from '../../model/programs';

export type GrowthBonusProgram = Extract<ProgramFile, { type: 'growth_bonus' }>;

/**
 * Growth g = (this period − same period last year) / last year, compared exactly with the tiers' `from` (a growth
 * exactly at a threshold reaches the tier). No base last year (≤ 0) → no bonus. retroactive: rate of the reached tier on
 * the increment (or the whole basis, applyTo 'basis'); marginal: each growth slice of the increment at its own rate
 * (slice bounds = last year × from), exact, rounded once.
 */
export function growthFor(cur: number, prev: number, tiers: Array<{ from: number; rate: number }>, tiering: 'retroactive' | 'marginal', applyTo: 'increment' | 'basis') {
  const inc = cur - prev;
  let idx = -1;
  for (let i = 0; i < tiers.length; i++) if (compareRatio(inc, prev, tiers[i].from) >= 0) idx = i;
  if (idx < 0) return { idx, amountMinor: 0 };
  if (tiering === 'retroactive' || applyTo === 'basis') {
    const base = applyTo === 'increment' ? inc : cur;
    if (base <= 0) return { idx, amountMinor: 0 };
    const r = fraction(tiers[idx].rate);
    return { idx, amountMinor: Number(divRound(BigInt(base) * r.num, r.den)) };
  }
  // Marginal on the increment: slice i runs from prev×from_i to prev×from_(i+1), in units of 1/D fen.
  const fr = tiers.map((t) => ({ f: fraction(t.from), r: fraction(t.rate) }));
  const D = fr.reduce((d, x) => (x.f.den > d ? x.f.den : d), 1n);
  const R = fr.reduce((d, x) => (x.r.den > d ? x.r.den : d), 1n);
  const incD = BigInt(inc) * D;
  const bound = (i: number) => BigInt(prev) * fr[i].f.num * (D / fr[i].f.den);
  let sum = 0n;
  for (let i = 0; i <= idx; i++) {
    let lower = bound(i);
    if (lower < 0n) lower = 0n;
    const upper = i + 1 < tiers.length && bound(i + 1) < incD ? bound(i + 1) : incD;
    if (upper > lower) sum += (upper - lower) * fr[i].r.num * (R / fr[i].r.den);
  }
  return { idx, amountMinor: Number(divRound(sum, D * R)) };
}

export function calculateGrowthBonus(ctx: CalcContext<GrowthBonusProgram>): CalcLine[] {
  const p = ctx.program;
  const prevPeriod = samePeriodLastYear(ctx.period, ctx.fiscalStartMonth);
  const cur = moneyBases(ctx.ws, ctx.from, ctx.to, p.basis);
  // Same span one year earlier (the validity clip moves with it).
  const shift = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
  const prev = moneyBases(ctx.ws, ctx.from === ctx.period.start ? prevPeriod.start : shift(ctx.from), ctx.to === ctx.period.end ? prevPeriod.end : shift(ctx.to), p.basis);
  const capMinor = p.cap != null ? majorToMinor(p.cap, p.currency) : null;
  return ctx.eligible.map((partner) => {
    const basisMinor = cur.get(partner.id) ?? 0;
    const previousMinor = prev.get(partner.id) ?? 0;
    const params: Record<string, unknown> = { period: ctx.period.label, previousPeriod: prevPeriod.label, currency: p.currency, basis: p.basis, basisMinor, previousMinor, applyTo: p.applyTo, amountMinor: 0 };
    const base = { partnerId: partner.id, basisMinor, tierReached: null, rate: null };
    if (previousMinor <= 0) return { ...base, attainment: null, amountMinor: 0, explain: { key: 'growth.noBase', params } };
    const growth = (basisMinor - previousMinor) / previousMinor;
    Object.assign(params, { growth, incrementMinor: basisMinor - previousMinor });
    const r = growthFor(basisMinor, previousMinor, p.tiers, p.tiering, p.applyTo);
    if (r.idx < 0) {
      params.from = p.tiers[0].from;
      return { ...base, attainment: growth, amountMinor: 0, explain: { key: 'growth.none', params } };
    }
    Object.assign(params, { tier: r.idx + 1, from: p.tiers[r.idx].from, rate: p.tiers[r.idx].rate });
    const amountMinor = withCap(r.amountMinor, capMinor, params);
    return { ...base, attainment: growth, tierReached: r.idx + 1, rate: p.tiers[r.idx].rate, amountMinor, explain: { key: 'growth', params } };
  });
}
