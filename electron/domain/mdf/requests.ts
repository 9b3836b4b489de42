import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { applyRate, formatMoney } from '../../../shared/money';
import type { MdfRequestStatus } from '../../../shared/enums';
import type { MdfRequestInput, MdfRequestView } from '../../model/mdf';
import { workspaceClock } from '../system/workspaceClock';
import { availableFor } from './balances';
import { fundRecord, inScope, partnerIdByCode } from './funds';

const ACTIVITY_ZH: Record<string, string> = { exhibition: '展会', promotion: '门店促销', advertising: '广告投放', training_event: '培训活动', co_branded_material: '联合品牌物料', other: '其他' };

const REQUEST_SELECT = `select r.id, r.fund_id as fundId, f.code as fundCode, f.currency, r.partner_id as partnerId, p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn,
  r.activity_type as activityType, r.title, r.starts_on as startsOn, r.ends_on as endsOn, r.amount_minor as amountMinor, r.share,
  r.expected_leads as expectedLeads, r.expected_revenue_minor as expectedRevenueMinor, r.status, r.approved_minor as approvedMinor,
  r.committed_minor as committedMinor, r.claim_by as claimBy, r.decided_at as decidedAt, r.decided_by as decidedBy, r.reject_reason as rejectReason,
  r.expired_on as expiredOn, r.note, r.created_at as createdAt, r.created_by as createdBy
  from mdf_requests r join mdf_funds f on f.id = r.fund_id join partners p on p.id = r.partner_id`;

const withShare = (r: Omit<MdfRequestView, 'fundShareMinor'>): MdfRequestView => ({ ...r, fundShareMinor: applyRate(r.amountMinor, r.share) });

export function getRequest(ws: Workspace, id: number): MdfRequestView {
  const r = ws.sqlite.prepare(`${REQUEST_SELECT} where r.id = ?`).get(id) as Omit<MdfRequestView, 'fundShareMinor'> | undefined;
  if (!r) throw new DomainError(`No MDF request ${id}`, 'NOT_FOUND');
  return withShare(r);
}

export function listRequests(ws: Workspace, filter: { fundId?: number; partnerId?: number; statuses?: MdfRequestStatus[]; channelManagerIds?: number[] } = {}): MdfRequestView[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.fundId != null) {
    where.push('r.fund_id = ?');
    params.push(filter.fundId);
  }
  if (filter.partnerId != null) {
    where.push('r.partner_id = ?');
    params.push(filter.partnerId);
  }
  if (filter.channelManagerIds) {
    where.push('r.partner_id in (select id from partners where channel_manager_id in (select value from json_each(?)))');
    params.push(JSON.stringify(filter.channelManagerIds));
  }
  if (filter.statuses?.length) {
    where.push(`r.status in (${filter.statuses.map(() => '?').join(',')})`);
    params.push(...filter.statuses);
  }
  return (ws.sqlite.prepare(`${REQUEST_SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by r.id desc`).all(...params) as Array<Omit<MdfRequestView, 'fundShareMinor'>>).map(withShare);
}

