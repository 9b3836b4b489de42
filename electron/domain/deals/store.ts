import { and, asc, eq, inArray, isNotNull, isNull, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { channelManagers, dealRegistrations, partners, risks, type DealRegistrationRow, type DealStatus } from '../../../db/schema';

/**
 * The deal registration area's store: its SQL, typed from the drizzle schema. Conflict rules, protection and the risks
 * a conflict raises stay in dealRegistration.ts.
 */
export type NewDealRow = Omit<typeof dealRegistrations.$inferInsert, 'id'>;
export type DealChange = Partial<Pick<DealRegistrationRow, 'status' | 'protectedUntil' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'updatedAt'>>;

export const dealStore = {
  /** Every partner with its code, name and channel manager's name. */
  partnerInfo(ws: Workspace) {
    return ws.db
      .select({ id: partners.id, code: partners.code, name: partners.name, nameEn: partners.nameEn, owner: channelManagers.name })
      .from(partners)
      .leftJoin(channelManagers, eq(channelManagers.id, partners.channelManagerId))
      .all();
  },
  /** The risks deals raised, by their rule codes (`deal:<id>`). */
  dealRisksByRule(ws: Workspace, ruleCodes: string[]) {
    return ws.db.select({ id: risks.id, code: risks.code, ruleCode: risks.ruleCode }).from(risks).where(and(eq(risks.source, 'deal'), inArray(risks.ruleCode, ruleCodes))).all();
  },
  dealRisk(ws: Workspace, ruleCode: string) {
    return ws.db.select().from(risks).where(and(eq(risks.source, 'deal'), eq(risks.ruleCode, ruleCode))).get();
  },
  byId(ws: Workspace, id: number): DealRegistrationRow | undefined {
    return ws.db.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get();
  },
  byIds(ws: Workspace, ids: number[]): DealRegistrationRow[] {
    return ws.db.select().from(dealRegistrations).where(inArray(dealRegistrations.id, ids)).orderBy(asc(dealRegistrations.id)).all();
  },
  /**
   * Live registrations (`statuses`) of the same customer — same normalised name, or same credit code when given — by
   * someone other than `partnerId` (the direct team is partner null), oldest first.
   */
  sameCustomerBySomeoneElse(ws: Workspace, c: { partnerId: number | null; customerKey: string; creditCode: string | null }, statuses: DealStatus[]): DealRegistrationRow[] {
    const sameCustomer = c.creditCode
      ? or(eq(dealRegistrations.customerKey, c.customerKey), eq(dealRegistrations.customerCreditCode, c.creditCode))!
      : eq(dealRegistrations.customerKey, c.customerKey);
    const someoneElse: SQL =
      c.partnerId == null ? isNotNull(dealRegistrations.partnerId) : or(isNull(dealRegistrations.partnerId), ne(dealRegistrations.partnerId, c.partnerId))!;
    return ws.db
      .select()
      .from(dealRegistrations)
      .where(and(sameCustomer, someoneElse, inArray(dealRegistrations.status, statuses)))
      .orderBy(asc(dealRegistrations.registeredAt))
      .all();
  },
  /** Registrations matching the list filter's SQL part, oldest first. */
  list(ws: Workspace, f: { statuses?: DealStatus[]; direct?: boolean; partnerIds?: number[]; channelManagerIds?: number[] }): DealRegistrationRow[] {
    const conds: SQL[] = [];
    if (f.statuses?.length) conds.push(inArray(dealRegistrations.status, f.statuses));
    if (f.direct) conds.push(isNull(dealRegistrations.partnerId));
    if (f.partnerIds?.length) conds.push(inArray(dealRegistrations.partnerId, f.partnerIds));
    if (f.channelManagerIds) {
      conds.push(inArray(dealRegistrations.partnerId, ws.db.select({ id: partners.id }).from(partners).where(inArray(partners.channelManagerId, f.channelManagerIds))));
    }
    return ws.db.select().from(dealRegistrations).where(conds.length ? and(...conds) : undefined).orderBy(asc(dealRegistrations.id)).all();
  },
  insert(ws: Workspace, values: NewDealRow): DealRegistrationRow {
    return ws.db.insert(dealRegistrations).values(values).returning().get();
  },
  update(ws: Workspace, id: number, change: DealChange): DealRegistrationRow {
    return ws.db.update(dealRegistrations).set(change).where(eq(dealRegistrations.id, id)).returning().get();
  },
  /** Approved registrations protected until before `asOf` become 'expired'; their ids. */
  expireApprovedBefore(ws: Workspace, asOf: string, change: DealChange): number[] {
    return ws.db
      .update(dealRegistrations)
      .set({ ...change, status: 'expired' })
      .where(and(eq(dealRegistrations.status, 'approved'), lt(dealRegistrations.protectedUntil, asOf)))
      .returning({ id: dealRegistrations.id })
      .all()
      .map((r) => r.id);
  },
};
