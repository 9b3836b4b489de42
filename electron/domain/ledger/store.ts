import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { incentivePrograms, partners, payoutLines, payoutRuns, type PartnerRow } from '../../../db/schema';
import type { LedgerPartner } from '../../model/ledger';

/**
 * The partner ledger's store: its SQL, typed from the drizzle schema. The ledger derives its entries from records other
 * areas freeze (payout runs here; MDF claims in mdf/store.ts); the rules that turn them into entries stay in the sources.
 */

const LEDGER_PARTNER = {
  id: partners.id,
  code: partners.code,
  name: partners.name,
  nameEn: partners.nameEn,
  creditCode: partners.creditCode,
  bankName: partners.bankName,
  bankAccount: partners.bankAccount,
  currency: partners.currency,
};

/** A payout line with its run and program, as the ledger reads it. */
export type RunLineRow = ReturnType<typeof ledgerStore.runLines>[number];

export const ledgerStore = {
  /** A partner (deleted ones too: their history stays in the ledger) by id or code, with what statements print. */
  partner(ws: Workspace, ref: { id: number } | { code: string }): LedgerPartner | undefined {
    return ws.db
      .select(LEDGER_PARTNER)
      .from(partners)
      .where('id' in ref ? eq(partners.id, ref.id) : eq(partners.code, ref.code))
      .get();
  },
  /** Code and names of some partners. */
  partnerNames(ws: Workspace, ids: number[]): Array<Pick<PartnerRow, 'id' | 'code' | 'name' | 'nameEn'>> {
    if (!ids.length) return [];
    return ws.db
      .select({ id: partners.id, code: partners.code, name: partners.name, nameEn: partners.nameEn })
      .from(partners)
      .where(inArray(partners.id, ids))
      .all();
  },
  /** Some partners' ids in the order of their codes. */
  idsByCode(ws: Workspace, ids: number[]): number[] {
    if (!ids.length) return [];
    return ws.db
      .select({ id: partners.id })
      .from(partners)
      .where(inArray(partners.id, ids))
      .orderBy(asc(partners.code))
      .all()
      .map((r) => r.id);
  },
  /** Every non-zero payout line (of some partners, all when omitted) with its run and program, by run and line. */
  runLines(ws: Workspace, partnerIds?: number[]) {
    return ws.db
      .select({
        runId: payoutRuns.id,
        version: payoutRuns.version,
        programCode: incentivePrograms.code,
        period: payoutRuns.period,
        currency: payoutRuns.currency,
        calculatedAt: payoutRuns.calculatedAt,
        approvedAt: payoutRuns.approvedAt,
        paidAt: payoutRuns.paidAt,
        paymentRef: payoutRuns.paymentRef,
        voidedAt: payoutRuns.voidedAt,
        voidReason: payoutRuns.voidReason,
        lineId: payoutLines.id,
        partnerId: payoutLines.partnerId,
        kind: payoutLines.kind,
        amountMinor: payoutLines.amountMinor,
        reason: payoutLines.reason,
      })
      .from(payoutLines)
      .innerJoin(payoutRuns, eq(payoutRuns.id, payoutLines.runId))
      .innerJoin(incentivePrograms, eq(incentivePrograms.id, payoutRuns.programId))
      .where(and(ne(payoutLines.amountMinor, 0), partnerIds ? inArray(payoutLines.partnerId, sql`(select value from json_each(${JSON.stringify(partnerIds)}))`) : undefined))
      .orderBy(asc(payoutRuns.id), asc(payoutLines.id))
      .all();
  },
};
