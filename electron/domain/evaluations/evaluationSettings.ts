import type { Db } from '../../../db/database';
import { DEFAULT_GRADE_BANDS, DEFAULT_RISK_RULES, DEFAULT_TIER_RULES, DEFAULT_WEIGHTS, SCORE_PARTS } from '../../model/evaluations';
import type { OpContext } from '../opContext';
import { getSetting, setSetting } from '../system/settingsStore';

/**
 * Everything an evaluation is configured by, read from settings (with documented defaults) and stored with each run
 * (evaluation_runs.settings_snapshot), so a stored run can always be explained with the rules it was made under.
 */

/** Health-score weights per normalised KPI (relative; they need not add up to 100). See README "Evaluations and scorecards". */
export interface ScoreWeights {
  attainment: number;
  growth: number;
  grossMargin: number;
  retention: number;
  satisfaction: number;
  training: number;
  risks: number;
  sellThrough: number;
  inventoryHealth: number;
  territoryDiscipline: number;
  priceDiscipline: number;
}
export { DEFAULT_GRADE_BANDS, DEFAULT_RISK_RULES, DEFAULT_TIER_RULES, DEFAULT_WEIGHTS, SCORE_PARTS };


/** Lower bounds of the grades on the 0–100 health score; below C is D. */
export interface GradeBands {
  A: number;
  B: number;
  C: number;
}

export interface TierRules {
  /** How many consecutive periods (the evaluated one and the ones right before it) must meet a rule. */
  consecutivePeriods: number;
  upgrade: { minAttainment: number; minScore: number };
  downgrade: { maxAttainment: number };
}

export const RISK_RULE_CODES = ['revenue_drop', 'low_attainment', 'low_satisfaction', 'expired_certifications', 'low_retention'] as const;
export type RiskRuleCode = (typeof RISK_RULE_CODES)[number];

export interface RiskRules {
  /** Revenue down by more than this share on the previous period (0.3 = 30 %). */
  revenue_drop: { enabled: boolean; threshold: number };
  /** Attainment below this ratio. */
  low_attainment: { enabled: boolean; threshold: number };
  /** Average satisfaction below this score (1–5). */
  low_satisfaction: { enabled: boolean; threshold: number };
  /** At least this many required certifications expired (held before, not valid at period end). */
  expired_certifications: { enabled: boolean; threshold: number };
  /** Customer retention below this share. */
  low_retention: { enabled: boolean; threshold: number };
}

export interface EvaluationSettings {
  fiscalStartMonth: number;
  weights: ScoreWeights;
  gradeBands: GradeBands;
  tierRules: TierRules;
  riskRules: RiskRules;
}

export const SETTING_KEYS = {
  fiscalStartMonth: 'company.fiscalStartMonth',
  weights: 'evaluation.weights',
  gradeBands: 'evaluation.gradeBands',
  tierRules: 'evaluation.tierRules',
  riskRules: 'evaluation.riskRules',
} as const;

const num = (v: unknown, fallback: number, min = -Infinity, max = Infinity) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Reads the settings, falling back field by field to the defaults (a partial or broken setting never stops a run). */
export function readEvaluationSettings(db: Db): EvaluationSettings {
  const fsm = num(getSetting<unknown>(db, SETTING_KEYS.fiscalStartMonth, 1), 1, 1, 12);
  const w = obj(getSetting<unknown>(db, SETTING_KEYS.weights, {}));
  const weights = Object.fromEntries(SCORE_PARTS.map((k) => [k, num(w[k], DEFAULT_WEIGHTS[k], 0, 1000)])) as unknown as ScoreWeights;
  const g = obj(getSetting<unknown>(db, SETTING_KEYS.gradeBands, {}));
  const gradeBands = { A: num(g.A, DEFAULT_GRADE_BANDS.A, 0, 100), B: num(g.B, DEFAULT_GRADE_BANDS.B, 0, 100), C: num(g.C, DEFAULT_GRADE_BANDS.C, 0, 100) };
  const t = obj(getSetting<unknown>(db, SETTING_KEYS.tierRules, {}));
  const tu = obj(t.upgrade);
  const td = obj(t.downgrade);
  const tierRules: TierRules = {
    consecutivePeriods: Math.round(num(t.consecutivePeriods, DEFAULT_TIER_RULES.consecutivePeriods, 1, 12)),
    upgrade: { minAttainment: num(tu.minAttainment, DEFAULT_TIER_RULES.upgrade.minAttainment), minScore: num(tu.minScore, DEFAULT_TIER_RULES.upgrade.minScore, 0, 100) },
    downgrade: { maxAttainment: num(td.maxAttainment, DEFAULT_TIER_RULES.downgrade.maxAttainment) },
  };
  const r = obj(getSetting<unknown>(db, SETTING_KEYS.riskRules, {}));
  const riskRules = Object.fromEntries(
    RISK_RULE_CODES.map((code) => {
      const x = obj(r[code]);
      const d = DEFAULT_RISK_RULES[code];
      return [code, { enabled: typeof x.enabled === 'boolean' ? x.enabled : d.enabled, threshold: num(x.threshold, d.threshold) }];
    }),
  ) as unknown as RiskRules;
  return { fiscalStartMonth: fsm, weights, gradeBands, tierRules, riskRules };
}

export type EvaluationRules = Omit<EvaluationSettings, 'fiscalStartMonth'>;
export const DEFAULT_EVALUATION_RULES: EvaluationRules = { weights: DEFAULT_WEIGHTS, gradeBands: DEFAULT_GRADE_BANDS, tierRules: DEFAULT_TIER_RULES, riskRules: DEFAULT_RISK_RULES };

/** The rules in force (stored values over the defaults), without the fiscal year start (a company setting). */
export function readEvaluationRules(db: Db): EvaluationRules {
  const { fiscalStartMonth: _fsm, ...rules } = readEvaluationSettings(db);
  return rules;
}

/** Stores whole sections (already validated by the contract); returns the rules in force before and after. */
export function writeEvaluationRules(ctx: Pick<OpContext, 'ws' | 'clock'>, patch: Partial<EvaluationRules>): { before: EvaluationRules; after: EvaluationRules } {
  const db = ctx.ws.db;
  const at = ctx.clock.now();
  const before = readEvaluationRules(db);
  for (const section of ['weights', 'gradeBands', 'tierRules', 'riskRules'] as const) {
    if (patch[section] !== undefined) setSetting(db, SETTING_KEYS[section], patch[section], at);
  }
  return { before, after: readEvaluationRules(db) };
}
