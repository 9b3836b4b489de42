import { and, asc, desc, eq, inArray, isNull, lt, ne, notInArray } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { partners, reviewActions, reviewMeetings, type ReviewActionRow, type ReviewMeetingRow } from '../../../db/schema';
import { daysBetween } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';
import type { ReviewActionStatus } from '../../../shared/enums';
import { parsePeriod, type Period } from '../../../shared/period';
import type { ReviewAction, ReviewMeeting, ReviewMeetingFilter, ReviewMeetingInput } from '../../model/reviews';
import { linkProposals } from './reviewProposals';

/** Statuses of an action still to be done: they roll into the next review pack and show on the dashboard. */
export const OPEN_ACTION_STATUSES: readonly ReviewActionStatus[] = ['open', 'in_progress'];
const isOpen = (s: ReviewActionStatus) => OPEN_ACTION_STATUSES.includes(s);

interface PartnerRef {
  code: string;
  name: string;
}

function partnerRefs(ws: Workspace, ids: number[]): Map<number, PartnerRef> {
  if (!ids.length) return new Map();
  const rows = ws.db.select({ id: partners.id, code: partners.code, name: partners.name }).from(partners).where(inArray(partners.id, [...new Set(ids)])).all();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

function toAction(a: ReviewActionRow, m: Pick<ReviewMeetingRow, 'period' | 'heldOn'>, p: PartnerRef, today: string): ReviewAction {
  const overdue = isOpen(a.status) && a.dueOn != null && a.dueOn < today;
  return {
    id: a.id,
    meetingId: a.meetingId,
    partnerId: a.partnerId,
    partnerCode: p.code,
    partnerName: p.name,
    period: m.period,
    heldOn: m.heldOn,
    description: a.description,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    closedOn: a.closedOn,
    note: a.note,
    overdue,
    daysOverdue: overdue ? daysBetween(a.dueOn!, today) : 0,
  };
}

function toMeetings(ws: Workspace, rows: ReviewMeetingRow[], today: string): ReviewMeeting[] {
  if (!rows.length) return [];
  const refs = partnerRefs(ws, rows.map((r) => r.partnerId));
  const actions = ws.db
    .select()
    .from(reviewActions)
    .where(inArray(reviewActions.meetingId, rows.map((r) => r.id)))
    .orderBy(asc(reviewActions.id))
    .all();
  return rows.map((m) => {
    const p = refs.get(m.partnerId)!;
    return {
      id: m.id,
      partnerId: m.partnerId,
      partnerCode: p.code,
      partnerName: p.name,
      period: m.period,
      heldOn: m.heldOn,
      attendees: m.attendees,
      minutes: m.minutes,
      decisions: m.decisions,
      createdBy: m.createdBy,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      actions: actions.filter((a) => a.meetingId === m.id).map((a) => toAction(a, m, p, today)),
    };
  });
}

export function partnerIdOf(ws: Workspace, ref: { partnerId?: number; partnerCode?: string }): number | undefined {
  if (ref.partnerId != null) return ref.partnerId;
  if (ref.partnerCode == null) return undefined;
  const row = ws.db.select({ id: partners.id }).from(partners).where(eq(partners.code, ref.partnerCode)).get();
  if (!row) throw new DomainError(`Partner ${ref.partnerCode} not found`, 'NOT_FOUND');
  return row.id;
}

/** Meetings newest first (by the day held), each with its action items. */
export function listMeetings(ws: Workspace, f: ReviewMeetingFilter, today: string): ReviewMeeting[] {
  const partnerId = partnerIdOf(ws, f);
  const conds = [];
  if (partnerId != null) conds.push(eq(reviewMeetings.partnerId, partnerId));
  if (f.period) conds.push(eq(reviewMeetings.period, f.period));
  const rows = ws.db
    .select()
    .from(reviewMeetings)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(reviewMeetings.heldOn), desc(reviewMeetings.id))
    .all();
  return toMeetings(ws, rows, today);
}

export function getMeeting(ws: Workspace, id: number, today: string): ReviewMeeting {
  const row = ws.db.select().from(reviewMeetings).where(eq(reviewMeetings.id, id)).get();
  if (!row) throw new DomainError(`Review meeting ${id} not found`, 'NOT_FOUND');
  return toMeetings(ws, [row], today)[0];
}

/**
 * Creates or updates a meeting with its full action list (runs in the caller's transaction). An action saved with a
 * closing status gets today as its closing day; reopening clears it.
 */
