import { and, asc, desc, eq, inArray, isNull, lt, ne, notInArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Workspace } from '../../../db/database';
import {
  channelManagers,
  dealRegistrations,
  evaluationRuns,
  partners,
  reviewActions,
  reviewMeetings,
  reviewProposals,
  risks,
  scorecards,
  territories,
  type ReviewActionRow,
  type ReviewMeetingRow,
  type ReviewProposalRow,
} from '../../../db/schema';
import type { ReviewActionStatus } from '../../../shared/enums';
import { addMonthsClamped, daysInMonth } from '../../../shared/period';
import type { PackDeal, PackIncentives, PackScore, ReviewPackData } from '../../model/reviews';
import { packedMonths, purchase, returnersSql } from '../inventory/store';

/**
 * The business reviews' store (业务回顾): meetings, action items, stored proposals, and what a review pack reads of the
 * other areas (scorecards, sales, payout runs, risks, deals, end customers). Typed from the drizzle schema; sums and
 * groupings over sales lines and payout runs are typed statements with explicit rows. The rules (closing days, what
 * carries forward, proposals, the pack's figures) stay in the area's other files.
 */

export type MeetingValues = Pick<typeof reviewMeetings.$inferInsert, 'partnerId' | 'period' | 'heldOn' | 'attendees' | 'minutes' | 'decisions'>;
export type ActionValues = Pick<ReviewActionRow, 'description' | 'owner' | 'dueOn' | 'status' | 'note'>;
export type ActionChange = Partial<Pick<ReviewActionRow, 'description' | 'owner' | 'dueOn' | 'status' | 'note' | 'closedOn' | 'updatedAt'>>;
export type PackPartner = ReviewPackData['partner'];
export type NewProposalRow = Pick<ReviewProposalRow, 'source' | 'textZh' | 'textEn' | 'owner' | 'dueOn'>;

/** A payout run of the partner's with what it pays the partner (the run's newest live version only). */
export type PackRunRow = PackIncentives['runs'][number] & { calculatedAt: string };

/** An end customer of a pack's period: its first purchase ever, its amount in the period net of returns, and whether it bought in it. */
export interface PackBuyer {
  customer: string;
  firstOn: string;
  amountMinor: number;
  bought: boolean;
}

export interface ExportTarget {
  id: number;
  code: string;
  name: string;
}

const managers = alias(channelManagers, 'm');

