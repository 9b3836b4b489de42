import { parsePopulation } from '../../../shared/population';
import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import type { EvaluationCycle, PeriodKind } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import type { Schedule, ScheduleInput } from '../../model/evaluations';
import { scheduleStore, type ScheduleValues } from './store';
import { notFound } from '../../../shared/errorMessages';
export const CYCLE_KIND: Record<EvaluationCycle, PeriodKind> = { monthly: 'month', quarterly: 'quarter', half_yearly: 'half', yearly: 'year' };

export function listSchedules(ws: Workspace): Schedule[] {
  const rows = scheduleStore.list(ws);
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
  if (!s) throw new DomainError(`Schedule ${id} not found`, 'NOT_FOUND', notFound('schedule', id));
  return s;
}

/** Creates (no id) or updates a schedule; returns before/after for the audit trail. */
export function saveSchedule(ctx: OpContext, input: ScheduleInput): { before: Schedule | null; after: Schedule } {
  const { ws } = ctx;
  const at = ctx.clock.now().toISOString();
  const values: ScheduleValues = [input.name, input.cycle, JSON.stringify(input.tiers), JSON.stringify(input.channelTypes), JSON.stringify(input.regions), input.lagDays, input.enabled ? 1 : 0];
  if (input.id === undefined) return { before: null, after: getSchedule(ws, scheduleStore.insert(ws, values, at)) };
  const before = getSchedule(ws, input.id);
  if (before.cycle !== input.cycle && before.lastPeriod) {
    throw new DomainError('A schedule that has run cannot change its cycle (its periods would no longer match); create a new schedule instead', 'CONFLICT', { reason: 'scheduleCycleLocked', params: {} });
  }
  scheduleStore.update(ws, input.id, values, at);
  return { before, after: getSchedule(ws, input.id) };
}

/** Deletes a schedule that never ran; one with runs is kept for the record (disable it instead). */
export function deleteSchedule(ws: Workspace, id: number): { before: Schedule } {
  const before = getSchedule(ws, id);
  if (scheduleStore.uses(ws, id) > 0) throw new DomainError('This schedule has run already: its record is kept. Disable it instead of deleting it.', 'CONFLICT', { reason: 'scheduleHasRun', params: {} });
  scheduleStore.delete(ws, id);
  return { before };
}
