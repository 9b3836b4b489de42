import type { Workspace } from '../../../db/database';
import type { MdfBurnPoint } from '../../model/mdf';
import { dayOfOn } from '../ledger/payoutRunSource';
import type { Clock } from '../../../shared/clock';
import type { FundRecord } from './funds';
import { mdfStore } from './store';

/**
 * The fund over time, one point per day something changed (and its first and last day): committed by approvals,
 * approved claims, paid, and what is left. Replays the stored decisions, so it agrees with the balance at the end.
 */
export function burnDown(ws: Workspace, fund: FundRecord, clock: Clock): MdfBurnPoint[] {
  const delta = new Map<string, { approved: number; claimed: number; paid: number }>();
  const add = (day: string, k: 'approved' | 'claimed' | 'paid', v: number) => {
    const d = delta.get(day) ?? { approved: 0, claimed: 0, paid: 0 };
    d[k] += v;
    delta.set(day, d);
  };
  for (const r of mdfStore.fundCommitments(ws, fund.id)) {
    add(dayOfOn(r.decidedAt, clock), 'approved', r.committedMinor);
    if (r.expiredOn) add(r.expiredOn, 'approved', -r.committedMinor);
  }
  for (const c of mdfStore.fundSpentClaims(ws, fund.id)) {
    add(c.approvedOn, 'approved', c.amountMinor - c.committedMinor);
    add(c.approvedOn, 'claimed', c.amountMinor);
    const paid = c.paidOn ?? (c.runPaidAt ? dayOfOn(c.runPaidAt, clock) : null);
    if (paid) add(paid, 'paid', c.amountMinor);
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
