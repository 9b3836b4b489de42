import type { Workspace } from '../../../db/database';
import { applyRate } from '../../../shared/money';
import type { MdfBalance } from '../../model/mdf';
import { mdfStore } from './store';

/**
 * A fund's money. A live approval holds approved × share (rounded once, at approval) until its claim is approved; from
 * then on the claim's amount, so what the partner did not spend returns to the fund. Rejected, expired and withdrawn
 * requests hold nothing. A rebate-settled claim counts as paid once the payout run carrying it is paid.
 */
export function fundBalance(ws: Workspace, fundId: number): MdfBalance {
  const f = mdfStore.fundFigures(ws, fundId);
  return {
    budgetMinor: f.budgetMinor,
    allocatedMinor: f.allocatedMinor,
    requestedMinor: f.pending.reduce((s, p) => s + applyRate(p.amountMinor, p.share), 0),
    approvedMinor: f.committedMinor,
    claimedMinor: f.claims.reduce((s, c) => s + c.amountMinor, 0),
    paidMinor: f.claims.filter((c) => c.status === 'paid' || (c.status === 'settling' && c.runStatus === 'paid')).reduce((s, c) => s + c.amountMinor, 0),
    remainingMinor: f.budgetMinor - f.committedMinor,
    expiredMinor: f.expiredMinor,
  };
}

/**
 * What a further approval for this partner may commit: the fund's remaining balance; for a partner with an allocation
 * no more than what is left of it; for one without, no more than what is left of the unallocated part of the budget.
 */
export function availableFor(ws: Workspace, fundId: number, partnerId: number): { availableMinor: number; remainingMinor: number; allocationMinor: number | null } {
  const b = fundBalance(ws, fundId);
  const alloc = mdfStore.allocationOf(ws, fundId, partnerId);
  if (alloc != null) {
    const used = mdfStore.committedByPartner(ws, fundId, partnerId);
    return { availableMinor: Math.max(0, Math.min(b.remainingMinor, alloc - used)), remainingMinor: b.remainingMinor, allocationMinor: alloc };
  }
  const usedUnallocated = mdfStore.committedUnallocated(ws, fundId);
  return { availableMinor: Math.max(0, Math.min(b.remainingMinor, b.budgetMinor - b.allocatedMinor - usedUnallocated)), remainingMinor: b.remainingMinor, allocationMinor: null };
}
