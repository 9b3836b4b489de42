import { and, asc, between, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { mdfAllocations, mdfClaims, mdfFunds, mdfProofFiles, mdfRequests, partners, salesLines, territories, type MdfClaimRow, type MdfFundRow, type MdfRequestRow } from '../../../db/schema';
import type { MdfClaimStatus, MdfRequestStatus } from '../../../shared/enums';
import type { MdfAllocationView, MdfClaimView, MdfProofType, MdfProofView, MdfRequestView } from '../../model/mdf';

/**
 * The development funds' store (MDF, 市场费用): its SQL, typed from the drizzle schema. Balances, approvals, claims,
 * allocations and ROI rules stay in the area's other files. Aggregates over requests and claims (what a fund has
 * committed, what a claim settled on) are typed statements with explicit row types; they share the two fragments below.
 */

/**
 * What a live approval (`r`, a row of mdf_requests) holds of its fund: approved × share until its claim is approved; from
 * then on the claim's amount. Rejected, expired and withdrawn requests hold nothing.
 */
const COMMITTED_SQL = `case when r.status = 'approved' then coalesce(
    (select sum(c.amount_minor) from mdf_claims c where c.request_id = r.id and c.status in ('approved', 'paid', 'settling')), r.committed_minor)
  else 0 end`;

/**
 * The live payout run carrying a rebate-settled claim, if any. Used only in joined selects, where drizzle writes the
 * claim's id qualified ("mdf_claims"."id") so the subquery is correlated with the outer claim.
 */
const settledRunOf = (claimId: typeof mdfClaims.id) =>
  sql<number | null>`(select r2.id from payout_lines l join payout_runs r2 on r2.id = l.run_id
   where json_extract(l.details, '$.mdfClaimId') = ${claimId} and r2.status != 'void' order by r2.id desc limit 1)`;


/** The columns of a fund its rules work with. */
export type FundRecord = Pick<
  MdfFundRow,
  'id' | 'code' | 'name' | 'period' | 'startsOn' | 'endsOn' | 'claimDeadline' | 'budgetMinor' | 'currency' | 'territoryId' | 'channelType' | 'tier' | 'partnerId' | 'activityTypes' | 'status'
>;
const FUND_COLUMNS = {
  id: mdfFunds.id,
  code: mdfFunds.code,
  name: mdfFunds.name,
  period: mdfFunds.period,
  startsOn: mdfFunds.startsOn,
  endsOn: mdfFunds.endsOn,
  claimDeadline: mdfFunds.claimDeadline,
  budgetMinor: mdfFunds.budgetMinor,
  currency: mdfFunds.currency,
  territoryId: mdfFunds.territoryId,
  channelType: mdfFunds.channelType,
  tier: mdfFunds.tier,
  partnerId: mdfFunds.partnerId,
  activityTypes: mdfFunds.activityTypes,
  status: mdfFunds.status,
};
export type NewFundRow = Omit<typeof mdfFunds.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type FundChange = Partial<Pick<MdfFundRow, 'name' | 'budgetMinor' | 'claimDeadline' | 'status'>>;

/** What a request and its claims show of the request: its fund and partner . */
const REQUEST_PARTY = {
  fundId: mdfRequests.fundId,
  fundCode: mdfFunds.code,
  currency: mdfFunds.currency,
  partnerId: mdfRequests.partnerId,
  partnerCode: partners.code,
  partnerName: partners.name,
  partnerNameEn: partners.nameEn,
  activityType: mdfRequests.activityType,
};

export type RequestRecord = Omit<MdfRequestView, 'fundShareMinor'>;
const REQUEST_COLUMNS = {
  id: mdfRequests.id,
  ...REQUEST_PARTY,
  title: mdfRequests.title,
  startsOn: mdfRequests.startsOn,
  endsOn: mdfRequests.endsOn,
  amountMinor: mdfRequests.amountMinor,
  share: mdfRequests.share,
  expectedLeads: mdfRequests.expectedLeads,
  expectedRevenueMinor: mdfRequests.expectedRevenueMinor,
  status: mdfRequests.status,
  approvedMinor: mdfRequests.approvedMinor,
  committedMinor: mdfRequests.committedMinor,
  claimBy: mdfRequests.claimBy,
  decidedAt: mdfRequests.decidedAt,
  decidedBy: mdfRequests.decidedBy,
  rejectReason: mdfRequests.rejectReason,
  expiredOn: mdfRequests.expiredOn,
  note: mdfRequests.note,
  createdAt: mdfRequests.createdAt,
  createdBy: mdfRequests.createdBy,
};
export type NewRequestRow = Omit<typeof mdfRequests.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type RequestChange = Partial<Pick<MdfRequestRow, 'status' | 'approvedMinor' | 'committedMinor' | 'claimBy' | 'decidedAt' | 'decidedBy' | 'rejectReason' | 'expiredOn' | 'note'>>;

export type ClaimRecord = Omit<MdfClaimView, 'proofs'>;
const CLAIM_COLUMNS = {
  id: mdfClaims.id,
  requestId: mdfClaims.requestId,
  ...REQUEST_PARTY,
  amountMinor: mdfClaims.amountMinor,
  /** A claim exists only against an approved request, which always has its commitment. */
  limitMinor: sql<number>`coalesce(${mdfRequests.committedMinor}, 0)`,
  actualLeads: mdfClaims.actualLeads,
  actualRevenueMinor: mdfClaims.actualRevenueMinor,
  note: mdfClaims.note,
  status: mdfClaims.status,
  decidedAt: mdfClaims.decidedAt,
  decidedBy: mdfClaims.decidedBy,
  rejectReason: mdfClaims.rejectReason,
  approvedOn: mdfClaims.approvedOn,
  paidOn: mdfClaims.paidOn,
  paymentRef: mdfClaims.paymentRef,
  settledBy: mdfClaims.settledBy,
  payoutRunId: settledRunOf(mdfClaims.id),
  payoutRunStatus: sql<string | null>`(select status from payout_runs where id = ${settledRunOf(mdfClaims.id)})`,
  createdAt: mdfClaims.createdAt,
};
export type NewClaimRow = Omit<typeof mdfClaims.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type ClaimChange = Partial<Pick<MdfClaimRow, 'status' | 'amountMinor' | 'approvedOn' | 'decidedAt' | 'decidedBy' | 'rejectReason' | 'note' | 'paidOn' | 'paymentRef' | 'settledBy'>>;

const PROOF_COLUMNS = {
  id: mdfProofFiles.id,
  claimId: mdfProofFiles.claimId,
  fileName: mdfProofFiles.fileName,
  /** Stored only after sniffProofType accepted the bytes (proofFiles.ts). */
  mediaType: sql<MdfProofType>`${mdfProofFiles.mediaType}`,
  sizeBytes: mdfProofFiles.sizeBytes,
  sha256: mdfProofFiles.sha256,
};
export type NewProofRow = Pick<typeof mdfProofFiles.$inferInsert, 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256' | 'content'>;

/** The filter the request and claim lists share; a claim is filtered by its request's fund and partner. */
export interface MdfListFilter {
  fundId?: number;
  partnerId?: number;
  /** "Mine": partners these channel managers look after now (none for an empty list). */
  channelManagerIds?: number[];
}

/** Requests with their fund and partner. */
const requestsJoined = (ws: Workspace) =>
  ws.db
    .select(REQUEST_COLUMNS).from(mdfRequests).innerJoin(mdfFunds, eq(mdfFunds.id, mdfRequests.fundId)).innerJoin(partners, eq(partners.id, mdfRequests.partnerId));
/** Claims with their request, fund and partner. */
const claimsJoined = (ws: Workspace) =>
  ws.db
    .select(CLAIM_COLUMNS)
    .from(mdfClaims)
    .innerJoin(mdfRequests, eq(mdfRequests.id, mdfClaims.requestId))
    .innerJoin(mdfFunds, eq(mdfFunds.id, mdfRequests.fundId))
    .innerJoin(partners, eq(partners.id, mdfRequests.partnerId));

function requestScope(ws: Workspace, f: MdfListFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.fundId != null) conds.push(eq(mdfRequests.fundId, f.fundId));
  if (f.partnerId != null) conds.push(eq(mdfRequests.partnerId, f.partnerId));
  if (f.channelManagerIds) {
    conds.push(inArray(mdfRequests.partnerId, ws.db.select({ id: partners.id }).from(partners).where(inArray(partners.channelManagerId, f.channelManagerIds))));
  }
  return conds;
}

