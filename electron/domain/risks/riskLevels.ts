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

/**
 * Problems with a band configuration (empty = valid): exactly the four levels, in order low → critical,
 * integer bounds, contiguous (each band starts right after the previous one ends), covering 1..25 exactly.
 */
export function riskBandIssues(bands: unknown): string[] {
  if (!Array.isArray(bands)) return ['bands must be a list'];
  if (bands.length !== RISK_LEVELS.length) return [`expected ${RISK_LEVELS.length} bands (${RISK_LEVELS.join(', ')})`];
  const issues: string[] = [];
  let expectedMin = 1;
  bands.forEach((b: Partial<RiskBand> | null, i) => {
    const level = RISK_LEVELS[i];
    if (!b || typeof b !== 'object') {
      issues.push(`band ${i + 1} is not an object`);
      return;
    }
    if (b.level !== level) issues.push(`band ${i + 1} must be '${level}'`);
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max)) {
      issues.push(`${level}: min and max must be whole numbers`);
      return;
    }
    if (b.min !== expectedMin) issues.push(`${level}: must start at ${expectedMin} (bands are contiguous from 1)`);
    if (b.max! < b.min!) issues.push(`${level}: max ${b.max} is below min ${b.min}`);
    expectedMin = b.max! + 1;
  });
  if (issues.length === 0 && expectedMin !== 26) issues.push('the last band must end at 25');
  return issues;
}

/** Throws DomainError('DOMAIN') listing the problems when the bands are not a valid configuration. */
export function assertRiskBands(bands: unknown): asserts bands is RiskBands {
  const issues = riskBandIssues(bands);
  if (issues.length) throw new DomainError(`Invalid risk bands: ${issues.join('; ')}`, 'DOMAIN', { issues });
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
