/**
 * The partner ledger's vocabulary. Entries are never stored: every source derives them from records that are frozen
 * (approved/paid/void payout runs and their lines) or written in the same transaction as the change they describe,
 * so the ledger cannot disagree with the runs.
 */
export const LEDGER_ENTRY_KINDS = ['approved', 'adjustment', 'clawback', 'paid', 'void'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Where an entry comes from: the record it points to. Further sources (e.g. development funds) add their type. */
export interface LedgerEntrySource {
  type: string;
  id: number;
  lineId: number | null;
}

/** One movement of what a partner is owed: positive raises the balance (approved, positive adjustment), negative lowers it (paid, clawback, void). */
export interface LedgerEntry {
  partnerId: number;
  currency: string;
  /** Local calendar day (YYYY-MM-DD) the entry takes effect. */
  date: string;
  kind: LedgerEntryKind;
  /** What finance quotes: the payment reference for payments, `<program>/<period>/#<run>` otherwise. */
  ref: string;
  amountMinor: number;
  programCode: string | null;
  period: string | null;
  note: string | null;
  source: LedgerEntrySource;
  /** Orders one record's entries of one day: postings before payments before voids. */
  order: number;
}

/** Not yet owed: a draft calculation, shown as accrual beside the ledger, never in its balance. */
export interface LedgerAccrual {
  partnerId: number;
  currency: string;
  date: string;
  kind: 'calculated';
  ref: string;
  amountMinor: number;
  programCode: string | null;
  period: string | null;
  source: LedgerEntrySource;
}

export const KIND_ORDER: Record<LedgerEntryKind, number> = { approved: 1, adjustment: 2, clawback: 3, paid: 4, void: 5 };

export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  return a.date.localeCompare(b.date) || a.source.type.localeCompare(b.source.type) || a.source.id - b.source.id || a.order - b.order || (a.source.lineId ?? 0) - (b.source.lineId ?? 0);
}
