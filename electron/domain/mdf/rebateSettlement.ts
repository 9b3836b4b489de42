import type { Workspace } from '../../../db/database';
import { mdfStore, type RebateSettlementRow } from './store';

export type MdfSettlementLine = RebateSettlementRow;

/**
 * Claims to be settled with a rebate (抵扣返利) that no live payout run carries yet, for the partners a run being
 * calculated pays, in its currency. Called inside the run's write transaction after the superseded draft is voided,
 * so a claim sits on exactly one non-void run: recalculating a draft moves it to the new version, voiding a run frees
 * it for the next one.
 */
export function pendingRebateSettlements(ws: Workspace, currency: string, partnerIds: Set<number>): MdfSettlementLine[] {
  if (!partnerIds.size) return [];
  const rows = mdfStore.pendingRebateClaims(ws, currency);
  return rows.filter((r) => partnerIds.has(r.partnerId));
}
