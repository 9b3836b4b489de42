import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { MdfClaimStatus } from '../../../shared/enums';
import type { MdfClaimView } from '../../model/mdf';
import type { OpContext } from '../opContext';
import { proofsOf, readProofs, storeProofs, type ProofUpload } from './proofFiles';
import { getRequest } from './requests';
import { mdfStore, type ClaimRecord, type MdfListFilter } from './store';
import { notFound, wrongStatus } from '../../../shared/errorMessages';

function withProofs(ws: Workspace, rows: ClaimRecord[]): MdfClaimView[] {
  const proofs = proofsOf(ws, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, proofs: proofs.get(r.id) ?? [] }));
}

export function getClaim(ws: Workspace, id: number): MdfClaimView {
  const r = mdfStore.claim(ws, id);
  if (!r) throw new DomainError(`No MDF claim ${id}`, 'NOT_FOUND', notFound('mdfClaim', id));
  return withProofs(ws, [r])[0];
}

export function listClaims(ws: Workspace, filter: MdfListFilter & { requestId?: number; statuses?: MdfClaimStatus[] } = {}): MdfClaimView[] {
  return withProofs(ws, mdfStore.claims(ws, filter));
}

/**
 * 费用核销: against an approved request, by its claim deadline, for no more than the fund's commitment (approved cost ×
 * share), with at least one proof file. One live claim per request; after a rejection the partner may claim again.
 */
export function submitClaim(
  ctx: OpContext,
  input: { requestId: number; amountMinor: number; actualLeads?: number | null; actualRevenueMinor?: number | null; note?: string; proofs: ProofUpload[] },
): MdfClaimView {
  const { ws } = ctx;
  const req = getRequest(ws, input.requestId);
  if (req.status !== 'approved') throw new DomainError(`MDF request ${req.id} is ${req.status}: only an approved request can be claimed`, 'CONFLICT', wrongStatus('mdfRequest', req.id, req.status, ['approved'], 'claim'));
  const today = ctx.today();
  if (req.claimBy && today > req.claimBy) throw new DomainError(`The claim deadline of request ${req.id} was ${req.claimBy}`, 'CONFLICT', { reason: 'mdfClaimDeadlinePassed', params: { requestId: req.id, claimBy: req.claimBy } });
  const live = mdfStore.liveClaimOf(ws, req.id);
  if (live) throw new DomainError(`Request ${req.id} already has claim ${live.id} (${live.status})`, 'CONFLICT', { claimId: live.id, reason: 'mdfRequestHasClaim', params: { requestId: req.id, claimId: live.id, status: live.status } });
  const limit = req.committedMinor ?? 0;
  if (input.amountMinor > limit) {
    throw new DomainError(
      `The claim of ${formatMoney(input.amountMinor, req.currency)} is more than the request allows: approved ${formatMoney(req.approvedMinor ?? 0, req.currency)} × share ${req.share} = ${formatMoney(limit, req.currency)}`,
      'DOMAIN',
      { reason: 'mdfClaimAboveLimit', params: { amountMinor: input.amountMinor, approvedMinor: req.approvedMinor ?? 0, share: req.share, limitMinor: limit, currency: req.currency } },
    );
  }
  const proofs = readProofs(input.proofs);
  const at = ctx.clock.now().toISOString();
  const id = mdfStore.insertClaim(ws, { requestId: req.id, amountMinor: input.amountMinor, actualLeads: input.actualLeads ?? null, actualRevenueMinor: input.actualRevenueMinor ?? null, note: input.note ?? null, createdBy: ctx.user }, at);
  storeProofs(ws, id, proofs, at);
  const claim = getClaim(ws, id);
  ctx.audit({ entity: 'mdf_claim', entityId: claim.id, after: claim });
  return claim;
}

/** submitted → approved (as claimed or lower) or rejected with a reason. */
export function decideClaim(ctx: OpContext, input: { claimId: number; decision: 'approve' | 'reject'; amountMinor?: number; reason?: string }): MdfClaimView {
  const { ws, user } = ctx;
  const before = getClaim(ws, input.claimId);
  if (before.status !== 'submitted') throw new DomainError(`MDF claim ${before.id} is ${before.status}: only a submitted claim can be decided`, 'CONFLICT', wrongStatus('mdfClaim', before.id, before.status, ['submitted'], 'decide'));
  const now = ctx.clock.now().toISOString();
  if (input.decision === 'reject') {
    if (!input.reason) throw new DomainError('Give the reason for rejecting the claim', 'DOMAIN', { reason: 'mdfRejectReasonRequired', params: {} });
    mdfStore.updateClaim(ws, before.id, { status: 'rejected', rejectReason: input.reason, decidedAt: now, decidedBy: user }, now);
  } else {
    const amount = input.amountMinor ?? before.amountMinor;
    if (amount > before.amountMinor) throw new DomainError(`The approved amount ${formatMoney(amount, before.currency)} is more than claimed (${formatMoney(before.amountMinor, before.currency)})`, 'DOMAIN', { reason: 'mdfApprovedAboveClaimed', params: { approvedMinor: amount, claimedMinor: before.amountMinor, currency: before.currency } });
    mdfStore.updateClaim(ws, before.id, {
      status: 'approved',
      amountMinor: amount,
      approvedOn: ctx.today(),
      decidedAt: now,
      decidedBy: user,
      ...(input.reason != null && { note: input.reason }),
    }, now);
  }
  return changed(ctx, before);
}

function changed(ctx: OpContext, before: MdfClaimView): MdfClaimView {
  const after = getClaim(ctx.ws, before.id);
  ctx.audit({ entity: 'mdf_claim', entityId: after.id, before, after });
  return after;
}

/**
 * approved → paid (finance's payment reference and day), or → settling: reimbursed with the partner's next rebate run
 * (抵扣返利): the next payout run calculated for a program in the fund's currency in which the partner earns a line
 * carries it as one line, once (see rebateSettlement.ts).
 */
export function payClaim(ctx: OpContext, input: { claimId: number; paymentRef?: string; paidOn?: string; deductFromRebates?: boolean }): MdfClaimView {
  const { ws } = ctx;
  const before = getClaim(ws, input.claimId);
  if (before.status === 'submitted') throw new DomainError(`MDF claim ${before.id} is not approved yet: approve it before paying`, 'CONFLICT', { reason: 'mdfClaimNotApproved', params: { claimId: before.id } });
  if (before.status !== 'approved') throw new DomainError(`MDF claim ${before.id} is ${before.status}: only an approved claim can be paid`, 'CONFLICT', wrongStatus('mdfClaim', before.id, before.status, ['approved'], 'pay'));
  const now = ctx.clock.now().toISOString();
  if (input.deductFromRebates) {
    mdfStore.updateClaim(ws, before.id, { status: 'settling', settledBy: 'rebate' }, now);
  } else {
    const paidOn = input.paidOn ?? ctx.today();
    if (before.approvedOn && paidOn < before.approvedOn) throw new DomainError(`The payment day ${paidOn} is before the claim was approved (${before.approvedOn})`, 'DOMAIN', { reason: 'mdfPaidBeforeApproval', params: { paidOn, approvedOn: before.approvedOn } });
    mdfStore.updateClaim(ws, before.id, { status: 'paid', settledBy: 'payment', paidOn, paymentRef: input.paymentRef ?? null }, now);
  }
  return changed(ctx, before);
}
