import { TIERS, type Tier } from '../../../shared/enums';
import type { TierRules } from './evaluationSettings';
import { TierRecommendation } from '../../model/evaluations';
import { PeriodResult } from '../../model/evaluations';

/** Tiers from the lowest to the highest: an upgrade moves one step right, a downgrade one step left. */
export const TIER_LADDER: Tier[] = ['tier3', 'tier2', 'tier1', 'strategic'];

/**
 * The tier rules: with `consecutivePeriods` = n, the evaluated period and the n − 1 periods right before it
 * (oldest first in `history`) must all meet the rule.
 *  - upgrade: attainment ≥ upgrade.minAttainment and health score ≥ upgrade.minScore in each of them;
 *  - downgrade: attainment < downgrade.maxAttainment in each of them (a period without a target never counts).
 * A strategic partner cannot go up and a tier-3 partner cannot go down: the reason says so, without a recommendation.
 */
export function recommendTier(tier: string, history: PeriodResult[], rules: TierRules): TierRecommendation {
  const n = rules.consecutivePeriods;
  if (history.length < n) return { tierRecommendation: null, reason: null };
  const window = history.slice(-n);
  const up = window.every((h) => meetsUpgrade(rules, h.attainment, h.healthScore));
  const down = window.every((h) => meetsDowngrade(rules, h.attainment));
  const i = TIER_LADDER.indexOf(tier as Tier);
  if (i < 0 || !(TIERS as readonly string[]).includes(tier)) return { tierRecommendation: null, reason: null };
  if (up) {
    const rule = { consecutivePeriods: n, minAttainment: rules.upgrade.minAttainment, minScore: rules.upgrade.minScore };
    if (i === TIER_LADDER.length - 1) return { tierRecommendation: null, reason: { code: 'upgrade_at_top', rule, periods: window } };
    return { tierRecommendation: TIER_LADDER[i + 1], reason: { code: 'upgrade', rule, periods: window } };
  }
  if (down) {
    const rule = { consecutivePeriods: n, maxAttainment: rules.downgrade.maxAttainment };
    if (i === 0) return { tierRecommendation: null, reason: { code: 'downgrade_at_bottom', rule, periods: window } };
    return { tierRecommendation: TIER_LADDER[i - 1], reason: { code: 'downgrade', rule, periods: window } };
  }
  return { tierRecommendation: null, reason: null };
}

/** Whether one period's result meets the upgrade rule (recommendTier asks it of every period of the window). */
export function meetsUpgrade(rules: TierRules, attainment: number | null, healthScore: number): boolean {
  return attainment !== null && attainment >= rules.upgrade.minAttainment && healthScore >= rules.upgrade.minScore;
}

/** Whether one period's result meets the downgrade rule (a period without a target never does). */
export function meetsDowngrade(rules: TierRules, attainment: number | null): boolean {
  return attainment !== null && attainment < rules.downgrade.maxAttainment;
}

/**
 * The partners the tier rules still ask about while a run reads their window from the evaluated period backwards: those
 * meeting the upgrade rule, or the downgrade rule, in every period folded in so far (`meet`: the evaluated period
 * first, then the earlier ones nearest first). An earlier period's result is needed — stored, or computed — only for
 * the partners `asked()` before it is read; one that meets neither rule in some period gets no recommendation whatever
 * the older periods say (recommendTier over its window would find neither rule met in every period).
 */
export class TierCandidates {
  readonly up: Uint8Array;
  readonly down: Uint8Array;

  constructor(count: number) {
    this.up = new Uint8Array(count).fill(1);
    this.down = new Uint8Array(count).fill(1);
  }

  /** Folds in one period's results (attainment NaN = none; by partner position) of the partners still asked about. */
  meet(rules: TierRules, attainment: ArrayLike<number>, healthScore: ArrayLike<number>): void {
    const { up, down } = this;
    for (let i = 0; i < up.length; i++) {
      if (!(up[i] | down[i])) continue;
      const a = attainment[i];
      const att = a === a ? a : null;
      if (up[i] && !meetsUpgrade(rules, att, healthScore[i])) up[i] = 0;
      if (down[i] && !meetsDowngrade(rules, att)) down[i] = 0;
    }
  }

  /** 1 for the partners still meeting a rule in every period folded in (a new array). */
  asked(): Uint8Array {
    const out = new Uint8Array(this.up.length);
    for (let i = 0; i < out.length; i++) out[i] = this.up[i] | this.down[i];
    return out;
  }
}
