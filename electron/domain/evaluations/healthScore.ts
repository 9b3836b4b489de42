import type { Grade } from '../../../shared/enums';
import type { PartnerKpis } from './kpis';
import { type ScorePart } from '../../model/evaluations';
import { SCORE_PARTS, type GradeBands, type ScoreWeights } from './evaluationSettings';

export interface ScoreResult {
  healthScore: number;
  parts: Record<ScorePart, number | null>;
  /** Share of the total weight that was measured (0–1). */
  coverage: number;
}

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
export function healthScore(k: PartnerKpis, weights: ScoreWeights): ScoreResult {
  const one = new ScoreColumns(1, weights);
  one.score(0, k);
  return { healthScore: one.healthScore[0], parts: one.partsOf(0), coverage: one.coverage[0] };
}

/**
 * Health scores of many partners in columns: partner i's score, coverage and 11 rounded parts at `healthScore[i]`,
 * `coverage[i]` and `parts[i * 11 + j]` (j in SCORE_PARTS order; NaN = not measured). `healthScore` is this with one
 * row: one implementation, the same arithmetic in the same order, without three objects per partner and period.
 */
export class ScoreColumns {
  readonly healthScore: Float64Array;
  readonly coverage: Float64Array;
  readonly parts: Float64Array;
  private readonly total: number;
  private readonly w: Float64Array;
  private readonly v = new Float64Array(PARTS);
  private readonly texts = new Array<string>(PARTS + 1);

  constructor(n: number, weights: ScoreWeights) {
    this.healthScore = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.parts = new Float64Array(n * PARTS);
    this.w = Float64Array.from(SCORE_PARTS, (p) => weights[p]);
    let total = 0;
    for (let j = 0; j < PARTS; j++) total += this.w[j];
    this.total = total;
  }

  /** Scores partner i from its KPIs (normalised as `normalise` does, NaN for null). */
  score(i: number, k: PartnerKpis): void {
    const v = this.v;
    const g = k.growthYoY ?? k.growthPrev;
    v[0] = k.attainment === null ? NaN : clamp(k.attainment / 1.2);
    v[1] = g === null ? NaN : clamp(g + 0.5);
    v[2] = k.grossMargin === null ? NaN : clamp(k.grossMargin / 0.4);
    v[3] = k.retention === null ? NaN : clamp(k.retention);
    v[4] = k.satisfaction === null ? NaN : clamp((k.satisfaction - 1) / 4);
    v[5] = k.trainingCompliance === null ? NaN : clamp(k.trainingCompliance);
    v[6] = clamp(1 - 0.5 * k.openHighRisks);
    v[7] = k.sellThroughRate === null ? NaN : clamp(k.sellThroughRate);
    v[8] = k.daysOfInventory === null ? NaN : clamp((120 - k.daysOfInventory) / 90);
    v[9] = k.crossTerritoryShare === null ? NaN : clamp(1 - 5 * k.crossTerritoryShare);
    v[10] = k.belowFloorShare === null ? NaN : clamp(1 - 5 * k.belowFloorShare);
    const w = this.w;
    const at = i * PARTS;
    if (this.total <= 0) {
      // Nothing weighed: no score, the parts unrounded.
      this.healthScore[i] = 0;
      this.coverage[i] = 0;
      this.parts.set(v, at);
      return;
    }
    let measured = 0;
    for (let j = 0; j < PARTS; j++) if (v[j] === v[j]) measured += w[j];
    const coverage = measured / this.total;
    const neutral = coverage < 0.5;
    let sum = 0;
    let denom = 0;
    for (let j = 0; j < PARTS; j++) {
      const x = v[j] === v[j] ? v[j] : neutral ? 0.5 : NaN;
      if (x !== x) continue;
      sum += w[j] * x;
      denom += w[j];
    }
    const score = denom === 0 ? 0 : (100 * sum) / denom;
    this.healthScore[i] = Math.round(score * 10) / 10;
    this.coverage[i] = Math.round(coverage * 1000) / 1000;
    for (let j = 0; j < PARTS; j++) this.parts[at + j] = v[j] === v[j] ? Math.round(v[j] * 10000) / 10000 : NaN;
  }

