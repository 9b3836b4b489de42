import { parsePopulation } from '../../../shared/population';
import type { Workspace } from '../../../db/database';
import type { EvaluationCycle, PeriodKind } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import type { Schedule, ScheduleInput } from '../../model/evaluations';


export const CYCLE_KIND: Record<EvaluationCycle, PeriodKind> = { monthly: 'month', quarterly: 'quarter', half_yearly: 'half', yearly: 'year' };

type Raw = Omit<Schedule, 'tiers' | 'channelTypes' | 'regions' | 'enabled' | 'lastPopulation'> & { tiers: string; channelTypes: string; regions: string; enabled: number; lastPopulation: string | null };

export function listSchedules(ws: Workspace): Schedule[] {
  const rows = ws.sqlite
    .prepare(
      `select e.id, e.name, e.cycle, e.tiers, e.channel_types as channelTypes, e.regions, e.lag_days as lagDays, e.enabled,
        (select period from schedule_runs r where r.schedule_id = e.id order by r.period desc limit 1) as lastPeriod,
        (select outcome from schedule_runs r where r.schedule_id = e.id order by r.period desc limit 1) as lastOutcome,
        (select max(coalesce(finished_at, started_at)) from schedule_runs r where r.schedule_id = e.id) as lastRunAt,
        (select v.population from schedule_runs r join evaluation_runs v on v.id = r.evaluation_run_id where r.schedule_id = e.id order by r.period desc limit 1) as lastPopulation
       from evaluation_schedules e order by e.id`,
    )
    .all() as Raw[];
  return rows.map((r) => ({
    ...r,
    tiers: JSON.parse(r.tiers),
    channelTypes: JSON.parse(r.channelTypes),
    regions: JSON.parse(r.regions),
    enabled: Boolean(r.enabled),
    lastPopulation: parsePopulation(r.lastPopulation),
  }));
}

export function getSchedule(ws: Workspace, id: number): Schedule {
  const s = listSchedules(ws).find((x) => x.id === id);
  if (!s) throw new DomainError(`Schedule ${id} not found`, 'NOT_FOUND');
  return s;
}

/** Creates (no id) or updates a schedule; returns before/after for the audit trail. */
export function saveSchedule(ws: Workspace, input: ScheduleInput): { before: Schedule | null; after: Schedule } {
  const values = [input.name, input.cycle, JSON.stringify(input.tiers), JSON.stringify(input.channelTypes), JSON.stringify(input.regions), input.lagDays, input.enabled ? 1 : 0];
  if (input.id === undefined) {
    const id = Number(
      ws.sqlite
        .prepare('insert into evaluation_schedules (name, cycle, tiers, channel_types, regions, lag_days, enabled) values (?, ?, ?, ?, ?, ?, ?)')
        .run(...values).lastInsertRowid,
    );
    return { before: null, after: getSchedule(ws, id) };
  }
  const before = getSchedule(ws, input.id);
  if (before.cycle !== input.cycle && before.lastPeriod) {
    throw new DomainError('A schedule that has run cannot change its cycle (its periods would no longer match); create a new schedule instead', 'CONFLICT');
  }
  ws.sqlite
    .prepare(
      `update evaluation_schedules set name = ?, cycle = ?, tiers = ?, channel_types = ?, regions = ?, lag_days = ?, enabled = ?,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
    )
    .run(...values, input.id);
  return { before, after: getSchedule(ws, input.id) };
}

/** Deletes a schedule that never ran; one with runs is kept for the record (disable it instead). */
export function deleteSchedule(ws: Workspace, id: number): { before: Schedule } {
  const before = getSchedule(ws, id);
  const used = ws.sqlite.prepare('select (select count(*) from schedule_runs where schedule_id = ?) + (select count(*) from evaluation_runs where schedule_id = ?) as n').get(id, id) as { n: number };
  if (used.n > 0) throw new DomainError('This schedule has run already: its record is kept. Disable it instead of deleting it.', 'CONFLICT');
  ws.sqlite.prepare('delete from evaluation_schedules where id = ?').run(id);
  return { before };
}
