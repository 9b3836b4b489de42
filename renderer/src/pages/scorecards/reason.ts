import type { TFunction } from 'i18next';
import type { ScorecardRow } from '../../../../electron/contract/evaluations';

/** The tier recommendation's reason in the user's language, from its structured form. */
export function reasonText(t: TFunction, reason: ScorecardRow['recommendationReason']): string {
  if (!reason) return '';
  const periods = reason.periods
    .map((p) => `${p.period}: ${p.attainment === null ? '—' : `${(p.attainment * 100).toFixed(1)}%`} / ${p.healthScore.toFixed(1)}`)
    .join('; ');
  return t(`scorecards:reason.${reason.code}`, {
    n: reason.rule.consecutivePeriods,
    minAttainment: Math.round((reason.rule.minAttainment ?? 0) * 100),
    minScore: reason.rule.minScore ?? 0,
    maxAttainment: Math.round((reason.rule.maxAttainment ?? 0) * 100),
    periods,
  });
}
