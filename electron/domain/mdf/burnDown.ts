import type { Workspace } from '../../../db/database';
import type { MdfBurnPoint } from '../../model/mdf';
import { dayOfOn } from '../ledger/payoutRunSource';
import { workspaceClock } from '../system/workspaceClock';
import type { FundRecord } from './funds';

/**
 * The fund over time, one point per day something changed (and its first and last day): committed by approvals,
 * approved claims, paid, and what is left. Replays the stored decisions, so it agrees with the balance at the end.
 */
export function burnDown(ws: Workspace, fund: FundRecord): MdfBurnPoint[] {
  const clock = workspaceClock(ws);
  const delta = new Map<string, { approved: number; claimed: number; paid: number }>();
  const add = (day: string, k: 'approved' | 'claimed' | 'paid', v: number) => {
    const d = delta.get(day) ?? { approved: 0, claimed: 0, paid: 0 };
    d[k] += v;
    delta.set(day, d);
  };
  const reqs = ws.sqlite
    .prepare(`select id, status, committed_minor as committed, decided_at as decidedAt, expired_on as expiredOn from mdf_requests where fund_id = ? and committed_minor is not null`)
    .all(fund.id) as Array<{ id: number; status: string; committed: number; decidedAt: string; expiredOn: string | null }>;
  for (const r of reqs) {
    add(dayOfOn(r.decidedAt, clock), 'approved', r.committed);
    if (r.expiredOn) add(r.expiredOn, 'approved', -r.committed);
  }
  const claims = ws.sqlite
    .prepare(
      `select c.amount_minor as amount, r.committed_minor as committed, c.status, c.approved_on as approvedOn, c.paid_on as paidOn,
        (select pr.paid_at from payout_lines l join payout_runs pr on pr.id = l.run_id where json_extract(l.details, '$.mdfClaimId') = c.id and pr.status = 'paid') as runPaidAt
       from mdf_claims c join mdf_requests r on r.id = c.request_id where r.fund_id = ? and c.status in ('approved', 'paid', 'settling') and r.status = 'approved'`,
    )
    .all(fund.id) as Array<{ amount: number; committed: number; status: string; approvedOn: string; paidOn: string | null; runPaidAt: string | null }>;
  for (const c of claims) {
    add(c.approvedOn, 'approved', c.amount - c.committed);
    add(c.approvedOn, 'claimed', c.amount);
    const paid = c.paidOn ?? (c.runPaidAt ? dayOfOn(c.runPaidAt, clock) : null);
    if (paid) add(paid, 'paid', c.amount);
  }
  const today = clock.today();
  const last = [fund.endsOn, fund.claimDeadline].sort()[1];
  const end = today < fund.startsOn ? fund.startsOn : today > last ? last : today;
  const days = [...new Set([fund.startsOn, ...delta.keys(), end])].filter((d) => d >= fund.startsOn || delta.has(d)).sort();
  const points: MdfBurnPoint[] = [];
  let approved = 0;
  let claimed = 0;
  let paid = 0;
  for (const day of days) {
    const d = delta.get(day);
    if (d) {
      approved += d.approved;
      claimed += d.claimed;
      paid += d.paid;
    }
    points.push({ date: day, approvedMinor: approved, claimedMinor: claimed, paidMinor: paid, remainingMinor: fund.budgetMinor - approved });
  }
  return points;
}
