import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { MdfClaimStatus } from '../../../shared/enums';
import type { MdfClaimView } from '../../model/mdf';
import { workspaceClock } from '../system/workspaceClock';
import { SETTLED_RUN_SQL } from './balances';
import { proofsOf, readProofs, storeProofs, type ProofUpload } from './proofFiles';
import { getRequest } from './requests';

const CLAIM_SELECT = `select c.id, c.request_id as requestId, r.fund_id as fundId, f.code as fundCode, f.currency, r.partner_id as partnerId, p.code as partnerCode,
  p.name as partnerName, p.name_en as partnerNameEn, r.activity_type as activityType, c.amount_minor as amountMinor, r.committed_minor as limitMinor, c.actual_leads as actualLeads,
  c.actual_revenue_minor as actualRevenueMinor, c.note, c.status, c.decided_at as decidedAt, c.decided_by as decidedBy, c.reject_reason as rejectReason,
  c.approved_on as approvedOn, c.paid_on as paidOn, c.payment_ref as paymentRef, c.settled_by as settledBy,
  ${SETTLED_RUN_SQL} as payoutRunId, (select status from payout_runs where id = ${SETTLED_RUN_SQL}) as payoutRunStatus, c.created_at as createdAt
  from mdf_claims c join mdf_requests r on r.id = c.request_id join mdf_funds f on f.id = r.fund_id join partners p on p.id = r.partner_id`;

type ClaimRow = Omit<MdfClaimView, 'proofs'>;

function withProofs(ws: Workspace, rows: ClaimRow[]): MdfClaimView[] {
  const proofs = proofsOf(ws, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, proofs: proofs.get(r.id) ?? [] }));
}

export function getClaim(ws: Workspace, id: number): MdfClaimView {
  const r = ws.sqlite.prepare(`${CLAIM_SELECT} where c.id = ?`).get(id) as ClaimRow | undefined;
  if (!r) throw new DomainError(`No MDF claim ${id}`, 'NOT_FOUND');
  return withProofs(ws, [r])[0];
}

export function listClaims(ws: Workspace, filter: { fundId?: number; partnerId?: number; requestId?: number; statuses?: MdfClaimStatus[]; channelManagerIds?: number[] } = {}): MdfClaimView[] {
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
  if (filter.requestId != null) {
    where.push('c.request_id = ?');
    params.push(filter.requestId);
  }
  if (filter.channelManagerIds) {
    where.push('r.partner_id in (select id from partners where channel_manager_id in (select value from json_each(?)))');
    params.push(JSON.stringify(filter.channelManagerIds));
  }
  if (filter.statuses?.length) {
    where.push(`c.status in (${filter.statuses.map(() => '?').join(',')})`);
    params.push(...filter.statuses);
  }
  return withProofs(ws, ws.sqlite.prepare(`${CLAIM_SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by c.id desc`).all(...params) as ClaimRow[]);
}

/**
 * 费用核销: against an approved request, by its claim deadline, for no more than the fund's commitment (approved cost ×
 * share), with at least one proof file. One live claim per request; after a rejection the partner may claim again.
 */
export function submitClaim(
  ws: Workspace,
  user: string,
  input: { requestId: number; amountMinor: number; actualLeads?: number | null; actualRevenueMinor?: number | null; note?: string; proofs: ProofUpload[] },
): MdfClaimView {
  const req = getRequest(ws, input.requestId);
  if (req.status !== 'approved') throw new DomainError(`MDF request ${req.id} is ${req.status}: only an approved request can be claimed`, 'CONFLICT');
  const today = workspaceClock(ws).today();
  if (req.claimBy && today > req.claimBy) throw new DomainError(`The claim deadline of request ${req.id} was ${req.claimBy}`, 'CONFLICT');
  const live = ws.sqlite.prepare(`select id, status from mdf_claims where request_id = ? and status != 'rejected'`).get(req.id) as { id: number; status: string } | undefined;
  if (live) throw new DomainError(`Request ${req.id} already has claim ${live.id} (${live.status})`, 'CONFLICT', { claimId: live.id });
  const limit = req.committedMinor ?? 0;
  if (input.amountMinor > limit) {
    throw new DomainError(
      `The claim of ${formatMoney(input.amountMinor, req.currency)} is more than the request allows: approved ${formatMoney(req.approvedMinor ?? 0, req.currency)} × share ${req.share} = ${formatMoney(limit, req.currency)}`,
      'DOMAIN',
      { reason: 'mdfClaimAboveLimit', params: { amountMinor: input.amountMinor, approvedMinor: req.approvedMinor ?? 0, share: req.share, limitMinor: limit, currency: req.currency } },
    );
  }
  const proofs = readProofs(input.proofs);
  const res = ws.sqlite
    .prepare(`insert into mdf_claims (request_id, amount_minor, actual_leads, actual_revenue_minor, note, created_by) values (?, ?, ?, ?, ?, ?)`)
    .run(req.id, input.amountMinor, input.actualLeads ?? null, input.actualRevenueMinor ?? null, input.note ?? null, user);
  const id = Number(res.lastInsertRowid);
  storeProofs(ws, id, proofs);
  return getClaim(ws, id);
}

