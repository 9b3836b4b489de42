import type { LedgerAccrual, LedgerEntry } from '../../model/ledger';
import { KIND_ORDER, type LedgerQuery, type LedgerSource } from '../ledger/ledgerEntry';
import { dayOfOn } from '../ledger/payoutRunSource';
import type { Workspace } from '../../../db/database';
import { mdfStore, type LedgerClaimRow } from './store';

type ClaimRow = LedgerClaimRow;
const claims = (ws: Workspace, q: LedgerQuery): ClaimRow[] => mdfStore.ledgerClaims(ws, q.partnerIds);

const ref = (c: ClaimRow) => `MDF/${c.fundCode}/#${c.claimId}`;
const onOrBefore = (day: string | null, asOf?: string) => day != null && (asOf == null || day <= asOf);

/**
 * MDF claims in the partner ledger. An approved claim is owed to the partner ('approved', on its approval day); a
 * payment by reference pays it ('paid'). A claim settled with a rebate moves onto the payout run: when the run is
 * approved the run posts the line and this source posts the same amount out ('adjustment', "settled on run #N"), so
 * the partner is owed it once; voiding that run posts it back. Submitted claims are accruals.
 */
export const mdfLedgerSource: LedgerSource = {
  name: 'mdf_claims',
  entries(ws, q) {
    const { clock } = q;
    const out: LedgerEntry[] = [];
    const seen = new Set<number>();
    for (const c of claims(ws, q)) {
      const base = { partnerId: c.partnerId, currency: c.currency, programCode: c.fundCode, period: c.period, source: { type: 'mdf_claim', id: c.claimId, lineId: null } };
      if (!seen.has(c.claimId) && c.approvedOn && onOrBefore(c.approvedOn, q.asOf)) {
        seen.add(c.claimId);
        out.push({ ...base, date: c.approvedOn, kind: 'approved', ref: ref(c), amountMinor: c.amountMinor, note: c.title, order: KIND_ORDER.approved });
        if (c.status === 'paid' && onOrBefore(c.paidOn, q.asOf)) {
          out.push({ ...base, date: c.paidOn!, kind: 'paid', ref: c.paymentRef ?? ref(c), amountMinor: -c.amountMinor, note: ref(c), order: KIND_ORDER.paid });
        }
      }
      if (c.runId != null && c.runApprovedAt) {
        const moved = dayOfOn(c.runApprovedAt, clock);
        if (onOrBefore(moved, q.asOf)) out.push({ ...base, date: moved, kind: 'adjustment', ref: ref(c), amountMinor: -c.amountMinor, note: `settled on payout run #${c.runId}`, order: KIND_ORDER.adjustment });
        const back = c.runVoidedAt ? dayOfOn(c.runVoidedAt, clock) : null;
        if (back && onOrBefore(back, q.asOf)) out.push({ ...base, date: back, kind: 'adjustment', ref: ref(c), amountMinor: c.amountMinor, note: `payout run #${c.runId} voided`, order: KIND_ORDER.void });
      }
    }
    return out;
  },
  accruals(ws, q) {
    const { clock } = q;
    return claims(ws, q)
      .filter((c) => c.status === 'submitted' && onOrBefore(dayOfOn(c.createdAt, clock), q.asOf))
      .map(
        (c): LedgerAccrual => ({ partnerId: c.partnerId, currency: c.currency, date: dayOfOn(c.createdAt, clock), kind: 'calculated', ref: ref(c), amountMinor: c.amountMinor, programCode: c.fundCode, period: c.period, source: { type: 'mdf_claim', id: c.claimId, lineId: null } }),
      );
  },
};
