import { daysBetween } from '../../../shared/clock';
import { mulDivRound } from '../../../shared/money';

/**
 * Run-rate forecast of one node (partner, channel manager, territory or the whole plan) to the end of its period, from
 * its own sums. Pure, so any area (plans, business reviews) can call it with figures it has read.
 *
 *  - elapsed days: from the period's first day through `asOf` (inclusive), 0 before the period, all days after it;
 *  - linear: actualToDate × periodDays ÷ elapsedDays (rounded once, half away from zero);
 *  - same-period-last-year shape: actualToDate × lastYearFull ÷ lastYearToDate — this year continues as last year's
 *    same window did; null when last year had nothing up to the same day (no shape to follow);
 *  - once the period is over, both forecasts are the actual;
 *  - gap = target − forecast (positive: still short), per forecast; attainment to date = actual ÷ target.
 */
export interface ForecastInput {
  targetMinor: number | null;
  actualToDateMinor: number;
  /** Last year's same window (same first day through the same day one year earlier) and the whole same period. */
  lastYearToDateMinor: number;
  lastYearFullMinor: number;
  periodStart: string;
  periodEnd: string;
  asOf: string;
}

export interface Forecast {
  elapsedDays: number;
  periodDays: number;
  attainmentToDate: number | null;
  linearMinor: number | null;
  lastYearShapeMinor: number | null;
  gapLinearMinor: number | null;
  gapLastYearShapeMinor: number | null;
}

export function forecastNode(f: ForecastInput): Forecast {
  const periodDays = daysBetween(f.periodStart, f.periodEnd) + 1;
  const elapsedDays = f.asOf < f.periodStart ? 0 : f.asOf >= f.periodEnd ? periodDays : daysBetween(f.periodStart, f.asOf) + 1;
  const over = elapsedDays === periodDays;
  const linear = elapsedDays === 0 ? null : over ? f.actualToDateMinor : mulDivRound(f.actualToDateMinor, periodDays, elapsedDays);
  const shape = elapsedDays === 0 ? null : over ? f.actualToDateMinor : f.lastYearToDateMinor > 0 ? mulDivRound(f.actualToDateMinor, f.lastYearFullMinor, f.lastYearToDateMinor) : null;
  const t = f.targetMinor;
  return {
    elapsedDays,
    periodDays,
    attainmentToDate: t != null && t > 0 ? f.actualToDateMinor / t : null,
    linearMinor: linear,
    lastYearShapeMinor: shape,
    gapLinearMinor: t != null && linear != null ? t - linear : null,
    gapLastYearShapeMinor: t != null && shape != null ? t - shape : null,
  };
}
