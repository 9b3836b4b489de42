import type { Db } from '../../../db/database';
import { RISK_LEVELS, type RiskLevel } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { DEFAULT_RISK_BANDS } from '../../model/risks';
import { getSetting } from '../system/settingsStore';

/** One band of scores (likelihood × impact, 1–25), inclusive at both ends. */
export interface RiskBand {
  level: RiskLevel;
  min: number;
  max: number;
}
export type RiskBands = RiskBand[];

export const RISK_BANDS_SETTING = 'risk.bands';

export { DEFAULT_RISK_BANDS };

/** One problem of a band configuration: English words (logs) and a kind + params worded by shared/errorMessages (`riskBandsInvalid`). */
export interface RiskBandProblem {
  message: string;
  kind: 'notList' | 'count' | 'notObject' | 'level' | 'notWhole' | 'start' | 'maxBelowMin' | 'end';
  params: Record<string, unknown>;
}

/**
 * Problems with a band configuration (empty = valid): exactly the four levels, in order low → critical,
 * integer bounds, contiguous (each band starts right after the previous one ends), covering 1..25 exactly.
 */
export function riskBandProblems(bands: unknown): RiskBandProblem[] {
  if (!Array.isArray(bands)) return [{ message: 'bands must be a list', kind: 'notList', params: {} }];
  if (bands.length !== RISK_LEVELS.length) return [{ message: `expected ${RISK_LEVELS.length} bands (${RISK_LEVELS.join(', ')})`, kind: 'count', params: { expected: RISK_LEVELS.length } }];
  const problems: RiskBandProblem[] = [];
  let expectedMin = 1;
  bands.forEach((b: Partial<RiskBand> | null, i) => {
    const level = RISK_LEVELS[i];
    if (!b || typeof b !== 'object') {
      problems.push({ message: `band ${i + 1} is not an object`, kind: 'notObject', params: { band: i + 1 } });
      return;
    }
    if (b.level !== level) problems.push({ message: `band ${i + 1} must be '${level}'`, kind: 'level', params: { band: i + 1, level } });
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max)) {
      problems.push({ message: `${level}: min and max must be whole numbers`, kind: 'notWhole', params: { level } });
      return;
    }
    if (b.min !== expectedMin) problems.push({ message: `${level}: must start at ${expectedMin} (bands are contiguous from 1)`, kind: 'start', params: { level, min: expectedMin } });
    if (b.max! < b.min!) problems.push({ message: `${level}: max ${b.max} is below min ${b.min}`, kind: 'maxBelowMin', params: { level, min: b.min, max: b.max } });
    expectedMin = b.max! + 1;
  });
  // Bands out of order make every bound look wrong: the order is the one thing to fix first.
  const order = problems.filter((p) => p.kind === 'level');
  if (order.length) return order;
  if (problems.length === 0 && expectedMin !== 26) problems.push({ message: 'the last band must end at 25', kind: 'end', params: {} });
  return problems;
}

/** The problems of a band configuration in English (empty = valid). */
export function riskBandIssues(bands: unknown): string[] {
  return riskBandProblems(bands).map((p) => p.message);
}

/** Throws DomainError('DOMAIN') listing the problems when the bands are not a valid configuration. */
export function assertRiskBands(bands: unknown): asserts bands is RiskBands {
  const problems = riskBandProblems(bands);
  if (problems.length) {
    const issues = problems.map((p) => p.message);
    throw new DomainError(`Invalid risk bands: ${issues.join('; ')}`, 'DOMAIN', {
      issues,
      reason: 'riskBandsInvalid',
      params: { problems: problems.map(({ kind, params }) => ({ kind, ...params })) },
    });
  }
}

/** The configured bands (settings 'risk.bands'); the defaults when unset or invalid. */
export function getRiskBands(db: Db): RiskBands {
  const stored = getSetting<unknown>(db, RISK_BANDS_SETTING, null);
  if (stored && riskBandIssues(stored).length === 0) return stored as RiskBands;
  return DEFAULT_RISK_BANDS.map((b) => ({ ...b }));
}

/** The level of a score (likelihood × impact) under the given bands. */
export function riskLevel(score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel {
  for (const b of bands) if (score >= b.min && score <= b.max) return b.level;
  if (score < 1) return bands[0]?.level ?? 'low';
  return bands[bands.length - 1]?.level ?? 'critical';
}
