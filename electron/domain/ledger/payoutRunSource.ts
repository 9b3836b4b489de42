import type { Workspace } from '../../../db/database';
import type { Clock } from '../../../shared/clock';
import type { LedgerAccrual, LedgerEntry } from '../../model/ledger';
import { KIND_ORDER, type LedgerQuery, type LedgerSource } from './ledgerEntry';
import { ledgerStore, type RunLineRow } from './store';

/** A stored instant (ISO timestamp) or day (YYYY-MM-DD) as the calendar day it happened on, on the workspace's clock. */
export function dayOfOn(stored: string, clock: Clock): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(stored) ? stored : clock.today(new Date(stored));
}

const lines = (ws: Workspace, q: LedgerQuery): RunLineRow[] => ledgerStore.runLines(ws, q.partnerIds);

const runRef = (l: RunLineRow) => `${l.programCode}/${l.period}/#${l.runId}`;
const onOrBefore = (day: string | null, asOf?: string) => day != null && (asOf == null || day <= asOf);

/**
 * Payout runs as ledger entries, derived from the runs and their frozen lines:
 * - approval posts every line (calculated → 'approved', adjustments, clawbacks) on the approval day;
 * - payment posts minus the partner's run total on the payment day, with the payment reference;
 * - voiding an approved run posts minus the partner's run total on the void day.
 * Drafts (never approved, or not yet as of the day asked) are accruals.
 */
export const payoutRunSource: LedgerSource = {
  name: 'payout_runs',
  entries(ws, q) {
    const dayOf = (stored: string) => dayOfOn(stored, q.clock);
    const out: LedgerEntry[] = [];
    const totals = new Map<string, { row: RunLineRow; amountMinor: number }>();
    for (const l of lines(ws, q)) {
      if (!l.approvedAt) continue;
      const approved = dayOf(l.approvedAt);
      if (!onOrBefore(approved, q.asOf)) continue;
      const kind = l.kind === 'calculated' ? 'approved' : l.kind;
      out.push({
        partnerId: l.partnerId,
        currency: l.currency,
        date: approved,
        kind,
        ref: runRef(l),
        amountMinor: l.amountMinor,
        programCode: l.programCode,
        period: l.period,
        note: l.reason,
        source: { type: 'payout_run', id: l.runId, lineId: l.lineId },
        order: KIND_ORDER[kind],
      });
      const key = `${l.runId}:${l.partnerId}`;
      const t = totals.get(key);
      if (t) t.amountMinor += l.amountMinor;
      else totals.set(key, { row: l, amountMinor: l.amountMinor });
    }
    for (const { row, amountMinor } of totals.values()) {
      if (amountMinor === 0) continue;
      const base = { partnerId: row.partnerId, currency: row.currency, amountMinor: -amountMinor, programCode: row.programCode, period: row.period, source: { type: 'payout_run', id: row.runId, lineId: null } };
      if (row.paidAt && onOrBefore(dayOf(row.paidAt), q.asOf)) {
        out.push({ ...base, date: dayOf(row.paidAt), kind: 'paid', ref: row.paymentRef ?? runRef(row), note: runRef(row), order: KIND_ORDER.paid });
      } else if (row.voidedAt && onOrBefore(dayOf(row.voidedAt), q.asOf)) {
        out.push({ ...base, date: dayOf(row.voidedAt), kind: 'void', ref: runRef(row), note: row.voidReason, order: KIND_ORDER.void });
      }
    }
    return out;
  },
  accruals(ws, q) {
    const dayOf = (stored: string) => dayOfOn(stored, q.clock);
    const byRun = new Map<string, LedgerAccrual>();
    for (const l of lines(ws, q)) {
      const calculated = dayOf(l.calculatedAt);
      if (!onOrBefore(calculated, q.asOf)) continue;
      // A draft as of the day: calculated by then, neither approved nor voided (superseded) by then.
      if (l.approvedAt && onOrBefore(dayOf(l.approvedAt), q.asOf)) continue;
      if (l.voidedAt && onOrBefore(dayOf(l.voidedAt), q.asOf)) continue;
      if (q.asOf == null && (l.approvedAt || l.voidedAt)) continue;
      const key = `${l.runId}:${l.partnerId}`;
      const a = byRun.get(key);
      if (a) a.amountMinor += l.amountMinor;
      else byRun.set(key, { partnerId: l.partnerId, currency: l.currency, date: calculated, kind: 'calculated', ref: runRef(l), amountMinor: l.amountMinor, programCode: l.programCode, period: l.period, source: { type: 'payout_run', id: l.runId, lineId: null } });
    }
    return [...byRun.values()].filter((a) => a.amountMinor !== 0);
  },
};
