import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { applyRate, formatMoney } from '../../../shared/money';
import { MDF_ACTIVITY_WORDS, type MdfRequestStatus } from '../../../shared/enums';
import type { MdfRequestInput, MdfRequestView } from '../../model/mdf';
import type { OpContext } from '../opContext';
import { availableFor } from './balances';
import { fundRecord, inScope, partnerIdByCode } from './funds';
import { mdfStore, type MdfListFilter, type RequestRecord } from './store';
import { notFound, wrongStatus } from '../../../shared/errorMessages';


const withShare = (r: RequestRecord): MdfRequestView => ({ ...r, fundShareMinor: applyRate(r.amountMinor, r.share) });

export function getRequest(ws: Workspace, id: number): MdfRequestView {
  const r = mdfStore.request(ws, id);
  if (!r) throw new DomainError(`No MDF request ${id}`, 'NOT_FOUND', notFound('mdfRequest', id));
  return withShare(r);
}

export function listRequests(ws: Workspace, filter: MdfListFilter & { statuses?: MdfRequestStatus[] } = {}): MdfRequestView[] {
  return mdfStore.requests(ws, filter).map(withShare);
}

/** 费用申请: checked against the fund's scope, activity types, period and currency; nothing is committed until approval. */
export function createRequest(ctx: OpContext, input: MdfRequestInput & { share: number }): MdfRequestView {
  const { ws } = ctx;
  const fund = fundRecord(ws, input);
  if (fund.status !== 'open') throw new DomainError(`Fund ${fund.code} is closed: it takes no new requests`, 'CONFLICT', wrongStatus('fund', fund.code, fund.status, ['open'], 'request'));
  const partnerId = partnerIdByCode(ws, input);
  const partner = mdfStore.partnerLabel(ws, partnerId)!;
  if (!inScope(ws, fund, partnerId)) {
    throw new DomainError(`Partner ${partner.code} is outside fund ${fund.code}'s scope (territory, channel type, tier or partner)`, 'DOMAIN', { reason: 'mdfOutOfScope', params: { partnerCode: partner.code, fundCode: fund.code } });
  }
  if (fund.activityTypes && !fund.activityTypes.includes(input.activityType)) throw new DomainError(`Fund ${fund.code} does not pay for ${input.activityType} (it pays for ${fund.activityTypes.join(', ')})`, 'DOMAIN', { reason: 'mdfActivityNotCovered', params: { fundCode: fund.code, activity: input.activityType, activities: fund.activityTypes } });
  if (partner.currency !== fund.currency) throw new DomainError(`Partner ${partner.code} is settled in ${partner.currency}, fund ${fund.code} pays in ${fund.currency}`, 'DOMAIN', { reason: 'mdfCurrencyMismatch', params: { partnerCode: partner.code, partnerCurrency: partner.currency, fundCode: fund.code, fundCurrency: fund.currency } });
  if (input.endsOn < input.startsOn) throw new DomainError(`The activity ends (${input.endsOn}) before it starts (${input.startsOn})`, 'DOMAIN', { reason: 'mdfActivityEndsBeforeStart', params: { startsOn: input.startsOn, endsOn: input.endsOn } });
  if (input.startsOn > fund.endsOn || input.endsOn < fund.startsOn) throw new DomainError(`The activity (${input.startsOn} – ${input.endsOn}) lies outside fund ${fund.code}'s period ${fund.period} (${fund.startsOn} – ${fund.endsOn})`, 'DOMAIN', { reason: 'mdfActivityOutsideFund', params: { startsOn: input.startsOn, endsOn: input.endsOn, fundCode: fund.code, period: fund.period, fundStartsOn: fund.startsOn, fundEndsOn: fund.endsOn } });
  const title = input.title ?? `${MDF_ACTIVITY_WORDS[input.activityType][0]} ${input.startsOn}`;
  const id = mdfStore.insertRequest(ws, {
    fundId: fund.id,
    partnerId,
    activityType: input.activityType,
    title,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    expectedLeads: input.expectedLeads ?? null,
    expectedRevenueMinor: input.expectedRevenueMinor ?? null,
    amountMinor: input.amountMinor,
    share: input.share,
    note: input.note ?? null,
    createdBy: ctx.user,
  }, ctx.clock.now().toISOString());
  const request = getRequest(ws, id);
  ctx.audit({ entity: 'mdf_request', entityId: request.id, after: request });
  return request;
}

/**
 * Approves a pending request, fully or for a lower cost. The fund commits approved × share, rounded once half away from
 * zero, and only if that fits what is available (remaining balance, and the partner's allocation or the unallocated
 * part): the check and the write run in the caller's one write transaction (BEGIN IMMEDIATE), so two approvals at once
 * — two windows, the app and the CLI, two processes — are serialised and cannot overspend.
 */
