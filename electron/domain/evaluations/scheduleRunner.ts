import type { Workspace } from '../../../db/database';
import { withProgress, type OpContext } from '../opContext';
import { addDays, parsePeriod, periodContaining, previousPeriod, nextPeriod, type Period } from '../../../shared/period';
import { readEvaluationSettings } from './evaluationSettings';
import { runEvaluation } from './evaluationRun';
import { type Schedule } from '../../model/evaluations';
import { CYCLE_KIND, listSchedules } from './schedules';
import { DueRun } from '../../model/evaluations';
import { scheduleStore } from './store';

/** A claim older than this whose run never finished (the app was killed mid-run) may be taken over. */
export const STALE_CLAIM_MS = 60 * 60 * 1000;

/** A period is due `lagDays` days after its last day (at the earliest the day after it). */
export function dueOn(p: Period, lagDays: number): string {
  return addDays(p.end, Math.max(1, lagDays));
}

/** The most recent period of the schedule's cycle that is due on `today`. */
export function latestDuePeriod(s: Pick<Schedule, 'cycle' | 'lagDays'>, today: string, fsm: number): Period {
  let p = periodContaining(today, CYCLE_KIND[s.cycle], fsm);
  while (dueOn(p, s.lagDays) > today) p = previousPeriod(p, fsm);
  return p;
}

/**
 * The periods a schedule still has to run on `today`: every period after the last one it claimed up to the latest due
 * one (so nothing is lost while the app was closed), plus claimed periods whose run failed or that wait for sales data. A schedule that never ran
 * starts with the latest due period only (it does not evaluate the whole history).
 */
export function pendingPeriods(ws: Workspace, s: Schedule, today: string, fsm: number): Period[] {
  const latest = latestDuePeriod(s, today, fsm);
  const claimed = scheduleStore.claims(ws, s.id);
  const out: Period[] = claimed.filter((c) => c.outcome === 'failed' || c.outcome === 'waiting').map((c) => parsePeriod(c.period, fsm));
  const last = claimed.at(-1);
  if (!last) return [...out, latest];
  let p = nextPeriod(parsePeriod(last.period, fsm), fsm);
  while (p.start <= latest.start) {
    out.push(p);
    p = nextPeriod(p, fsm);
  }
  return out;
}

/**
 * Claims a schedule-period: inserts its schedule_runs row as 'running' (unique per schedule and period), or takes over a
 * failed one or a stale 'running' one. One SQL statement, so two processes can never both win. True when claimed.
 */
export function claimSchedulePeriod(ws: Workspace, scheduleId: number, period: string, now: Date): boolean {
  return scheduleStore.claim(ws, { id: scheduleId, period, now: now.toISOString(), stale: new Date(now.getTime() - STALE_CLAIM_MS).toISOString() });
}

/** Why a schedule waits: sales data for the period's last month has not been imported yet. */
export const WAITING_FOR_SALES = 'no_sales_data';

/**
 * Whether the sales data reaches the period's last month: a period evaluated before its sales are in grades every partner
 * on nothing (the demo's 2026-H1 once graded every partner D).
 */
export function hasSalesThrough(ws: Workspace, p: Period): boolean {
  const lastMonthStart = `${p.end.slice(0, 8)}01`;
  return scheduleStore.hasSales(ws, lastMonthStart, p.end);
}

/**
 * Runs everything due at `now`: for each enabled schedule every pending period (oldest first, across schedules), each
 * claimed before it runs and its outcome recorded. A period claimed by someone else (another window, the CLI) is
 * skipped. A period whose sales data does not reach its last month is not evaluated: its claim says so (outcome
 * 'waiting', message WAITING_FOR_SALES) and it is tried again on the next call. Failures are recorded on the claim and
 * retried on the next call; the other periods still run.
 */
export function runDue(ctx: OpContext, now: Date): { asOf: string; runs: DueRun[] } {
  const { ws } = ctx;
  const fsm = readEvaluationSettings(ws.db).fiscalStartMonth;
  const today = ctx.clock.today(now);
  const work: Array<{ s: Schedule; p: Period }> = [];
  for (const s of listSchedules(ws)) {
    if (!s.enabled) continue;
    for (const p of pendingPeriods(ws, s, today, fsm)) work.push({ s, p });
  }
  work.sort((a, b) => a.p.end.localeCompare(b.p.end) || a.s.id - b.s.id);
  const runs: DueRun[] = [];
  const finish = (f: { outcome: 'waiting' | 'succeeded' | 'failed'; runId: number | null; message: string | null; at: string; id: number; period: string }) => scheduleStore.finish(ws, f);
  work.forEach(({ s, p }, i) => {
    ctx.throwIfCancelled();
    const base = { scheduleId: s.id, scheduleName: s.name, period: p.label };
    if (!claimSchedulePeriod(ws, s.id, p.label, now)) {
      runs.push({ ...base, outcome: 'skipped', message: 'claimed by another run' });
      return;
    }
    if (!hasSalesThrough(ws, p)) {
      finish({ outcome: 'waiting', runId: null, message: WAITING_FOR_SALES, at: ctx.clock.now().toISOString(), id: s.id, period: p.label });
      runs.push({ ...base, outcome: 'waiting', message: WAITING_FOR_SALES });
      return;
    }
    try {
      const step = withProgress(ctx, (phase, done, total) =>
        ctx.progress(phase, i * 100 + Math.round((100 * done) / (total || 1)), work.length * 100, { schedule: s.name, period: p.label }),
      );
      const r = runEvaluation(step, {
        period: p.label,
        filter: { tiers: s.tiers, channelTypes: s.channelTypes, regions: s.regions },
        trigger: 'schedule',
        scheduleId: s.id,
      });
      finish({ outcome: 'succeeded', runId: r.runId, message: null, at: ctx.clock.now().toISOString(), id: s.id, period: p.label });
      runs.push({ ...base, outcome: 'succeeded', runId: r.runId, partnerCount: r.partnerCount, population: r.population });
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      finish({ outcome: 'failed', runId: null, message, at: ctx.clock.now().toISOString(), id: s.id, period: p.label });
      runs.push({ ...base, outcome: 'failed', message });
      if ((e as Error)?.name === 'JobCancelled') throw e;
    }
  });
  return { asOf: today, runs };
}
