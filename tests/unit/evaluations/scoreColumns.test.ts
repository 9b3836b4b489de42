import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, SCORE_PARTS, type ScoreWeights } from '../../../electron/domain/evaluations/evaluationSettings';
import { healthScore, ranksOf, ScoreColumns } from '../../../electron/domain/evaluations/healthScore';
import { scorePartsJson } from '../../../electron/domain/evaluations/scorePartsText';
import type { PartnerKpis } from '../../../electron/domain/evaluations/kpis';
import { healthScore as legacyHealthScore, ranksOf as legacyRanksOf } from './legacy/healthScore';

/** Seeded KPIs with every kind of value a partner has: nulls, zeros, negatives, values past the clamps. */
function kpisOf(count: number, seed = 7): PartnerKpis[] {
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const maybe = (x: number, p = 0.25) => (rnd() < p ? null : x);
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return Array.from({ length: count }, (_, i) => ({
    partnerId: i + 1,
    revenueMinor: Math.round((rnd() - 0.1) * 1e9),
    prevRevenueMinor: 0,
    yoyRevenueMinor: 0,
    targetMinor: maybe(1e8),
    attainment: maybe(r6((rnd() - 0.1) * 2)),
    growthPrev: maybe(r6(rnd() * 3 - 1)),
    growthYoY: maybe(r6(rnd() * 3 - 1), 0.5),
    grossMargin: maybe(r6(rnd() * 0.8 - 0.2)),
    orders: Math.floor(rnd() * 100),
    activeCustomers: Math.floor(rnd() * 50),
    newCustomers: Math.floor(rnd() * 5),
    retention: maybe(r6(rnd())),
    satisfaction: maybe(r6(1 + rnd() * 4), 0.5),
    trainingCompliance: maybe(r6(rnd()), 0.6),
    expiredCertifications: 0,
    openHighRisks: Math.floor(rnd() * 3),
    sellThroughRate: maybe(r6(rnd() * 1.2), 0.7),
    daysOfInventory: maybe(r6(rnd() * 200), 0.7),
    inventoryTurnover: maybe(r6(rnd() * 5), 0.7),
    crossTerritoryShare: maybe(r6(rnd() * 0.4), 0.7),
    belowFloorShare: maybe(r6(rnd() * 0.4), 0.7),
  }));
}

const weightSets: Array<[string, ScoreWeights]> = [
  ['defaults', DEFAULT_WEIGHTS],
  // Mostly weight on what is often missing: coverage below one half, the neutral 0.5 for the missing parts.
  ['sparse', { ...DEFAULT_WEIGHTS, satisfaction: 40, training: 30, sellThrough: 20, inventoryHealth: 20 }],
  ['odd weights', Object.fromEntries(SCORE_PARTS.map((p, j) => [p, (j * 37) % 11 + 0.3])) as unknown as ScoreWeights],
];

describe('health scores in columns', () => {
  it.each(weightSets)('give every partner the score, coverage and parts of the per-partner scorer it replaced (%s)', (_name, weights) => {
    const kpis = kpisOf(3000);
    const cols = new ScoreColumns(kpis.length, weights);
    kpis.forEach((k, i) => cols.score(i, k));
    let neutral = 0;
    kpis.forEach((k, i) => {
      const old = legacyHealthScore(k, weights);
      expect({ healthScore: cols.healthScore[i], parts: cols.partsOf(i), coverage: cols.coverage[i] }).toEqual(old);
      // The stored score_parts text reads back as the text JSON.stringify writes for the scorecard's object.
      expect(scorePartsJson(cols.storedPartsJson(i), JSON.stringify(weights))).toBe(JSON.stringify({ parts: old.parts, weights, coverage: old.coverage }));
      expect(healthScore(k, weights)).toEqual(old);
      if (old.coverage < 0.5) neutral++;
    });
    if (_name === 'sparse') expect(neutral).toBeGreaterThan(100);
  });

  it('ranks like one sort per grouping: ties share a rank, the next rank skips, ungrouped items get none', () => {
    const score = [50, 70, 70, 10, 70, 50, 90, 0, 0];
    const channel = ['a', 'a', 'b', 'a', 'a', 'b', null, 'b', 'b'];
    const region = [1, 1, 1, 1, 2, 2, 2, null, 2];
    const [byChannel, byRegion] = ranksOf([channel, region], Float64Array.from(score));
    expect(byChannel).toEqual([3, 1, 1, 4, 1, 2, null, 3, 3]);
    expect(byRegion).toEqual([3, 1, 1, 4, 2, 3, 1, null, 4]);
    const kpis = kpisOf(2000, 11);
    const cols = new ScoreColumns(kpis.length, DEFAULT_WEIGHTS);
    kpis.forEach((k, i) => cols.score(i, k));
    const groups = kpis.map((_, i) => (i % 13 === 0 ? null : `g${i % 7}`));
    expect(ranksOf([groups], cols.healthScore)[0]).toEqual(legacyRanksOf(groups, cols.healthScore));
    // Scores that are not health scores (more decimals, above 100, negative) are ranked too.
    const odd = Float64Array.from(kpis, (k, i) => (i % 3 === 0 ? cols.healthScore[i] + 0.05 : i % 3 === 1 ? -cols.healthScore[i] : cols.healthScore[i] * 7));
    expect(ranksOf([groups], odd)[0]).toEqual(legacyRanksOf(groups, odd));
  });
});