export interface FundFigures {
  budgetMinor: number;
  allocatedMinor: number;
  committedMinor: number;
  expiredMinor: number;
  pending: Array<{ amountMinor: number; share: number }>;
  claims: Array<{ amountMinor: number; status: MdfClaimStatus; runStatus: string | null }>;
}

export interface LapsedApproval {
  requestId: number;
  fundCode: string;
  partnerCode: string;
  returnedMinor: number;
}

/** An approved request as its ROI reads it: the request's columns (the drizzle schema's) with its partner, fund currency and cost. */
export type FundedRequest = Pick<MdfRequestRow, 'id' | 'partnerId' | 'activityType' | 'startsOn' | 'endsOn'> & {
  partnerCode: string;
  channelType: string;
  tier: string;
  currency: MdfFundRow['currency'];
  costMinor: number;
};

/** A claim as the partner ledger reads it, once per payout run that carried it (runId null when none did). */
export interface LedgerClaimRow {
  claimId: number;
  partnerId: number;
  currency: string;
  fundCode: string;
  period: string;
  requestId: number;
  title: string;
  amountMinor: number;
  status: MdfClaimStatus;
  createdAt: string;
  approvedOn: string | null;
  paidOn: string | null;
  paymentRef: string | null;
  runId: number | null;
  runApprovedAt: string | null;
  runVoidedAt: string | null;
}