export const reviewStore = {
  // ── partners ──
  partnerRefs(ws: Workspace, ids: number[]): Array<{ id: number; code: string; name: string }> {
    if (!ids.length) return [];
    return ws.db
      .select({ id: partners.id, code: partners.code, name: partners.name })
      .from(partners)
      .where(inArray(partners.id, [...new Set(ids)]))
      .all();
  },
  partnerIdByCode(ws: Workspace, code: string): number | undefined {
    return ws.db.select({ id: partners.id }).from(partners).where(eq(partners.code, code)).get()?.id;
  },
  partnerExists(ws: Workspace, id: number): boolean {
    return ws.db.select({ id: partners.id }).from(partners).where(eq(partners.id, id)).get() != null;
  },

  // ── meetings and their action items ──
  meeting(ws: Workspace, id: number): ReviewMeetingRow | undefined {
    return ws.db.select().from(reviewMeetings).where(eq(reviewMeetings.id, id)).get();
  },
  /** Meetings (of a partner, of a period) newest first by the day held. */
  meetings(ws: Workspace, f: { partnerId?: number; period?: string }): ReviewMeetingRow[] {
    const conds: SQL[] = [];
    if (f.partnerId != null) conds.push(eq(reviewMeetings.partnerId, f.partnerId));
    if (f.period) conds.push(eq(reviewMeetings.period, f.period));
    return ws.db
      .select()
      .from(reviewMeetings)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(reviewMeetings.heldOn), desc(reviewMeetings.id))
      .all();
  },
  insertMeeting(ws: Workspace, values: MeetingValues & { createdBy: string }): number {
    return ws.db.insert(reviewMeetings).values(values).returning({ id: reviewMeetings.id }).get().id;
  },
  updateMeeting(ws: Workspace, id: number, values: MeetingValues & { updatedAt: string }): void {
    ws.db.update(reviewMeetings).set(values).where(eq(reviewMeetings.id, id)).run();
  },
  /** A meeting and its action items. */
  deleteMeeting(ws: Workspace, id: number): void {
    ws.db.delete(reviewActions).where(eq(reviewActions.meetingId, id)).run();
    ws.db.delete(reviewMeetings).where(eq(reviewMeetings.id, id)).run();
  },
  /** The action items of some meetings, in the order they were added. */
  actionsOf(ws: Workspace, meetingIds: number[]): ReviewActionRow[] {
    if (!meetingIds.length) return [];
    return ws.db.select().from(reviewActions).where(inArray(reviewActions.meetingId, meetingIds)).orderBy(asc(reviewActions.id)).all();
  },
  insertAction(ws: Workspace, values: ActionValues & Pick<ReviewActionRow, 'meetingId' | 'partnerId' | 'closedOn'>): number {
    return ws.db.insert(reviewActions).values(values).returning({ id: reviewActions.id }).get().id;
  },
  updateAction(ws: Workspace, id: number, change: ActionChange): void {
    ws.db.update(reviewActions).set(change).where(eq(reviewActions.id, id)).run();
  },
  /** Removes a meeting's action items other than `kept`. */
  deleteActionsExcept(ws: Workspace, meetingId: number, kept: number[]): void {
    ws.db
      .delete(reviewActions)
      .where(kept.length ? and(eq(reviewActions.meetingId, meetingId), notInArray(reviewActions.id, kept)) : eq(reviewActions.meetingId, meetingId))
      .run();
  },
  actionWithMeeting(ws: Workspace, id: number): { a: ReviewActionRow; m: ReviewMeetingRow } | undefined {
    return ws.db
      .select({ a: reviewActions, m: reviewMeetings })
      .from(reviewActions)
      .innerJoin(reviewMeetings, eq(reviewMeetings.id, reviewActions.meetingId))
      .where(eq(reviewActions.id, id))
      .get();
  },
  /**
   * Action items in some statuses of live, not terminated partners (one partner's; of the partners some channel managers
   * look after now, none for an empty list; due before a day), with their meetings.
   */
  actionsInStatus(
    ws: Workspace,
    statuses: readonly ReviewActionStatus[],
    f: { partnerId?: number; channelManagerIds?: number[]; dueBefore?: string },
  ): Array<{ a: ReviewActionRow; m: ReviewMeetingRow }> {
    const conds = [inArray(reviewActions.status, [...statuses])];
    if (f.partnerId != null) conds.push(eq(reviewActions.partnerId, f.partnerId));
    if (f.channelManagerIds) conds.push(inArray(partners.channelManagerId, f.channelManagerIds));
    if (f.dueBefore != null) conds.push(lt(reviewActions.dueOn, f.dueBefore));
    return ws.db
      .select({ a: reviewActions, m: reviewMeetings })
      .from(reviewActions)
      .innerJoin(reviewMeetings, eq(reviewMeetings.id, reviewActions.meetingId))
      .innerJoin(partners, eq(partners.id, reviewActions.partnerId))
      .where(and(...conds, ne(partners.status, 'terminated'), isNull(partners.deletedAt)))
      .all();
  },

  // ── proposals ──
  /**
   * Replaces a partner's and period's proposals that are still only proposed: those already agreed as an action item
   * stay, and a new proposal with the text of one of them is not stored again.
   */
  replaceProposals(ws: Workspace, partnerId: number, period: string, proposals: NewProposalRow[]): void {
    const samePeriod = and(eq(reviewProposals.partnerId, partnerId), eq(reviewProposals.period, period));
    ws.db
      .delete(reviewProposals)
      .where(and(samePeriod, isNull(reviewProposals.actionId)))
      .run();
    const agreed = new Set(
      ws.db
        .select({ t: reviewProposals.textZh })
        .from(reviewProposals)
        .where(samePeriod)
        .all()
        .map((r) => r.t),
    );
    for (const p of proposals) if (!agreed.has(p.textZh)) ws.db.insert(reviewProposals).values({ partnerId, period, ...p }).run();
  },
  /** Links a meeting's partner's and period's open proposals to the meeting's action item worded the same (either language). */
  linkProposals(ws: Workspace, meetingId: number): void {
    ws.sqlite
      .prepare<[{ m: number }]>(
        `update review_proposals set action_id = (
           select a.id from review_actions a where a.meeting_id = @m and a.description in (review_proposals.text_zh, review_proposals.text_en) order by a.id limit 1)
         where action_id is null
           and (partner_id, period) = (select partner_id, period from review_meetings where id = @m)
           and exists (select 1 from review_actions a where a.meeting_id = @m and a.description in (review_proposals.text_zh, review_proposals.text_en))`,
      )
      .run({ m: meetingId });
  },
  /** A partner's and period's stored proposals with the status of the action each became. */
  proposals(ws: Workspace, partnerId: number, period: string) {
    return ws.db
      .select({
        period: reviewProposals.period,
        zh: reviewProposals.textZh,
        en: reviewProposals.textEn,
        owner: reviewProposals.owner,
        dueOn: reviewProposals.dueOn,
        source: reviewProposals.source,
        status: reviewActions.status,
      })
      .from(reviewProposals)
      .leftJoin(reviewActions, eq(reviewActions.id, reviewProposals.actionId))
      .where(and(eq(reviewProposals.partnerId, partnerId), eq(reviewProposals.period, period)))
      .orderBy(asc(reviewProposals.id))
      .all();
  },

  // ── what a pack reads ──
  packPartner(ws: Workspace, id: number): PackPartner | undefined {
    return ws.db
      .select({
        id: partners.id,
        code: partners.code,
        name: partners.name,
        nameEn: partners.nameEn,
        channelType: partners.channelType,
        tier: partners.tier,
        status: partners.status,
        territory: territories.nameZh,
        territoryEn: territories.nameEn,
        channelManager: managers.name,
        joinedOn: partners.joinedOn,
        currency: partners.currency,
      })
      .from(partners)
      .leftJoin(territories, eq(territories.id, partners.territoryId))
      .leftJoin(managers, eq(managers.id, partners.channelManagerId))
      .where(eq(partners.id, id))
      .get();
  },
  /** The partner's scorecard of a period from the latest completed run that evaluated it. */
  score(ws: Workspace, partnerId: number, period: string): PackScore | undefined {
    return ws.db
      .select({
        period: evaluationRuns.period,
        grade: scorecards.grade,
        healthScore: scorecards.healthScore,
        revenueMinor: scorecards.revenueMinor,
        targetMinor: scorecards.targetMinor,
        attainment: scorecards.attainment,
        growthYoY: scorecards.growthYoY,
        grossMargin: scorecards.grossMargin,
        trainingCompliance: scorecards.trainingCompliance,
        satisfaction: scorecards.satisfaction,
        rankInChannel: scorecards.rankInChannel,
        rankInRegion: scorecards.rankInRegion,
        activeCustomers: scorecards.activeCustomers,
        newCustomers: scorecards.newCustomers,
        retention: scorecards.retention,
      })
      .from(scorecards)
      .innerJoin(evaluationRuns, eq(evaluationRuns.id, scorecards.runId))
      .where(and(eq(scorecards.partnerId, partnerId), eq(evaluationRuns.period, period), eq(evaluationRuns.status, 'completed')))
      .orderBy(desc(evaluationRuns.version), desc(evaluationRuns.id))
      .limit(1)
      .get();
  },
  /** Revenue per calendar month (YYYY-MM) of a partner between two days, from the covering index. */
  monthlyRevenue(ws: Workspace, partnerId: number, from: string, to: string): Array<{ month: string; revenueMinor: number }> {
    return ws.sqlite
      .prepare<[number, string, string], { month: string; revenueMinor: number }>(
        `select substr(date, 1, 7) as month, sum(amount_minor) as revenueMinor from sales_lines where partner_id = ? and date between ? and ? group by month`,
      )
      .all(partnerId, from, to);
  },
  revenueBetween(ws: Workspace, partnerId: number, from: string, to: string): number {
    return ws.sqlite.prepare<[number, string, string], number>('select coalesce(sum(amount_minor), 0) from sales_lines where partner_id = ? and date between ? and ?').pluck().get(partnerId, from, to) ?? 0;
  },
  /** A partner's sales between two days by category and product ('' for none). */
  salesMix(ws: Workspace, partnerId: number, from: string, to: string): Array<{ category: string; product: string; amountMinor: number; quantity: number }> {
    return ws.sqlite
      .prepare<[number, string, string], { category: string; product: string; amountMinor: number; quantity: number }>(
        `select coalesce(category, '') as category, coalesce(product, '') as product, sum(amount_minor) as amountMinor, sum(quantity) as quantity
         from sales_lines where partner_id = ? and date between ? and ? group by 1, 2`,
      )
      .all(partnerId, from, to);
  },
  /** Every payout run paying the partner (its newest live version of a program and period), by period and program. */
  partnerRuns(ws: Workspace, partnerId: number): PackRunRow[] {
    return ws.sqlite
      .prepare<[number], PackRunRow>(
        `select g.code as programCode, g.name as programName, r.period, r.status, sum(l.amount_minor) as amountMinor, r.paid_at as paidAt, r.payment_ref as paymentRef, r.calculated_at as calculatedAt
         from payout_lines l join payout_runs r on r.id = l.run_id join incentive_programs g on g.id = r.program_id
         where l.partner_id = ? and r.status <> 'void'
           and not exists (select 1 from payout_runs n where n.program_id = r.program_id and n.period = r.period and n.version > r.version and n.status <> 'void')
         group by r.id order by r.period, g.code`,
      )
      .all(partnerId);
  },
  openRisks(ws: Workspace, partnerId: number) {
    return ws.db
      .select({
        code: risks.code,
        title: risks.title,
        description: risks.description,
        category: risks.category,
        likelihood: risks.likelihood,
        impact: risks.impact,
        status: risks.status,
        owner: risks.owner,
        nextReviewOn: risks.nextReviewOn,
        textCode: risks.textCode,
        textParams: risks.textParams,
      })
      .from(risks)
      .where(and(eq(risks.partnerId, partnerId), ne(risks.status, 'closed')))
      .all();
  },
  /** Live registrations (pending, in conflict, approved), largest first. */
  liveDeals(ws: Workspace, partnerId: number): PackDeal[] {
    return ws.db
      .select({
        customerName: dealRegistrations.customerName,
        productLine: dealRegistrations.productLine,
        expectedValueMinor: dealRegistrations.expectedValueMinor,
        status: dealRegistrations.status,
        expectedCloseOn: dealRegistrations.expectedCloseOn,
        protectedUntil: dealRegistrations.protectedUntil,
      })
      .from(dealRegistrations)
      .where(and(eq(dealRegistrations.partnerId, partnerId), inArray(dealRegistrations.status, ['pending', 'conflict', 'approved'])))
      .orderBy(desc(dealRegistrations.expectedValueMinor), asc(dealRegistrations.id))
      .all();
  },
  /**
   * End customers with a line from `from` to `to` and a purchase on or before `to`, each with the day of their first
   * purchase ever (up to `to`), what they bought in the range net of returns, and whether they bought in it. A return
   * (inventory/store.ts `purchase`) is no purchase, as in RFM and cohorts: it nets the amount but makes no buyer and no
   * first purchase; a customer with only returns is none. A partner reporting sell-through: from the end-customer summary
   * the sell-through import keeps — the first purchase and whole months of the range from `sell_through_customers` (its
   * packed months), and only a month the range cuts (`from` not a 1st, `to` not a month's last day) from its lines; a
   * customer with a return up to `to` from its lines (the packed months do not tell returns from purchases). A partner
   * that reports no sell-through: its sales lines by customer reference.
   */
  buyers(ws: Workspace, partnerId: number, from: string, to: string): PackBuyer[] {
    const { sqlite } = ws;
    const reports = sqlite.prepare<[number], number>('select 1 from sell_through_lines where partner_id = ? limit 1').pluck().get(partnerId);
    const rows = (rows: Array<Omit<PackBuyer, 'bought'> & { bought: number }>): PackBuyer[] => rows.map((r) => ({ ...r, bought: r.bought === 1 }));
    if (reports === undefined) {
      return rows(
        sqlite
          .prepare<[{ p: number; from: string; to: string }], Omit<PackBuyer, 'bought'> & { bought: number }>(
            `select customer_ref as customer, min(case when ${purchase()} then date end) as firstOn,
                    coalesce(sum(case when date >= @from then amount_minor end), 0) as amountMinor,
                    max(case when date >= @from and ${purchase()} then 1 else 0 end) as bought
               from sales_lines where partner_id = @p and customer_ref is not null and date <= @to
              group by customer_ref having max(date) >= @from and min(case when ${purchase()} then date end) is not null order by customer_ref`,
          )
          .all({ p: partnerId, from, to }),
      );
    }
    // Whole months of the range [wholeFrom, wholeTo] (YYYY-MM; none when wholeFrom > wholeTo); the cut edges from lines.
    const lastDay = (day: string) => `${day.slice(0, 8)}${String(daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7)))).padStart(2, '0')}`;
    const wholeFromDay = from.endsWith('-01') ? from : addMonthsClamped(`${from.slice(0, 8)}01`, 1);
    const wholeToEnd = lastDay(to) === to ? to : lastDay(addMonthsClamped(`${to.slice(0, 8)}01`, -1));
    return rows(
      sqlite
        .prepare<
          [{ p: number; partnerId: number; asOf: string; from: string; to: string; wholeFromDay: string; wholeToEnd: string; wholeFrom: string; wholeTo: string }],
          Omit<PackBuyer, 'bought'> & { bought: number }
        >(
          `with ret as (select c from (${returnersSql(true)})),
           -- Those customers' lines, through the customer index (by reference; by name where there is none).
           retLines as (
             select customer_ref as c, date, amount_minor, quantity from sell_through_lines where partner_id = @p and customer_ref in (select c from ret) and date <= @to
             union all
             select customer_name, date, amount_minor, quantity from sell_through_lines
              where partner_id = @p and customer_ref is null and customer_name in (select c from ret) and date <= @to
           ),
           bought as (
             select customer as c, amount_minor as a from (${packedMonths('where c.partner_id = @p and c.last_date >= @wholeFromDay')})
              where month >= @wholeFrom and month <= @wholeTo
             union all
             select coalesce(customer_ref, customer_name), coalesce(amount_minor, 0) from sell_through_lines
              where partner_id = @p and date >= @from and date <= @to and date < @wholeFromDay and coalesce(customer_ref, customer_name) is not null
             union all
             select coalesce(customer_ref, customer_name), coalesce(amount_minor, 0) from sell_through_lines
              where partner_id = @p and date > @wholeToEnd and date >= @from and date <= @to and date >= @wholeFromDay
                and coalesce(customer_ref, customer_name) is not null
           )
           select b.c as customer, s.first_date as firstOn, sum(b.a) as amountMinor, 1 as bought
             from bought b join sell_through_customers s on s.partner_id = @p and s.customer = b.c
            where b.c not in (select c from ret)
            group by b.c
           union all
           select c, min(case when b then date end), coalesce(sum(case when date >= @from then amount_minor end), 0), max(b and date >= @from)
             from (select c, date, amount_minor, coalesce(${purchase()}, 0) as b from retLines)
            group by c
           having max(date) >= @from and min(case when b then date end) is not null
            order by 1`,
        )
        .all({ p: partnerId, partnerId, asOf: to, from, to, wholeFromDay, wholeToEnd, wholeFrom: wholeFromDay.slice(0, 7), wholeTo: wholeToEnd.slice(0, 7) }),
    );
  },

  // ── bulk export ──
  /** Live partners by code, of those codes. */
  livePartnersByCodes(ws: Workspace, codes: string[]): ExportTarget[] {
    return ws.db
      .select({ id: partners.id, code: partners.code, name: partners.name })
      .from(partners)
      .where(and(inArray(partners.code, codes), isNull(partners.deletedAt)))
      .orderBy(asc(partners.code))
      .all();
  },
  /** Live partners in some statuses (of some tiers, of some territories), by code. */
  livePartnersIn(ws: Workspace, f: { statuses: Array<typeof partners.$inferSelect.status>; tiers?: Array<typeof partners.$inferSelect.tier>; territoryIds: number[] | null }): ExportTarget[] {
    return ws.db
      .select({ id: partners.id, code: partners.code, name: partners.name })
      .from(partners)
      .where(
        and(
          isNull(partners.deletedAt),
          inArray(partners.status, f.statuses),
          f.tiers?.length ? inArray(partners.tier, f.tiers) : undefined,
          f.territoryIds ? inArray(partners.territoryId, f.territoryIds) : undefined,
        ),
      )
      .orderBy(asc(partners.code))
      .all();
  },
};
