import { majorToMinor } from '../../../shared/money';
import { resolvedTargets } from '../evaluations/targets';
import { moneyBases } from './basis';
import { withCap, type CalcContext, type CalcLine } from './calcTypes';
import { compareRatio, divRound, fraction } from './exact';
import type { ProgramFile } from '../../model/programs';

export type TargetBonusProgram = Extract<ProgramFile, { type: 'target_bonus' }>;

/**
 * attainment A = basis / target. Nothing below the threshold (or with no target, or a basis ≤ 0).
 * Counted attainment is limited to maxAttainment. Payout factor F = A up to 100 %, and 1 + (A − 1) × accelerator above.
 * amount = bonus × F, exact, rounded once; then the program cap.
 */
export function targetBonusFor(basisMinor: number, targetMinor: number, bonusMinor: number, opts: { threshold: number; accelerator: number; maxAttainment?: number | null }) {
  if (basisMinor <= 0 || compareRatio(basisMinor, targetMinor, opts.threshold) < 0) return null;
  // A as an exact fraction an/ad.
  let an = BigInt(basisMinor);
  let ad = BigInt(targetMinor);
  if (opts.maxAttainment != null && compareRatio(basisMinor, targetMinor, opts.maxAttainment) > 0) {
    const m = fraction(opts.maxAttainment);
    an = m.num;
    ad = m.den;
  }
  let fnum = an;
  let fden = ad;
  const accelerated = an > ad;
  if (accelerated) {
    const acc = fraction(opts.accelerator);
    fnum = ad * acc.den + acc.num * (an - ad);
    fden = ad * acc.den;
  }
  return { amountMinor: Number(divRound(BigInt(bonusMinor) * fnum, fden)), factor: Number(fnum) / Number(fden), accelerated };
}

export function calculateTargetBonus(ctx: CalcContext<TargetBonusProgram>): CalcLine[] {
  const p = ctx.program;
  const bases = moneyBases(ctx.ws, ctx.from, ctx.to, p.basis);
  const ids = ctx.eligible.map((e) => e.id);
  const targets = resolvedTargets(ctx.ws, ctx.period, ctx.fiscalStartMonth, ids, p.targetMetric);
  const bonusMinor = majorToMinor(p.bonusAmount, p.currency);
  const capMinor = p.cap != null ? majorToMinor(p.cap, p.currency) : null;
  return ctx.eligible.map((partner) => {
    const basisMinor = bases.get(partner.id) ?? 0;
    const targetMinor = targets.get(partner.id) ?? null;
    const params: Record<string, unknown> = { period: ctx.period.label, currency: p.currency, basis: p.basis, basisMinor, targetMinor, bonusMinor, threshold: p.threshold, accelerator: p.accelerator, amountMinor: 0 };
    const base = { partnerId: partner.id, basisMinor, tierReached: null, rate: null };
    if (targetMinor == null || targetMinor <= 0) return { ...base, attainment: null, amountMinor: 0, explain: { key: 'target.noTarget', params } };
    const attainment = basisMinor / targetMinor;
    params.attainment = attainment;
    const r = targetBonusFor(basisMinor, targetMinor, bonusMinor, p);
    if (!r) return { ...base, attainment, amountMinor: 0, explain: { key: 'target.below', params } };
    Object.assign(params, { factor: r.factor, accelerated: r.accelerated });
    const amountMinor = withCap(r.amountMinor, capMinor, params);
    return { ...base, attainment, rate: r.factor, amountMinor, explain: { key: 'target', params } };
  });
}
