/** The health score as it stood before the columnar scorer (issue 20), frozen as part of the legacy oracle. */
import type { Grade } from '../../../../shared/enums';
import type { PartnerKpis } from './kpis';
import { type ScorePart } from '../../../../electron/model/evaluations';
import { SCORE_PARTS, type GradeBands, type ScoreWeights } from '../../../../electron/domain/evaluations/evaluationSettings';

/**
 * Normalisation of each KPI to 0–1 (1 = excellent), documented in the README:
 *  - attainment: 120 % of target or more = 1, linear below (negative revenue = 0);
 *  - growth: year-on-year growth when there is a base, else growth on the previous period; −50 % → 0, 0 → 0.5, +50 % → 1;
 *  - gross margin: 40 % or more = 1, 0 % or less = 0;
 *  - retention: the share itself; satisfaction: 1 → 0, 5 → 1; training: the compliance share itself;
 *  - risks: no open high/critical risk = 1, each one takes 0.5 off (two or more = 0);
 *  - sell-through: the sell-through rate itself (all of the sell-in sold on = 1); inventory health: 30 days of inventory or
 *    less = 1, 120 or more = 0; territory and price discipline: 1 − 5 × the share of cross-territory / below-floor lines
 *    (20 % or more = 0). All four weigh 0 by default.
 * A KPI that cannot be measured (no target, no base, no feedback, nothing required …) is left out and the other weights
 * are rescaled — unless less than half of the weight could be measured: then the missing KPIs count as a neutral 0.5,
 * so a partner with almost no data neither tops nor bottoms the ranking.
 */
export function normalise(k: PartnerKpis): Record<ScorePart, number | null> {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const g = k.growthYoY ?? k.growthPrev;
  return {
    attainment: k.attainment === null ? null : clamp(k.attainment / 1.2),
    growth: g === null ? null : clamp(g + 0.5),
    grossMargin: k.grossMargin === null ? null : clamp(k.grossMargin / 0.4),
    retention: k.retention === null ? null : clamp(k.retention),
    satisfaction: k.satisfaction === null ? null : clamp((k.satisfaction - 1) / 4),
    training: k.trainingCompliance === null ? null : clamp(k.trainingCompliance),
    risks: clamp(1 - 0.5 * k.openHighRisks),
    sellThrough: k.sellThroughRate === null ? null : clamp(k.sellThroughRate),
    inventoryHealth: k.daysOfInventory === null ? null : clamp((120 - k.daysOfInventory) / 90),
    territoryDiscipline: k.crossTerritoryShare === null ? null : clamp(1 - 5 * k.crossTerritoryShare),
    priceDiscipline: k.belowFloorShare === null ? null : clamp(1 - 5 * k.belowFloorShare),
  };
}

export interface ScoreResult {
  healthScore: number;
  parts: Record<ScorePart, number | null>;
  /** Share of the total weight that was measured (0–1). */
  coverage: number;
}

export function healthScore(k: PartnerKpis, weights: ScoreWeights): ScoreResult {
  const parts = normalise(k);
  let total = 0;
  let measured = 0;
  for (const p of SCORE_PARTS) {
    total += weights[p];
    if (parts[p] !== null) measured += weights[p];
  }
  if (total <= 0) return { healthScore: 0, parts, coverage: 0 };
  const coverage = measured / total;
  const neutral = coverage < 0.5;
  let sum = 0;
  let denom = 0;
  for (const p of SCORE_PARTS) {
    const v = parts[p] ?? (neutral ? 0.5 : null);
    if (v === null) continue;
    sum += weights[p] * v;
    denom += weights[p];
  }
  const score = denom === 0 ? 0 : (100 * sum) / denom;
  return { healthScore: Math.round(score * 10) / 10, parts: roundParts(parts), coverage: Math.round(coverage * 1000) / 1000 };
}

function roundParts(parts: Record<ScorePart, number | null>): Record<ScorePart, number | null> {
  // A loop, not fromEntries(entries().map()): two scorecards' worth of arrays per partner were a visible share of a run.
  const out = {} as Record<ScorePart, number | null>;
  for (const k in parts) {
    const v = parts[k as ScorePart];
    out[k as ScorePart] = v === null ? null : Math.round(v * 10000) / 10000;
  }
  return out;
}

export function gradeOf(score: number, bands: GradeBands): Grade {
  if (score >= bands.A) return 'A';
  if (score >= bands.B) return 'B';
  if (score >= bands.C) return 'C';
  return 'D';
}

/**
 * Competition ranks (1, 2, 2, 4) by score within each group, ties sharing a rank, over parallel arrays: `group[i]`
 * (null = not ranked) and `score[i]` of item i; the rank of each item, or null. Sorts item indexes, not objects.
 */
export function ranksOf(group: ReadonlyArray<string | number | null>, score: ArrayLike<number>): Array<number | null> {
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < group.length; i++) {
    const g = group[i];
    if (g === null) continue;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(i);
  }
  const out: Array<number | null> = new Array<number | null>(group.length).fill(null);
  for (const list of groups.values()) {
    list.sort((a, b) => score[b] - score[a]);
    let rank = 0;
    for (let k = 0; k < list.length; k++) {
      if (k === 0 || score[list[k - 1]] !== score[list[k]]) rank = k + 1;
      out[list[k]] = rank;
    }
  }
  return out;
}
