import type { Workspace } from '../../../db/database';

export interface MdfSettlementLine {
  claimId: number;
  partnerId: number;
  amountMinor: number;
  fundCode: string;
  requestId: number;
  activityType: string;
  title: string;
}

/**
 * Claims to be settled with a rebate (抵扣返利) that no live payout run carries yet, for the partners a run being
 * calculated pays, in its currency. Called inside the run's write transaction after the superseded draft is voided,
 * so a claim sits on exactly one non-void run: recalculating a draft moves it to the new version, voiding a run frees
 * it for the next one.
 */
export function pendingRebateSettlements(ws: Workspace, currency: string, partnerIds: Set<number>): MdfSettlementLine[] {
  if (!partnerIds.size) return [];
  const rows = ws.sqlite
    .prepare(
      `select c.id as claimId, r.partner_id as partnerId, c.amount_minor as amountMinor, f.code as fundCode, r.id as requestId, r.activity_type as activityType, r.title
       from mdf_claims c join mdf_requests r on r.id = c.request_id join mdf_funds f on f.id = r.fund_id
       where c.status = 'settling' and c.settled_by = 'rebate' and f.currency = ?
         and not exists (select 1 from payout_lines l join payout_runs pr on pr.id = l.run_id where json_extract(l.details, '$.mdfClaimId') = c.id and pr.status != 'void')
       order by c.id`,
    )
    .all(currency) as MdfSettlementLine[];
  return rows.filter((r) => partnerIds.has(r.partnerId));
}
