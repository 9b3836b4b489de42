import type { Workspace } from '../../../db/database';
import { applyRate } from '../../../shared/money';
import type { MdfBalance } from '../../model/mdf';

/**
 * What a live approval holds of its fund: approved × share (rounded once, at approval) until its claim is approved;
 * from then on the claim's amount, so what the partner did not spend returns to the fund. Rejected, expired and
 * withdrawn requests hold nothing.
 */
export const COMMITTED_SQL = `case when r.status = 'approved' then coalesce(
    (select sum(c.amount_minor) from mdf_claims c where c.request_id = r.id and c.status in ('approved', 'paid', 'settling')), r.committed_minor)
  else 0 end`;

/** A rebate-settled claim counts as paid once the payout run carrying it is paid. */
export const SETTLED_RUN_SQL = `(select r2.id from payout_lines l join payout_runs r2 on r2.id = l.run_id
   where json_extract(l.details, '$.mdfClaimId') = c.id and r2.status != 'void' order by r2.id desc limit 1)`;

export function fundBalance(ws: Workspace, fundId: number): MdfBalance {
  const budget = (ws.sqlite.prepare('select budget_minor as b from mdf_funds where id = ?').get(fundId) as { b: number }).b;
  const allocated = (ws.sqlite.prepare('select coalesce(sum(amount_minor), 0) as s from mdf_allocations where fund_id = ?').get(fundId) as { s: number }).s;
  const approved = (ws.sqlite.prepare(`select coalesce(sum(${COMMITTED_SQL}), 0) as s from mdf_requests r where r.fund_id = ?`).get(fundId) as { s: number }).s;
  const expired = (ws.sqlite.prepare(`select coalesce(sum(committed_minor), 0) as s from mdf_requests where fund_id = ? and status = 'expired'`).get(fundId) as { s: number }).s;
  const pending = ws.sqlite.prepare(`select amount_minor as a, share from mdf_requests where fund_id = ? and status = 'pending'`).all(fundId) as Array<{ a: number; share: number }>;
  const claims = ws.sqlite
    .prepare(
      `select c.amount_minor as a, c.status, (select status from payout_runs where id = ${SETTLED_RUN_SQL}) as runStatus
       from mdf_claims c join mdf_requests r on r.id = c.request_id where r.fund_id = ? and c.status in ('submitted', 'approved', 'paid', 'settling')`,
    )
    .all(fundId) as Array<{ a: number; status: string; runStatus: string | null }>;
  return {
    budgetMinor: budget,
    allocatedMinor: allocated,
    requestedMinor: pending.reduce((s, p) => s + applyRate(p.a, p.share), 0),
    approvedMinor: approved,
    claimedMinor: claims.reduce((s, c) => s + c.a, 0),
    paidMinor: claims.filter((c) => c.status === 'paid' || (c.status === 'settling' && c.runStatus === 'paid')).reduce((s, c) => s + c.a, 0),
    remainingMinor: budget - approved,
    expiredMinor: expired,
  };
}

/**
 * What a further approval for this partner may commit: the fund's remaining balance; for a partner with an allocation
 * no more than what is left of it; for one without, no more than what is left of the unallocated part of the budget.
 */
export function availableFor(ws: Workspace, fundId: number, partnerId: number): { availableMinor: number; remainingMinor: number; allocationMinor: number | null } {
  const b = fundBalance(ws, fundId);
  const alloc = ws.sqlite.prepare('select amount_minor as a from mdf_allocations where fund_id = ? and partner_id = ?').get(fundId, partnerId) as { a: number } | undefined;
  if (alloc) {
    const used = (ws.sqlite.prepare(`select coalesce(sum(${COMMITTED_SQL}), 0) as s from mdf_requests r where r.fund_id = ? and r.partner_id = ?`).get(fundId, partnerId) as { s: number }).s;
    return { availableMinor: Math.max(0, Math.min(b.remainingMinor, alloc.a - used)), remainingMinor: b.remainingMinor, allocationMinor: alloc.a };
  }
  const usedUnallocated = (ws.sqlite
    .prepare(`select coalesce(sum(${COMMITTED_SQL}), 0) as s from mdf_requests r where r.fund_id = ? and r.partner_id not in (select partner_id from mdf_allocations where fund_id = ?)`)
    .get(fundId, fundId) as { s: number }).s;
  return { availableMinor: Math.max(0, Math.min(b.remainingMinor, b.budgetMinor - b.allocatedMinor - usedUnallocated)), remainingMinor: b.remainingMinor, allocationMinor: null };
}
