import { withProgress, type OpContext } from '../opContext';
import { readEvaluationSettings } from '../evaluations/evaluationSettings';
import { runEvaluation } from '../evaluations/evaluationRun';
import { dueOn, latestDuePeriod } from '../evaluations/scheduleRunner';
import { listSchedules } from '../evaluations/schedules';
import { approveRun, calculateRun, payRun } from '../incentives/payoutRun';
import { parsePeriod, periodContaining, previousPeriod, type Period } from '../../../shared/period';
import { addDays, fullQuarters, type DemoCalendar } from './calendar';
import { demoStore } from './store';
import { applyChannelRisks } from '../inventory/channelRisks';

export interface DemoEvaluation {
  /** Periods evaluated, oldest first. */
  periods: string[];
  payoutRuns: number;
}

/** Quarters evaluated: enough for a trend on the dashboard and for the tier rules' consecutive periods. */
const QUARTERS = 4;

/** A moment on a local calendar day at 09:00 UTC (what the demo records as "when" for its runs). */
const at = (day: string) => new Date(`${day}T09:00:00.000Z`);
const earliest = (a: string, b: string) => (a < b ? a : b);

/**
 * The demo as the business would have it on the as-of day: the last full quarters, the last half-year and the last
 * year whose sales are all in (each evaluated shortly after it ended, for every partner; of the auto-risks only the
 * channel rules' on the last quarter — the rest of the register is the demo's curated risks), the schedules' latest
 * due periods recorded as covered by those runs (so the scheduler does not evaluate them again), and the quarterly rebate paid for the quarter before last and calculated,
 * awaiting approval, for the last one; the half-year rebate approved where a half-year of the program year is over.
 * Runs inside the demo's transaction; dates derive from the as-of day, so the same day gives the same rows.
 */
export async function evaluateDemo(ctx: OpContext, cal: DemoCalendar, programYear: number, breathe: () => Promise<void>, channelPartnerIds: readonly number[]): Promise<DemoEvaluation> {
  const { ws } = ctx;
  const fsm = readEvaluationSettings(ws.db).fiscalStartMonth;
  const complete = (p: Period) => p.end <= cal.lastSale && p.start >= cal.firstSale;
  const lastOf = (kind: 'half' | 'year'): Period | null => {
    let p = periodContaining(cal.lastSale, kind, fsm);
    while (!complete(p) && p.end >= cal.firstSale) p = previousPeriod(p, fsm);
    return complete(p) ? p : null;
  };
  const quarters = fullQuarters(cal).slice(-QUARTERS).map((q) => parsePeriod(q, fsm));
  const periods = [...quarters, lastOf('half'), lastOf('year')].filter((p): p is Period => p !== null);
  periods.sort((a, b) => a.end.localeCompare(b.end) || b.start.localeCompare(a.start));

  const runByPeriod = new Map<string, number>();
  // The demo reports whole periods; a run's own phases would interleave with them.
  const quiet = withProgress(ctx, () => undefined);
  for (const [i, p] of periods.entries()) {
    ctx.progress('evaluations', i, periods.length);
    // Evaluated a few days after the period ended (but never after the as-of day).
    const day = earliest(addDays(p.end, 5), cal.asOf);
    const r = runEvaluation(quiet, { period: p.label, trigger: 'manual', riskSignals: false, now: at(day) });
    runByPeriod.set(p.label, r.runId);
    await breathe();
  }
  ctx.progress('evaluations', periods.length, periods.length);

  // The channel rules (stuffing, 窜货, 乱价) on the last quarter, as its evaluation would have raised them: the register
  // then holds the channel risks of the reporting partners with their evidence lines linked.
  const lastQuarter = quarters.at(-1);
  const lastRun = lastQuarter && runByPeriod.get(lastQuarter.label);
  if (lastQuarter && lastRun !== undefined) {
    applyChannelRisks(quiet, lastQuarter, channelPartnerIds, { at: at(earliest(addDays(lastQuarter.end, 5), cal.asOf)), runId: lastRun, fsm });
  }

  // Each schedule's latest due period, where the demo evaluated it: recorded as done, so the scheduler moves on from there.
  for (const s of listSchedules(ws)) {
    const p = latestDuePeriod(s, cal.asOf, fsm);
    const runId = runByPeriod.get(p.label);
    if (runId === undefined) continue;
    const when = at(earliest(dueOn(p, s.lagDays), cal.asOf)).toISOString();
    demoStore.claimSchedulePeriod(ws, { scheduleId: s.id, period: p.label, evaluationRunId: runId, startedAt: when, finishedAt: when });
  }

  // Payouts of the program year.
  let payoutRuns = 0;
  // Calculated ten days after the period (a draft may still be changed: approval freezes the run, approved_at included).
  const calculate = (code: string, p: Period) => {
    const run = calculateRun(quiet, { programCode: code, period: p.label });
    demoStore.setCalculatedAt(ws, run.id, at(earliest(addDays(p.end, 10), cal.asOf)).toISOString());
    payoutRuns++;
    return run.id;
  };
  const ofYear = quarters.filter((q) => q.label.startsWith(`${programYear}-`));
  const [before, last] = [ofYear.at(-2), ofYear.at(-1)];
  if (before) {
    const id = calculate(`REB-${programYear}-Q`, before);
    // Approved a month after the period, paid ten days later (a payment is never dated before its approval).
    approveRun(quiet, id, at(earliest(addDays(before.end, 30), cal.asOf)));
    payRun(quiet, id, `PAY-${before.label.replace('-', '')}-001`, earliest(addDays(before.end, 40), cal.asOf));
  }
  if (last) calculate(`REB-${programYear}-Q`, last);
  const half = lastOf('half');
  if (half && half.label.startsWith(`${programYear}-`)) approveRun(quiet, calculate(`REB-${programYear}-H-ONLINE`, half), at(earliest(addDays(half.end, 20), cal.asOf)));
  return { periods: periods.map((p) => p.label), payoutRuns };
}
