import { majorToMinor } from '../../../shared/money';
import { moneyBases } from './basis';
import { withCap, type CalcContext, type CalcLine } from './calcTypes';
import type { PartnerFacts } from './eligibility';
import type { ProgramFile } from '../../model/programs';

export type RankingAwardProgram = Extract<ProgramFile, { type: 'ranking_award' }>;

/**
 * Standard competition ranking ("1224") within each group: partners with an equal basis share the rank and EACH gets
 * the full award of that rank; the following rank(s) are skipped (two at rank 1 → the next is rank 3).
 * Only partners with a basis > 0 and ≥ minBasis are ranked.
 */
export function competitionRanks(values: Array<{ id: number; basis: number }>): Map<number, { rank: number; tiedWith: number }> {
  const sorted = [...values].sort((a, b) => b.basis - a.basis || a.id - b.id);
  const out = new Map<number, { rank: number; tiedWith: number }>();
  const counts = new Map<number, number>();
  for (const v of sorted) counts.set(v.basis, (counts.get(v.basis) ?? 0) + 1);
  let rank = 0;
  sorted.forEach((v, i) => {
    if (i === 0 || v.basis !== sorted[i - 1].basis) rank = i + 1;
    out.set(v.id, { rank, tiedWith: counts.get(v.basis)! });
  });
  return out;
}

const groupOf = (p: PartnerFacts, by: RankingAwardProgram['groupBy']) => (by === 'all' ? 'all' : by === 'region' ? (p.regionGroup ?? '') : p.channelType);

export function calculateRankingAward(ctx: CalcContext<RankingAwardProgram>): CalcLine[] {
  const p = ctx.program;
  const bases = moneyBases(ctx.ws, ctx.from, ctx.to, p.basis);
  const awards = p.awards.map((a) => majorToMinor(a, p.currency));
  const minBasisMinor = majorToMinor(p.minBasis, p.currency);
  const capMinor = p.cap != null ? majorToMinor(p.cap, p.currency) : null;
  const groups = new Map<string, Array<{ id: number; basis: number }>>();
  for (const partner of ctx.eligible) {
    const basis = bases.get(partner.id) ?? 0;
    if (basis > 0 && basis >= minBasisMinor) {
      const g = groupOf(partner, p.groupBy);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push({ id: partner.id, basis });
    }
  }
  const ranks = new Map<number, { rank: number; tiedWith: number }>();
  for (const members of groups.values()) for (const [id, r] of competitionRanks(members)) ranks.set(id, r);
  return ctx.eligible.map((partner) => {
    const basisMinor = bases.get(partner.id) ?? 0;
    const r = ranks.get(partner.id);
    const params: Record<string, unknown> = { period: ctx.period.label, currency: p.currency, basis: p.basis, basisMinor, groupBy: p.groupBy, group: groupOf(partner, p.groupBy), minBasisMinor, awarded: awards.length, amountMinor: 0 };
    const base = { partnerId: partner.id, basisMinor, attainment: null, rate: null };
    if (!r) return { ...base, tierReached: null, amountMinor: 0, explain: { key: 'rank.none', params: { ...params, rank: null } } };
    Object.assign(params, { rank: r.rank, tiedWith: r.tiedWith });
    if (r.rank > awards.length) return { ...base, tierReached: r.rank, amountMinor: 0, explain: { key: 'rank.none', params } };
    const amountMinor = withCap(awards[r.rank - 1], capMinor, params);
    return { ...base, tierReached: r.rank, amountMinor, explain: { key: 'rank', params } };
  });
}