export function approveRequest(ctx: OpContext, input: { requestId: number; amountMinor?: number; claimBy?: string; note?: string }): MdfRequestView {
  const { ws } = ctx;
  const before = getRequest(ws, input.requestId);
  if (before.status !== 'pending') throw new DomainError(`MDF request ${before.id} is ${before.status}: only a pending request can be approved`, 'CONFLICT', wrongStatus('mdfRequest', before.id, before.status, ['pending'], 'approve'));
  const fund = fundRecord(ws, { fundId: before.fundId });
  if (fund.status !== 'open') throw new DomainError(`Fund ${fund.code} is closed: it approves nothing more`, 'CONFLICT', wrongStatus('fund', fund.code, fund.status, ['open'], 'request'));
  const approved = input.amountMinor ?? before.amountMinor;
  if (approved > before.amountMinor) throw new DomainError(`The approved amount ${formatMoney(approved, fund.currency)} is more than requested (${formatMoney(before.amountMinor, fund.currency)})`, 'DOMAIN', { reason: 'mdfApprovedAboveRequested', params: { approvedMinor: approved, requestedMinor: before.amountMinor, currency: fund.currency } });
  const committed = applyRate(approved, before.share);
  const { availableMinor, remainingMinor, allocationMinor } = availableFor(ws, fund.id, before.partnerId);
  if (committed > availableMinor) {
    const why = allocationMinor != null && availableMinor < remainingMinor ? `partner ${before.partnerCode}'s allocation has ${formatMoney(availableMinor, fund.currency)} left` : `fund ${fund.code} has ${formatMoney(availableMinor, fund.currency)} available`;
    throw new DomainError(`Approving ${formatMoney(committed, fund.currency)} would overspend: ${why}`, 'CONFLICT', {
      reason: 'mdfOverspend',
      params: { committedMinor: committed, availableMinor, currency: fund.currency, fundCode: fund.code, partnerCode: before.partnerCode, allocation: allocationMinor != null && availableMinor < remainingMinor },
    });
  }
  const claimBy = input.claimBy ?? fund.claimDeadline;
  if (claimBy < before.endsOn) throw new DomainError(`The claim deadline ${claimBy} is before the activity ends (${before.endsOn})`, 'DOMAIN', { reason: 'mdfClaimByBeforeEnd', params: { claimBy, endsOn: before.endsOn } });
  const at = ctx.clock.now().toISOString();
  mdfStore.updateRequest(ws, before.id, {
    status: 'approved',
    approvedMinor: approved,
    committedMinor: committed,
    claimBy,
    decidedAt: at,
    decidedBy: ctx.user,
    ...(input.note != null && { note: input.note }),
  }, at);
  return decided(ctx, before);
}

export function rejectRequest(ctx: OpContext, input: { requestId: number; reason: string }): MdfRequestView {
  const before = getRequest(ctx.ws, input.requestId);
  if (before.status !== 'pending') throw new DomainError(`MDF request ${before.id} is ${before.status}: only a pending request can be rejected`, 'CONFLICT', wrongStatus('mdfRequest', before.id, before.status, ['pending'], 'reject'));
  const at = ctx.clock.now().toISOString();
  mdfStore.updateRequest(ctx.ws, before.id, { status: 'rejected', rejectReason: input.reason, decidedAt: at, decidedBy: ctx.user }, at);
  return decided(ctx, before);
}

function decided(ctx: OpContext, before: MdfRequestView): MdfRequestView {
  const after = getRequest(ctx.ws, before.id);
  ctx.audit({ entity: 'mdf_request', entityId: after.id, before, after });
  return after;
}

/**
 * Approvals still unclaimed after their claim deadline lapse (status expired, expired_on = the day) and their
 * commitment returns to the fund. A claim submitted in time (even if not yet decided) keeps its request alive.
 */
export function expireRequests(ctx: OpContext, asOf?: string): { asOf: string; expired: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> } {
  const { asOf: day, due } = lapsedApprovals(ctx, asOf);
  const at = ctx.clock.now().toISOString();
  for (const r of due) {
    mdfStore.updateRequest(ctx.ws, r.requestId, { status: 'expired', expiredOn: day }, at);
    ctx.audit({ entity: 'mdf_request', entityId: r.requestId, before: { status: 'approved' }, after: { status: 'expired', expiredOn: day, returnedMinor: r.returnedMinor } });
  }
  // A run that expires nothing is recorded all the same: who checked, as of which day.
  if (!due.length) ctx.audit({ entity: 'mdf_request', entityId: null, after: { asOf: day, expired: [] } });
  return { asOf: day, expired: due };
}

/** Approvals past their claim deadline with no live claim, as of a day (nothing is written). */
export function lapsedApprovals(ctx: Pick<OpContext, 'ws' | 'today'>, asOf?: string): { asOf: string; due: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> } {
  const day = asOf ?? ctx.today();
  const due = mdfStore.lapsedApprovals(ctx.ws, day);
  return { asOf: day, due };
}
