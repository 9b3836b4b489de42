import type { OpContext } from '../opContext';
import type { Workspace } from '../../../db/database';
import type { ReviewActionRow, ReviewMeetingRow } from '../../../db/schema';
import { daysBetween } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';
import type { ReviewActionStatus } from '../../../shared/enums';
import { parsePeriod, type Period } from '../../../shared/period';
import type { ReviewAction, ReviewMeeting, ReviewMeetingFilter, ReviewMeetingInput } from '../../model/reviews';
import { linkProposals } from './reviewProposals';
import { reviewStore } from './store';
import { notFound } from '../../../shared/errorMessages';

/** Statuses of an action still to be done: they roll into the next review pack and show on the dashboard. */
export const OPEN_ACTION_STATUSES: readonly ReviewActionStatus[] = ['open', 'in_progress'];
const isOpen = (s: ReviewActionStatus) => OPEN_ACTION_STATUSES.includes(s);

interface PartnerRef {
  code: string;
  name: string;
}

function partnerRefs(ws: Workspace, ids: number[]): Map<number, PartnerRef> {
  const rows = reviewStore.partnerRefs(ws, ids);
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
  const actions = reviewStore.actionsOf(
    ws,
    rows.map((r) => r.id),
  );
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
  const id = reviewStore.partnerIdByCode(ws, ref.partnerCode);
  if (id == null) throw new DomainError(`Partner ${ref.partnerCode} not found`, 'NOT_FOUND', notFound('partner', ref.partnerCode));
  return id;
}

/** Meetings newest first (by the day held), each with its action items. */
export function listMeetings(ws: Workspace, f: ReviewMeetingFilter, today: string): ReviewMeeting[] {
  const partnerId = partnerIdOf(ws, f);
  return toMeetings(ws, reviewStore.meetings(ws, { partnerId, period: f.period }), today);
}

export function getMeeting(ws: Workspace, id: number, today: string): ReviewMeeting {
  const row = reviewStore.meeting(ws, id);
  if (!row) throw new DomainError(`Review meeting ${id} not found`, 'NOT_FOUND', notFound('reviewMeeting', id));
  return toMeetings(ws, [row], today)[0];
}

/**
 * Creates or updates a meeting with its full action list (runs in the caller's transaction). An action saved with a
 * closing status gets today as its closing day; reopening clears it.
 */
export function saveMeeting(ctx: OpContext, input: ReviewMeetingInput): { before: ReviewMeeting | null; after: ReviewMeeting } {
  const { ws, user } = ctx;
  const today = ctx.today();
  if (!reviewStore.partnerExists(ws, input.partnerId)) throw new DomainError(`Partner ${input.partnerId} not found`, 'NOT_FOUND', notFound('partner', input.partnerId));
  const now = ctx.clock.now().toISOString();
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
    if (before.partnerId !== input.partnerId) throw new DomainError('A review meeting cannot move to another partner', 'CONFLICT', {
        reason: 'reviewMeetingOtherPartner',
        params: { id: input.id, code: before.partnerCode },
      });
    reviewStore.updateMeeting(ws, input.id, { ...fields, updatedAt: now });
    id = input.id;
  } else {
    id = reviewStore.insertMeeting(ws, { ...fields, createdBy: user });
  }
  const existing = new Map(reviewStore.actionsOf(ws, [id]).map((a) => [a.id, a]));
  const kept: number[] = [];
  for (const a of input.actions) {
    const status = a.status ?? 'open';
    const values = { description: a.description, owner: a.owner?.trim() || null, dueOn: a.dueOn ?? null, status, note: a.note?.trim() || null };
    if (a.id != null) {
      const old = existing.get(a.id);
      if (!old) throw new DomainError(`Action ${a.id} is not an action of this meeting`, 'NOT_FOUND', notFound('reviewAction', a.id));
      const closedOn = isOpen(status) ? null : old.status === status ? old.closedOn : today;
      reviewStore.updateAction(ws, a.id, { ...values, closedOn, updatedAt: now });
      kept.push(a.id);
    } else {
      kept.push(reviewStore.insertAction(ws, { ...values, meetingId: id, partnerId: input.partnerId, closedOn: isOpen(status) ? null : today }));
    }
  }
  reviewStore.deleteActionsExcept(ws, id, kept);
  linkProposals(ws, id);
  return { before, after: getMeeting(ws, id, today) };
}

export function deleteMeeting(ws: Workspace, id: number, today: string): ReviewMeeting {
  const before = getMeeting(ws, id, today);
  reviewStore.deleteMeeting(ws, id);
  return before;
}

/** Sets one action's status (from the dashboard or the partner page) without re-saving its meeting. */
export function setActionStatus(ctx: OpContext, id: number, status: ReviewActionStatus, note: string | null | undefined): { before: ReviewAction; after: ReviewAction } {
  const { ws } = ctx;
  const today = ctx.today();
  const before = actionById(ws, id, today);
  const closedOn = isOpen(status) ? null : before.status === status ? before.closedOn : today;
  reviewStore.updateAction(ws, id, { status, closedOn, ...(note !== undefined ? { note: note?.trim() || null } : {}), updatedAt: ctx.clock.now().toISOString() });
  return { before, after: actionById(ws, id, today) };
}

function actionById(ws: Workspace, id: number, today: string): ReviewAction {
  const row = reviewStore.actionWithMeeting(ws, id);
  if (!row) throw new DomainError(`Review action ${id} not found`, 'NOT_FOUND', notFound('reviewAction', id));
  return toAction(row.a, row.m, partnerRefs(ws, [row.a.partnerId]).get(row.a.partnerId)!, today);
}

/**
 * Open and in-progress actions (all partners, or one), overdue first (most days overdue first), then by due date;
 * actions without a due date last. For the dashboard beside overdue risk actions.
 */
export function openActions(ws: Workspace, f: { partnerId?: number; overdueOnly?: boolean; channelManagerIds?: number[] }, today: string): ReviewAction[] {
  // Mine: actions of the partners these channel managers look after now (none for an empty list).
  const rows = reviewStore.actionsInStatus(ws, OPEN_ACTION_STATUSES, { partnerId: f.partnerId, channelManagerIds: f.channelManagerIds, dueBefore: f.overdueOnly ? today : undefined });
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