  /** Partner i's parts as the scorecard's object (null = not measured). */
  partsOf(i: number): Record<ScorePart, number | null> {
    const out = {} as Record<ScorePart, number | null>;
    for (let j = 0; j < PARTS; j++) {
      const x = this.parts[i * PARTS + j];
      out[SCORE_PARTS[j]] = x === x ? x : null;
    }
    return out;
  }

  /**
   * Partner i's parts and coverage as score_parts stores them: `[attainment,growth,…,coverage]`, the numbers as
   * JSON.stringify writes them, in SCORE_PARTS order (scorePartsText.ts turns it back into the scorecard's object text).
   */
  storedPartsJson(i: number): string {
    // Joined from one array (a flat string) rather than added piece by piece: 24 pieces a row left a chain of ~240k
    // short strings for SQLite's binding to flatten (10k rows: ~13 → ~5 CPU ms in isolation).
    const texts = this.texts;
    for (let j = 0; j < PARTS; j++) texts[j] = decimalText(this.parts[i * PARTS + j], PART_TEXT);
    texts[PARTS] = decimalText(this.coverage[i], COVERAGE_TEXT);
    return `[${texts.join(',')}]`;
  }
}

/**
 * The JSON text of x (NaN = null). The rounded parts are k / 10,000 and the coverage k / 1,000 for a whole k in 0…10,000
 * (0…1,000): their text comes from a table of String(k / scale) built once — converting 120k doubles to text was a
 * visible share of storing a run; any other value is converted.
 */
function decimalText(x: number, table: { scale: number; text: string[] }): string {
  if (x !== x) return 'null';
  const k = Math.round(x * table.scale);
  if (k >= 0 && k <= table.scale && k / table.scale === x) return (table.text[k] ??= String(x));
  return String(x);
}
const PART_TEXT = { scale: 10_000, text: [] as string[] };
const COVERAGE_TEXT = { scale: 1_000, text: [] as string[] };

const PARTS = SCORE_PARTS.length;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function gradeOf(score: number, bands: GradeBands): Grade {
  if (score >= bands.A) return 'A';
  if (score >= bands.B) return 'B';
  if (score >= bands.C) return 'C';
  return 'D';
}

/**
 * Competition ranks (1, 2, 2, 4) by score within each group, ties sharing a rank, for several groupings of the same
 * items: `groupings[g][i]` is item i's group in grouping g (null = not ranked), `score[i]` its score; per grouping the
 * rank of each item, or null. The items are sorted by score once (indexes, not objects), then each grouping is one
 * pass counting its groups' places.
 */
export function ranksOf(groupings: ReadonlyArray<ReadonlyArray<string | number | null>>, score: ArrayLike<number>): Array<Array<number | null>> {
  const n = score.length;
  const order = byScoreDescending(score);
  return groupings.map((group) => {
    const out: Array<number | null> = new Array<number | null>(n).fill(null);
    // Per group: how many items seen, the last one's score and rank.
    const slot = new Map<string | number, number>();
    const seen: number[] = [];
    const last: number[] = [];
    const rank: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const g = group[i];
      if (g === null) continue;
      let s = slot.get(g);
      if (s === undefined) {
        slot.set(g, (s = seen.length));
        seen.push(0);
        last.push(NaN);
        rank.push(0);
      }
      if (seen[s] === 0 || last[s] !== score[i]) rank[s] = seen[s] + 1;
      seen[s]++;
      last[s] = score[i];
      out[i] = rank[s];
    }
    return out;
  });
}

/**
 * Item indexes by score, highest first. Health scores (one decimal, 0–100) sort as integers without a comparator —
 * (1000 − 10 × score) × 2^20 + index in a Uint32Array — any other scores by a comparator.
 */
function byScoreDescending(score: ArrayLike<number>): Uint32Array {
  const n = score.length;
  const order = new Uint32Array(n);
  let packed = n <= INDEX_MASK + 1;
  for (let i = 0; i < n && packed; i++) {
    const tenths = Math.round(score[i] * 10);
    if (tenths >= 0 && tenths <= 1000 && tenths / 10 === score[i]) order[i] = (1000 - tenths) * (INDEX_MASK + 1) + i;
    else packed = false;
  }
  if (packed) {
    order.sort();
    for (let k = 0; k < n; k++) order[k] = order[k] & INDEX_MASK;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => score[b] - score[a]);
}
const INDEX_MASK = 0xfffff;