/** submitted → approved (as claimed or lower) or rejected with a reason. */
export function decideClaim(ws: Workspace, user: string, input: { claimId: number; decision: 'approve' | 'reject'; amountMinor?: number; reason?: string }): { before: MdfClaimView; after: MdfClaimView } {
  const before = getClaim(ws, input.claimId);
  if (before.status !== 'submitted') throw new DomainError(`MDF claim ${before.id} is ${before.status}: only a submitted claim can be decided`, 'CONFLICT');
  const now = new Date().toISOString();
  if (input.decision === 'reject') {
    if (!input.reason) throw new DomainError('Give the reason for rejecting the claim');
    ws.sqlite.prepare(`update mdf_claims set status = 'rejected', reject_reason = ?, decided_at = ?, decided_by = ?, updated_at = ? where id = ?`).run(input.reason, now, user, now, before.id);
  } else {
    const amount = input.amountMinor ?? before.amountMinor;
    if (amount > before.amountMinor) throw new DomainError(`The approved amount ${formatMoney(amount, before.currency)} is more than claimed (${formatMoney(before.amountMinor, before.currency)})`);
    ws.sqlite
      .prepare(`update mdf_claims set status = 'approved', amount_minor = ?, approved_on = ?, decided_at = ?, decided_by = ?, note = coalesce(?, note), updated_at = ? where id = ?`)
      .run(amount, workspaceClock(ws).today(), now, user, input.reason ?? null, now, before.id);
  }
  return { before, after: getClaim(ws, before.id) };
}

/**
 * approved → paid (finance's payment reference and day), or → settling: reimbursed with the partner's next rebate run
 * (抵扣返利): the next payout run calculated for a program in the fund's currency in which the partner earns a line
 * carries it as one line, once (see rebateSettlement.ts).
 */
export function payClaim(ws: Workspace, input: { claimId: number; paymentRef?: string; paidOn?: string; deductFromRebates?: boolean }): { before: MdfClaimView; after: MdfClaimView } {
  const before = getClaim(ws, input.claimId);
  if (before.status === 'submitted') throw new DomainError(`MDF claim ${before.id} is not approved yet: approve it before paying`, 'CONFLICT', { reason: 'mdfClaimNotApproved', params: { claimId: before.id } });
  if (before.status !== 'approved') throw new DomainError(`MDF claim ${before.id} is ${before.status}: only an approved claim can be paid`, 'CONFLICT');
  const now = new Date().toISOString();
  if (input.deductFromRebates) {
    ws.sqlite.prepare(`update mdf_claims set status = 'settling', settled_by = 'rebate', updated_at = ? where id = ?`).run(now, before.id);
  } else {
    const paidOn = input.paidOn ?? workspaceClock(ws).today();
    if (before.approvedOn && paidOn < before.approvedOn) throw new DomainError(`The payment day ${paidOn} is before the claim was approved (${before.approvedOn})`);
    ws.sqlite.prepare(`update mdf_claims set status = 'paid', settled_by = 'payment', paid_on = ?, payment_ref = ?, updated_at = ? where id = ?`).run(paidOn, input.paymentRef, now, before.id);
  }
  return { before, after: getClaim(ws, before.id) };
}