/** An approved claim settled on a rebate run: its request's columns (the drizzle schema's) with the claim and fund. */
export type RebateSettlementRow = Pick<MdfRequestRow, 'partnerId' | 'title'> & {
  claimId: MdfClaimRow['id'];
  amountMinor: MdfClaimRow['amountMinor'];
  fundCode: MdfFundRow['code'];
  requestId: MdfRequestRow['id'];
  activityType: string;
};

export const mdfStore = {
  // ── funds ──
  fundById(ws: Workspace, id: number): FundRecord | undefined {
    return ws.db.select(FUND_COLUMNS).from(mdfFunds).where(eq(mdfFunds.id, id)).get();
  },
  fundByCode(ws: Workspace, code: string): FundRecord | undefined {
    return ws.db.select(FUND_COLUMNS).from(mdfFunds).where(eq(mdfFunds.code, code)).get();
  },
  funds(ws: Workspace, f: { period?: string; status?: MdfFundRow['status'] }): FundRecord[] {
    return ws.db
      .select(FUND_COLUMNS)
      .from(mdfFunds)
      .where(and(f.period != null ? eq(mdfFunds.period, f.period) : undefined, f.status != null ? eq(mdfFunds.status, f.status) : undefined))
      .orderBy(desc(mdfFunds.startsOn), asc(mdfFunds.code))
      .all();
  },
  /** `at` here and below: the operation's instant (its clock), stamped as created and/or updated. */
  insertFund(ws: Workspace, values: NewFundRow, at: string): number {
    return ws.db.insert(mdfFunds).values({ ...values, createdAt: at, updatedAt: at }).returning({ id: mdfFunds.id }).get().id;
  },
  updateFund(ws: Workspace, id: number, change: FundChange, at: string): void {
    ws.db
      .update(mdfFunds)
      .set({ ...change, updatedAt: at })
      .where(eq(mdfFunds.id, id))
      .run();
  },
  /** A territory named by its code or either of its names. */
  territoryIdByName(ws: Workspace, name: string): number | undefined {
    return ws.db
      .select({ id: territories.id })
      .from(territories)
      .where(sql`${territories.code} = ${name} or ${territories.nameZh} = ${name} or ${territories.nameEn} = ${name}`)
      .get()?.id;
  },
  territoryLabel(ws: Workspace, id: number): { code: string; name: string } | undefined {
    return ws.db.select({ code: territories.code, name: territories.nameZh }).from(territories).where(eq(territories.id, id)).get();
  },
  partnerLabel(ws: Workspace, id: number): { code: string; name: string; currency: string } | undefined {
    return ws.db.select({ code: partners.code, name: partners.name, currency: partners.currency }).from(partners).where(eq(partners.id, id)).get();
  },
  /** A live (not deleted) partner's id by its id or code. */
  livePartnerId(ws: Workspace, ref: { id: number } | { code: string }): number | undefined {
    return ws.db
      .select({ id: partners.id })
      .from(partners)
      .where(and('id' in ref ? eq(partners.id, ref.id) : eq(partners.code, ref.code), isNull(partners.deletedAt)))
      .get()?.id;
  },
  /** Live partners in a fund's scope: its territory with every sub-territory, channel type, tier, one partner; by code. */
  partnersInScope(ws: Workspace, scope: Pick<FundRecord, 'territoryId' | 'channelType' | 'tier' | 'partnerId'>): number[] {
    return ws.sqlite
      .prepare<[{ territory: number | null; channel: string | null; tier: string | null; partner: number | null }], number>(
        `select p.id from partners p where p.deleted_at is null
          and (:territory is null or p.territory_id in (with recursive t(id) as (select :territory union all select c.id from territories c join t on c.parent_id = t.id) select id from t))
          and (:channel is null or p.channel_type = :channel) and (:tier is null or p.tier = :tier) and (:partner is null or p.id = :partner)
         order by p.code`,
      )
      .pluck()
      .all({ territory: scope.territoryId, channel: scope.channelType, tier: scope.tier, partner: scope.partnerId });
  },

  // ── balances ──
  /** What a fund's balance is made of: its budget, allocations, live commitments, lapsed approvals, pending requests and claims. */
  fundFigures(ws: Workspace, fundId: number): FundFigures {
    const one = (q: string, ...params: number[]) => ws.sqlite.prepare<number[], number>(q).pluck().get(...params) ?? 0;
    return {
      budgetMinor: one('select budget_minor from mdf_funds where id = ?', fundId),
      allocatedMinor: one('select coalesce(sum(amount_minor), 0) from mdf_allocations where fund_id = ?', fundId),
      committedMinor: one(`select coalesce(sum(${COMMITTED_SQL}), 0) from mdf_requests r where r.fund_id = ?`, fundId),
      expiredMinor: one(`select coalesce(sum(committed_minor), 0) from mdf_requests where fund_id = ? and status = 'expired'`, fundId),
      pending: ws.db
        .select({ amountMinor: mdfRequests.amountMinor, share: mdfRequests.share })
        .from(mdfRequests)
        .where(and(eq(mdfRequests.fundId, fundId), eq(mdfRequests.status, 'pending')))
        .all(),
      claims: ws.db
        .select({ amountMinor: mdfClaims.amountMinor, status: mdfClaims.status, runStatus: sql<string | null>`(select status from payout_runs where id = ${settledRunOf(mdfClaims.id)})` })
        .from(mdfClaims)
        .innerJoin(mdfRequests, eq(mdfRequests.id, mdfClaims.requestId))
        .where(and(eq(mdfRequests.fundId, fundId), inArray(mdfClaims.status, ['submitted', 'approved', 'paid', 'settling'])))
        .all(),
    };
  },
  /** What one partner's live approvals commit of a fund. */
  committedByPartner(ws: Workspace, fundId: number, partnerId: number): number {
    return ws.sqlite.prepare<[number, number], number>(`select coalesce(sum(${COMMITTED_SQL}), 0) from mdf_requests r where r.fund_id = ? and r.partner_id = ?`).pluck().get(fundId, partnerId) ?? 0;
  },
  /** What the live approvals of partners without an allocation commit of a fund. */
  committedUnallocated(ws: Workspace, fundId: number): number {
    return (
      ws.sqlite
        .prepare<[number, number], number>(`select coalesce(sum(${COMMITTED_SQL}), 0) from mdf_requests r where r.fund_id = ? and r.partner_id not in (select partner_id from mdf_allocations where fund_id = ?)`)
        .pluck()
        .get(fundId, fundId) ?? 0
    );
  },

  // ── allocations ──
  allocations(ws: Workspace, fundId: number): MdfAllocationView[] {
    return ws.db
      .select({
        id: mdfAllocations.id,
        fundId: mdfAllocations.fundId,
        partnerId: mdfAllocations.partnerId,
        partnerCode: partners.code,
        partnerName: partners.name,
        amountMinor: mdfAllocations.amountMinor,
        method: mdfAllocations.method,
        basisMinor: mdfAllocations.basisMinor,
        basisPeriod: mdfAllocations.basisPeriod,
        committedMinor: sql<number>`(select coalesce(sum(${sql.raw(COMMITTED_SQL)}), 0) from mdf_requests r where r.fund_id = ${mdfAllocations.fundId} and r.partner_id = ${mdfAllocations.partnerId})`,
      })
      .from(mdfAllocations)
      .innerJoin(partners, eq(partners.id, mdfAllocations.partnerId))
      .where(eq(mdfAllocations.fundId, fundId))
      .orderBy(asc(partners.code))
      .all();
  },
  allocationOf(ws: Workspace, fundId: number, partnerId: number): number | undefined {
    return ws.db
      .select({ amountMinor: mdfAllocations.amountMinor })
      .from(mdfAllocations)
      .where(and(eq(mdfAllocations.fundId, fundId), eq(mdfAllocations.partnerId, partnerId)))
      .get()?.amountMinor;
  },
  upsertAllocation(ws: Workspace, values: Omit<typeof mdfAllocations.$inferInsert, 'id' | 'createdAt'>, at: string): void {
    ws.db
      .insert(mdfAllocations)
      .values({ ...values, createdAt: at })
      .onConflictDoUpdate({
        target: [mdfAllocations.fundId, mdfAllocations.partnerId],
        set: { amountMinor: sql`excluded.amount_minor`, method: sql`excluded.method`, basisMinor: sql`excluded.basis_minor`, basisPeriod: sql`excluded.basis_period` },
      })
      .run();
  },
  deleteAllocations(ws: Workspace, fundId: number, partnerId?: number): void {
    ws.db
      .delete(mdfAllocations)
      .where(and(eq(mdfAllocations.fundId, fundId), partnerId != null ? eq(mdfAllocations.partnerId, partnerId) : undefined))
      .run();
  },
  /** Net revenue per partner in a currency over a range of days (every partner with a line). */
  revenueByPartner(ws: Workspace, from: string, to: string, currency: string): Array<{ partnerId: number; revenueMinor: number }> {
    return ws.db
      .select({ partnerId: salesLines.partnerId, revenueMinor: sql<number>`sum(${salesLines.amountMinor})` })
      .from(salesLines)
      .where(and(between(salesLines.date, from, to), eq(salesLines.currency, currency)))
      .groupBy(salesLines.partnerId)
      .all();
  },

  // ── requests ──
  request(ws: Workspace, id: number): RequestRecord | undefined {
    return requestsJoined(ws)
      .where(eq(mdfRequests.id, id))
      .get();
  },
  /** Requests matching the filter, newest first. */
  requests(ws: Workspace, f: MdfListFilter & { statuses?: MdfRequestStatus[] }): RequestRecord[] {
    const conds = requestScope(ws, f);
    if (f.statuses?.length) conds.push(inArray(mdfRequests.status, f.statuses));
    return requestsJoined(ws)
      .where(and(...conds))
      .orderBy(desc(mdfRequests.id))
      .all();
  },
  insertRequest(ws: Workspace, values: NewRequestRow, at: string): number {
    return ws.db.insert(mdfRequests).values({ ...values, createdAt: at, updatedAt: at }).returning({ id: mdfRequests.id }).get().id;
  },
  updateRequest(ws: Workspace, id: number, change: RequestChange, at: string): void {
    ws.db
      .update(mdfRequests)
      .set({ ...change, updatedAt: at })
      .where(eq(mdfRequests.id, id))
      .run();
  },
  /** Approvals whose claim deadline is before `day` and that have no live claim, by request. */
  lapsedApprovals(ws: Workspace, day: string): LapsedApproval[] {
    return ws.sqlite
      .prepare<[string], LapsedApproval>(
        `select r.id as requestId, f.code as fundCode, p.code as partnerCode, r.committed_minor as returnedMinor from mdf_requests r
          join mdf_funds f on f.id = r.fund_id join partners p on p.id = r.partner_id
         where r.status = 'approved' and r.claim_by < ?
           and not exists (select 1 from mdf_claims c where c.request_id = r.id and c.status in ('submitted', 'approved', 'paid', 'settling'))
         order by r.id`,
      )
      .all(day);
  },
  /** The approvals of a fund with a commitment, as the burn-down replays them. */
  fundCommitments(ws: Workspace, fundId: number): Array<{ committedMinor: number; decidedAt: string; expiredOn: string | null }> {
    return ws.sqlite
      .prepare<[number], { committedMinor: number; decidedAt: string; expiredOn: string | null }>(
        `select committed_minor as committedMinor, decided_at as decidedAt, expired_on as expiredOn from mdf_requests where fund_id = ? and committed_minor is not null`,
      )
      .all(fundId);
  },
  /** The approved claims of a fund's live approvals, with the day the payout run settling one was paid. */
  fundSpentClaims(ws: Workspace, fundId: number): Array<{ amountMinor: number; committedMinor: number; approvedOn: string; paidOn: string | null; runPaidAt: string | null }> {
    return ws.sqlite
      .prepare<[number], { amountMinor: number; committedMinor: number; approvedOn: string; paidOn: string | null; runPaidAt: string | null }>(
        `select c.amount_minor as amountMinor, r.committed_minor as committedMinor, c.approved_on as approvedOn, c.paid_on as paidOn,
          (select pr.paid_at from payout_lines l join payout_runs pr on pr.id = l.run_id where json_extract(l.details, '$.mdfClaimId') = c.id and pr.status = 'paid') as runPaidAt
         from mdf_claims c join mdf_requests r on r.id = c.request_id where r.fund_id = ? and c.status in ('approved', 'paid', 'settling') and r.status = 'approved'`,
      )
      .all(fundId);
  },

  // ── claims ──
  claim(ws: Workspace, id: number): ClaimRecord | undefined {
    return claimsJoined(ws)
      .where(eq(mdfClaims.id, id))
      .get();
  },
  /** Claims matching the filter, newest first. */
  claims(ws: Workspace, f: MdfListFilter & { requestId?: number; statuses?: MdfClaimStatus[] }): ClaimRecord[] {
    const conds = requestScope(ws, f);
    if (f.requestId != null) conds.push(eq(mdfClaims.requestId, f.requestId));
    if (f.statuses?.length) conds.push(inArray(mdfClaims.status, f.statuses));
    return claimsJoined(ws)
      .where(and(...conds))
      .orderBy(desc(mdfClaims.id))
      .all();
  },
  /** The request's claim that is not rejected, if any (one live claim per request). */
  liveClaimOf(ws: Workspace, requestId: number): Pick<MdfClaimRow, 'id' | 'status'> | undefined {
    return ws.db
      .select({ id: mdfClaims.id, status: mdfClaims.status })
      .from(mdfClaims)
      .where(and(eq(mdfClaims.requestId, requestId), ne(mdfClaims.status, 'rejected')))
      .get();
  },
  insertClaim(ws: Workspace, values: NewClaimRow, at: string): number {
    return ws.db.insert(mdfClaims).values({ ...values, createdAt: at, updatedAt: at }).returning({ id: mdfClaims.id }).get().id;
  },
  updateClaim(ws: Workspace, id: number, change: ClaimChange, at: string): void {
    ws.db
      .update(mdfClaims)
      .set({ ...change, updatedAt: at })
      .where(eq(mdfClaims.id, id))
      .run();
  },
  /** Claims to settle with a rebate (抵扣返利) in a currency that no live payout run carries yet, by claim. */
  pendingRebateClaims(ws: Workspace, currency: string): RebateSettlementRow[] {
    return ws.sqlite
      .prepare<[string], RebateSettlementRow>(
        `select c.id as claimId, r.partner_id as partnerId, c.amount_minor as amountMinor, f.code as fundCode, r.id as requestId, r.activity_type as activityType, r.title
         from mdf_claims c join mdf_requests r on r.id = c.request_id join mdf_funds f on f.id = r.fund_id
         where c.status = 'settling' and c.settled_by = 'rebate' and f.currency = ?
           and not exists (select 1 from payout_lines l join payout_runs pr on pr.id = l.run_id where json_extract(l.details, '$.mdfClaimId') = c.id and pr.status != 'void')
         order by c.id`,
      )
      .all(currency);
  },
  /** Live claims (submitted to settling) of some partners (all when omitted), once per payout run that carried one. */
  ledgerClaims(ws: Workspace, partnerIds?: number[]): LedgerClaimRow[] {
    const where = partnerIds ? `and r.partner_id in (select value from json_each(?))` : '';
    return ws.sqlite
      .prepare<string[], LedgerClaimRow>(
        `select c.id as claimId, r.partner_id as partnerId, f.currency, f.code as fundCode, f.period, r.id as requestId, r.title, c.amount_minor as amountMinor, c.status,
          c.created_at as createdAt, c.approved_on as approvedOn, c.paid_on as paidOn, c.payment_ref as paymentRef,
          pr.id as runId, pr.approved_at as runApprovedAt, pr.voided_at as runVoidedAt
         from mdf_claims c join mdf_requests r on r.id = c.request_id join mdf_funds f on f.id = r.fund_id
         left join payout_lines l on json_extract(l.details, '$.mdfClaimId') = c.id
         left join payout_runs pr on pr.id = l.run_id
         where c.status in ('submitted', 'approved', 'paid', 'settling') ${where} order by c.id, pr.id`,
      )
      .all(...(partnerIds ? [JSON.stringify(partnerIds)] : []));
  },

  // ── proofs ──
  insertProof(ws: Workspace, claimId: number, proof: NewProofRow, at: string): void {
    ws.db
      .insert(mdfProofFiles)
      .values({ claimId, ...proof, createdAt: at })
      .run();
  },
  /** The proofs (without their bytes) of some claims, in the order they were stored. */
  proofsOf(ws: Workspace, claimIds: number[]): MdfProofView[] {
    if (!claimIds.length) return [];
    return ws.db.select(PROOF_COLUMNS).from(mdfProofFiles).where(inArray(mdfProofFiles.claimId, claimIds)).orderBy(asc(mdfProofFiles.id)).all();
  },
  proofWithContent(ws: Workspace, id: number): (MdfProofView & { content: Buffer }) | undefined {
    return ws.db
      .select({ ...PROOF_COLUMNS, content: mdfProofFiles.content })
      .from(mdfProofFiles)
      .where(eq(mdfProofFiles.id, id))
      .get();
  },

  // ── return on investment ──
  /** Approved requests (of one fund, or all) with what the fund paid for them: approved claims, paid or not. */
  fundedRequests(ws: Workspace, fundId: number | null): FundedRequest[] {
    return ws.sqlite
      .prepare<[number | null, number | null], FundedRequest>(
        `select r.id, r.partner_id as partnerId, p.code as partnerCode, p.channel_type as channelType, p.tier, r.activity_type as activityType,
          r.starts_on as startsOn, r.ends_on as endsOn, f.currency,
          coalesce((select sum(c.amount_minor) from mdf_claims c where c.request_id = r.id and c.status in ('approved', 'paid', 'settling')), 0) as costMinor
         from mdf_requests r join partners p on p.id = r.partner_id join mdf_funds f on f.id = r.fund_id
         where r.status = 'approved' and (? is null or r.fund_id = ?) order by r.starts_on, r.id`,
      )
      .all(fundId, fundId);
  },
  /**
   * The ROI's hot path, prepared once per report: a partner's net revenue in a currency over a range of days (asked
   * for every request, its window and last year's, and for each of its comparable partners), and those partners.
   */
  roiStatements(ws: Workspace) {
    const revenue = ws.sqlite
      .prepare<[number, string, string, string], number>(`select coalesce(sum(amount_minor), 0) from sales_lines where partner_id = ? and currency = ? and date between ? and ?`)
      .pluck();
    const comparables = ws.sqlite
      .prepare<[string, string, number, string, string, string], number>(
        `select p.id from partners p where p.deleted_at is null and p.channel_type = ? and p.tier = ? and p.id != ? and p.currency = ?
          and not exists (select 1 from mdf_requests r where r.partner_id = p.id and r.status = 'approved' and r.starts_on <= ? and r.ends_on >= ?)`,
      )
      .pluck();
    return {
      revenue: (partnerId: number, currency: string, from: string, to: string): number => revenue.get(partnerId, currency, from, to) ?? 0,
      /** Live partners of the same channel type, tier and currency with no approved activity overlapping [from, to]. */
      comparables: (r: { channelType: string; tier: string; partnerId: number; currency: string }, from: string, to: string): number[] =>
        comparables.all(r.channelType, r.tier, r.partnerId, r.currency, to, from),
    };
  },
};