export function saveMeeting(ws: Workspace, input: ReviewMeetingInput, user: string, today: string): { before: ReviewMeeting | null; after: ReviewMeeting } {
  const partner = ws.db.select({ id: partners.id, deletedAt: partners.deletedAt }).from(partners).where(eq(partners.id, input.partnerId)).get();
  if (!partner) throw new DomainError(`Partner ${input.partnerId} not found`, 'NOT_FOUND');
  const now = new Date().toISOString();
  const fields = {
    partnerId: input.partnerId,
    period: input.period,
    heldOn: input.heldOn,
    attendees: input.attendees,
    minutes: input.minutes?.trim() ? input.minutes : null,
    decisions: input.decisions,
  };
  let before: ReviewMeeting | null = null;
  let id: number;
  if (input.id != null) {
    before = getMeeting(ws, input.id, today);
    if (before.partnerId !== input.partnerId) throw new DomainError('A review meeting cannot move to another partner', 'CONFLICT');
    ws.db.update(reviewMeetings).set({ ...fields, updatedAt: now }).where(eq(reviewMeetings.id, input.id)).run();
    id = input.id;
  } else {
    id = ws.db.insert(reviewMeetings).values({ ...fields, createdBy: user }).returning({ id: reviewMeetings.id }).get().id;
  }
  const existing = new Map(ws.db.select().from(reviewActions).where(eq(reviewActions.meetingId, id)).all().map((a) => [a.id, a]));
  const kept: number[] = [];
  for (const a of input.actions) {
    const status = a.status ?? 'open';
    const values = { description: a.description, owner: a.owner?.trim() || null, dueOn: a.dueOn ?? null, status, note: a.note?.trim() || null };
    if (a.id != null) {
      const old = existing.get(a.id);
      if (!old) throw new DomainError(`Action ${a.id} is not an action of this meeting`, 'NOT_FOUND');
      const closedOn = isOpen(status) ? null : old.status === status ? old.closedOn : today;
      ws.db.update(reviewActions).set({ ...values, closedOn, updatedAt: now }).where(eq(reviewActions.id, a.id)).run();
      kept.push(a.id);
    } else {
      const row = ws.db
        .insert(reviewActions)
        .values({ ...values, meetingId: id, partnerId: input.partnerId, closedOn: isOpen(status) ? null : today })
        .returning({ id: reviewActions.id })
        .get();
      kept.push(row.id);
    }
  }
  const removed = kept.length ? and(eq(reviewActions.meetingId, id), notInArray(reviewActions.id, kept)) : eq(reviewActions.meetingId, id);
  ws.db.delete(reviewActions).where(removed).run();
  linkProposals(ws, id);
  return { before, after: getMeeting(ws, id, today) };
}

export function deleteMeeting(ws: Workspace, id: number, today: string): ReviewMeeting {
  const before = getMeeting(ws, id, today);
  ws.db.delete(reviewActions).where(eq(reviewActions.meetingId, id)).run();
  ws.db.delete(reviewMeetings).where(eq(reviewMeetings.id, id)).run();
  return before;
}

/** Sets one action's status (from the dashboard or the partner page) without re-saving its meeting. */
export function setActionStatus(
  ws: Workspace,
  id: number,
  status: ReviewActionStatus,
  note: string | null | undefined,
  today: string,
): { before: ReviewAction; after: ReviewAction } {
  const before = actionById(ws, id, today);
  const closedOn = isOpen(status) ? null : before.status === status ? before.closedOn : today;
  ws.db
    .update(reviewActions)
    .set({ status, closedOn, ...(note !== undefined ? { note: note?.trim() || null } : {}), updatedAt: new Date().toISOString() })
    .where(eq(reviewActions.id, id))
    .run();
  return { before, after: actionById(ws, id, today) };
}

function actionById(ws: Workspace, id: number, today: string): ReviewAction {
  const row = ws.db.select({ a: reviewActions, m: reviewMeetings }).from(reviewActions).innerJoin(reviewMeetings, eq(reviewMeetings.id, reviewActions.meetingId)).where(eq(reviewActions.id, id)).get();
  if (!row) throw new DomainError(`Review action ${id} not found`, 'NOT_FOUND');
  return toAction(row.a, row.m, partnerRefs(ws, [row.a.partnerId]).get(row.a.partnerId)!, today);
}

/**
 * Open and in-progress actions (all partners, or one), overdue first (most days overdue first), then by due date;
 * actions without a due date last. For the dashboard beside overdue risk actions.
 */
export function openActions(ws: Workspace, f: { partnerId?: number; overdueOnly?: boolean; channelManagerIds?: number[] }, today: string): ReviewAction[] {
  const conds = [inArray(reviewActions.status, [...OPEN_ACTION_STATUSES])];
  if (f.partnerId != null) conds.push(eq(reviewActions.partnerId, f.partnerId));
  // Mine: actions of the partners these channel managers look after now (none for an empty list).
  if (f.channelManagerIds) conds.push(inArray(partners.channelManagerId, f.channelManagerIds));
  if (f.overdueOnly) conds.push(lt(reviewActions.dueOn, today));
  const rows = ws.db
    .select({ a: reviewActions, m: reviewMeetings })
    .from(reviewActions)
    .innerJoin(reviewMeetings, eq(reviewMeetings.id, reviewActions.meetingId))
    .innerJoin(partners, eq(partners.id, reviewActions.partnerId))
    .where(and(...conds, ne(partners.status, 'terminated'), isNull(partners.deletedAt)))
    .all();
  const refs = partnerRefs(ws, rows.map((r) => r.a.partnerId));
  return rows
    .map(({ a, m }) => toAction(a, m, refs.get(a.partnerId)!, today))
    .sort((x, y) => y.daysOverdue - x.daysOverdue || (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') || x.id - y.id);
}

/**
 * What the pack for `period` carries forward: the latest meeting about an earlier period ("last review") with all its
 * actions, plus the still-open actions of older meetings.
 */
export function carriedActions(ws: Workspace, partnerId: number, period: Period, fsm: number, today: string): { lastMeeting: ReviewMeeting | null; actions: ReviewAction[] } {
  const earlier = listMeetings(ws, { partnerId }, today).filter((m) => parsePeriod(m.period, fsm).start < period.start);
  const lastMeeting = earlier[0] ?? null;
  const actions = [...(lastMeeting?.actions ?? []), ...earlier.slice(1).flatMap((m) => m.actions.filter((a) => isOpen(a.status)))];
  return { lastMeeting, actions };
}
