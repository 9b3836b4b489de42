import { planCreateInput } from '../../model/plans';
import { createPlan } from '../plans/plans';
import type { OpContext } from '../opContext';
import { fullQuarters, type DemoCalendar } from './calendar';

/** Next year's plan: the last four full quarters' revenue plus 12 %, in whole ten thousands of yuan. */
const GROWTH = 0.12;

/**
 * Next year's target plan as a channel manager has it while planning: a draft (not published, so this year's targets
 * stay as they are) for every partner, split by each partner's share of the last 12 months, seasonally by month.
 * `revenueByQuarter`: the demo's revenue per calendar quarter key (2026-Q3), all partners.
 */
export function insertPlan(ctx: OpContext, cal: DemoCalendar, revenueByQuarter: Map<string, number>): { code: string; totalMinor: number } {
  const lastFour = fullQuarters(cal).slice(-4);
  const base = lastFour.reduce((s, q) => s + (revenueByQuarter.get(q) ?? 0), 0);
  const year = Number(cal.asOf.slice(0, 4)) + 1;
  const totalMinor = Math.max(1_000_000, Math.round((base * (1 + GROWTH)) / 1_000_000) * 1_000_000);
  const code = `PLAN-${year}`;
  createPlan(
    ctx,
    planCreateInput.parse({
      code,
      name: `${year} 年度销售目标（草案）`,
      metric: 'revenue',
      period: String(year),
      totalMinor,
      rules: { method: 'last-12-months', uplift: { default: GROWTH }, timeSplit: 'seasonal', newPartnerMinimumMinor: 0 },
    }),
  );
  return { code, totalMinor };
}
