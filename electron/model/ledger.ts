import type { PartnerRow } from '../../db/schema';

export interface AccrualReport {
  asOf: string;
  /** Per program and partner. */
  rows: AccrualRow[];
  /** Per partner (all programs). */
  partners: AccrualRow[];
  /** Per currency: amounts in different currencies are never added. */
  totals: Array<AccrualFigures & { currency: string }>;
}

export interface AccrualRow extends AccrualFigures {
  programCode: string | null;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  currency: string;
}

export type Ageing = Record<AgeingBucket, number>;

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

export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** The partner's columns a ledger prints (the drizzle schema's). */
export type LedgerPartner = Pick<PartnerRow, 'id' | 'code' | 'name' | 'nameEn' | 'creditCode' | 'bankName' | 'bankAccount' | 'currency'>;

export interface PartnerLedger {
  partner: LedgerPartner;
  currency: string;
  /** The range asked for (inclusive local days); null = open. */
  from: string | null;
  to: string | null;
  /** Balance before `from`: Σ entries dated earlier. */
  openingMinor: number;
  entries: PartnerLedgerLine[];
  /** opening + Σ entries = approved − paid (with adjustments, clawbacks and voids) up to `to`. */
  closingMinor: number;
  /** Drafts not yet approved as of `to` (or now): calculated, not owed yet. */
  accruedMinor: number;
  accruals: LedgerAccrual[];
}

export interface PartnerLedgerLine extends LedgerEntry {
  balanceMinor: number;
}

/**
 * The partner ledger's vocabulary. Entries are never stored: every source derives them from records that are frozen
 * (approved/paid/void payout runs and their lines) or written in the same transaction as the change they describe,
 * so the ledger cannot disagree with the runs.
 */
export const LEDGER_ENTRY_KINDS = ['approved', 'adjustment', 'clawback', 'paid', 'void'] as const;

/** Where an entry comes from: the record it points to. Further sources (e.g. development funds) add their type. */
export interface LedgerEntrySource {
  type: string;
  id: number;
  lineId: number | null;
}

/** Payable ageing: days since approval of what is approved and not yet paid. */
export const AGEING_BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;

export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface AccrualFigures {
  /** Calculated in drafts not yet approved. */
  accruedMinor: number;
  /** Approved (with adjustments and clawbacks), not paid and not voided. = the balance owed. */
  approvedUnpaidMinor: number;
  /** Paid on or before the day. */
  paidMinor: number;
  ageing: Ageing;
}

export interface ReconciliationExportResult {
  dir: string;
  zip: string | null;
  files: string[];
  statements: Array<{ partnerCode: string; openingMinor: number; closingMinor: number; accruedMinor: number; entries: number; pdf: string | null; xlsx: string | null }>;
}