/** 费用申请: checked against the fund's scope, activity types, period and currency; nothing is committed until approval. */
export function createRequest(ws: Workspace, user: string, input: MdfRequestInput & { share: number }): MdfRequestView {
  const fund = fundRecord(ws, input);
  if (fund.status !== 'open') throw new DomainError(`Fund ${fund.code} is closed: it takes no new requests`, 'CONFLICT');
  const partnerId = partnerIdByCode(ws, input);
  const partner = ws.sqlite.prepare('select code, currency from partners where id = ?').get(partnerId) as { code: string; currency: string };
  if (!inScope(ws, fund, partnerId)) {
    throw new DomainError(`Partner ${partner.code} is outside fund ${fund.code}'s scope (territory, channel type, tier or partner)`, 'DOMAIN', { reason: 'mdfOutOfScope', params: { partnerCode: partner.code, fundCode: fund.code } });
  }
  if (fund.activityTypes && !fund.activityTypes.includes(input.activityType)) throw new DomainError(`Fund ${fund.code} does not pay for ${input.activityType} (it pays for ${fund.activityTypes.join(', ')})`);
  if (partner.currency !== fund.currency) throw new DomainError(`Partner ${partner.code} is settled in ${partner.currency}, fund ${fund.code} pays in ${fund.currency}`);
  if (input.endsOn < input.startsOn) throw new DomainError(`The activity ends (${input.endsOn}) before it starts (${input.startsOn})`);
  if (input.startsOn > fund.endsOn || input.endsOn < fund.startsOn) throw new DomainError(`The activity (${input.startsOn} – ${input.endsOn}) lies outside fund ${fund.code}'s period ${fund.period} (${fund.startsOn} – ${fund.endsOn})`);
  const title = input.title ?? `${ACTIVITY_ZH[input.activityType]} ${input.startsOn}`;
  const res = ws.sqlite
    .prepare(
      `insert into mdf_requests (fund_id, partner_id, activity_type, title, starts_on, ends_on, expected_leads, expected_revenue_minor, amount_minor, share, note, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(fund.id, partnerId, input.activityType, title, input.startsOn, input.endsOn, input.expectedLeads ?? null, input.expectedRevenueMinor ?? null, input.amountMinor, input.share, input.note ?? null, user);
  return getRequest(ws, Number(res.lastInsertRowid));
}

/**
 * Approves a pending request, fully or for a lower cost. The fund commits approved × share, rounded once half away from
 * zero, and only if that fits what is available (remaining balance, and the partner's allocation or the unallocated
 * part): the check and the write run in the caller's one write transaction (BEGIN IMMEDIATE), so two approvals at once
 * — two windows, the app and the CLI, two processes — are serialised and cannot overspend.
 */
export function approveRequest(ws: Workspace, user: string, input: { requestId: number; amountMinor?: number; claimBy?: string; note?: string }): { before: MdfRequestView; after: MdfRequestView } {
  const before = getRequest(ws, input.requestId);
  if (before.status !== 'pending') throw new DomainError(`MDF request ${before.id} is ${before.status}: only a pending request can be approved`, 'CONFLICT');
  const fund = fundRecord(ws, { fundId: before.fundId });
  if (fund.status !== 'open') throw new DomainError(`Fund ${fund.code} is closed: it approves nothing more`, 'CONFLICT');
  const approved = input.amountMinor ?? before.amountMinor;
  if (approved > before.amountMinor) throw new DomainError(`The approved amount ${formatMoney(approved, fund.currency)} is more than requested (${formatMoney(before.amountMinor, fund.currency)})`);
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
  if (claimBy < before.endsOn) throw new DomainError(`The claim deadline ${claimBy} is before the activity ends (${before.endsOn})`);
  ws.sqlite
    .prepare(`update mdf_requests set status = 'approved', approved_minor = ?, committed_minor = ?, claim_by = ?, decided_at = ?, decided_by = ?, note = coalesce(?, note), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
    .run(approved, committed, claimBy, new Date().toISOString(), user, input.note ?? null, before.id);
  return { before, after: getRequest(ws, before.id) };
}

export function rejectRequest(ws: Workspace, user: string, input: { requestId: number; reason: string }): { before: MdfRequestView; after: MdfRequestView } {
  const before = getRequest(ws, input.requestId);
  if (before.status !== 'pending') throw new DomainError(`MDF request ${before.id} is ${before.status}: only a pending request can be rejected`, 'CONFLICT');
  ws.sqlite
    .prepare(`update mdf_requests set status = 'rejected', reject_reason = ?, decided_at = ?, decided_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
    .run(input.reason, new Date().toISOString(), user, before.id);
  return { before, after: getRequest(ws, before.id) };
}

/**
 * Approvals still unclaimed after their claim deadline lapse (status expired, expired_on = the day) and their
 * commitment returns to the fund. A claim submitted in time (even if not yet decided) keeps its request alive.
 */
export function expireRequests(ws: Workspace, asOf?: string): { asOf: string; expired: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> } {
  const { asOf: day, due } = lapsedApprovals(ws, asOf);
  const upd = ws.sqlite.prepare(`update mdf_requests set status = 'expired', expired_on = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`);
  for (const r of due) upd.run(day, r.requestId);
  return { asOf: day, expired: due };
}

/** Approvals past their claim deadline with no live claim, as of a day (nothing is written). */
export function lapsedApprovals(ws: Workspace, asOf?: string): { asOf: string; due: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> } {
  const day = asOf ?? workspaceClock(ws).today();
  const due = ws.sqlite
    .prepare(
      `select r.id as requestId, f.code as fundCode, p.code as partnerCode, r.committed_minor as returnedMinor from mdf_requests r
        join mdf_funds f on f.id = r.fund_id join partners p on p.id = r.partner_id
       where r.status = 'approved' and r.claim_by < ?
         and not exists (select 1 from mdf_claims c where c.request_id = r.id and c.status in ('submitted', 'approved', 'paid', 'settling'))
       order by r.id`,
    )
    .all(day) as Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }>;
  return { asOf: day, due };
}
