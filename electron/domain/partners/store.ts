import { and, asc, count, eq, getTableColumns, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { channelManagers, partnerManagerHistory, partners, territories, type NewPartnerRow } from '../../../db/schema';
import type { PartnerView } from '../../model/partners';

/**
 * The partners area's store: partner master data and its ownership history, typed from the drizzle schema. The rules
 * (unique codes, existing managers, territory codes, soft delete) stay in partnerRepo.ts.
 */
type PartnerRow = typeof partners.$inferSelect;

export interface PartnerQuery {
  includeDeleted?: boolean;
  search?: string;
  channelTypes?: Array<PartnerRow['channelType']>;
  tiers?: Array<PartnerRow['tier']>;
  /** Territory ids (a region filter resolved to its territories and their sub-territories). */
  territoryIds?: number[];
  /** Partner ids (a place filter resolved to the partners placed there). */
  placedPartnerIds?: number[];
  channelManagerIds?: number[];
  statuses?: Array<PartnerRow['status']>;
  limit?: number;
  offset?: number;
}

function whereOf(q: PartnerQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (!q.includeDeleted) conds.push(isNull(partners.deletedAt));
  if (q.search) {
    const text = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${partners.code} like ${text} escape '\\'`, sql`${partners.name} like ${text} escape '\\'`, like(partners.city, text))!);
  }
  if (q.channelTypes?.length) conds.push(inArray(partners.channelType, q.channelTypes));
  if (q.tiers?.length) conds.push(inArray(partners.tier, q.tiers));
  if (q.territoryIds) conds.push(inArray(partners.territoryId, q.territoryIds));
  if (q.placedPartnerIds) conds.push(sql`${partners.id} in (select value from json_each(${JSON.stringify(q.placedPartnerIds)}))`);
  if (q.channelManagerIds?.length) conds.push(inArray(partners.channelManagerId, q.channelManagerIds));
  if (q.statuses?.length) conds.push(inArray(partners.status, q.statuses));
  return conds.length ? and(...conds) : undefined;
}

const viewColumns = {
  ...getTableColumns(partners),
  territory: territories.code,
  territoryName: territories.nameZh,
  territoryNameEn: territories.nameEn,
  channelManager: channelManagers.name,
};

const selectView = (db: Db) =>
  db
    .select(viewColumns)
    .from(partners)
    .leftJoin(territories, eq(territories.id, partners.territoryId))
    .leftJoin(channelManagers, eq(channelManagers.id, partners.channelManagerId));

export const partnerStore = {
  list(db: Db, q: PartnerQuery): { rows: PartnerView[]; total: number } {
    const where = whereOf(q);
    const rows = selectView(db)
      .where(where)
      .orderBy(asc(partners.code))
      .limit(q.limit ?? 100_000)
      .offset(q.offset ?? 0)
      .all();
    const total = db.select({ n: count() }).from(partners).where(where).get()?.n ?? 0;
    return { rows, total };
  },
  viewById(db: Db, id: number): PartnerView | undefined {
    return selectView(db).where(eq(partners.id, id)).get();
  },
  viewByCode(db: Db, code: string): PartnerView | undefined {
    return selectView(db).where(eq(partners.code, code)).get();
  },
  idByCode(db: Db, code: string): number | undefined {
    return db.select({ id: partners.id }).from(partners).where(eq(partners.code, code)).get()?.id;
  },
  channelManagerExists(db: Db, id: number): boolean {
    return !!db.select({ id: channelManagers.id }).from(channelManagers).where(eq(channelManagers.id, id)).get();
  },
  insert(db: Db, values: NewPartnerRow) {
    return db.insert(partners).values(values).returning().get();
  },
  update(db: Db, id: number, values: Partial<NewPartnerRow>): void {
    db.update(partners).set(values).where(eq(partners.id, id)).run();
  },
  insertAssignment(db: Db, row: typeof partnerManagerHistory.$inferInsert): void {
    db.insert(partnerManagerHistory).values(row).run();
  },
  /**
   * Many new partners, each with its first assignment (the demo's hundreds or thousands): both statements prepared once
   * with named placeholders (a declared hot path — building the query per row cost the demo a tenth of its time).
   */
  bulkWriter(db: Db): { partner: (values: BulkPartner) => number; assignment: (row: BulkAssignment) => void } {
    const partner = db
      .insert(partners)
      .values(Object.fromEntries(BULK_PARTNER_COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as NewPartnerRow)
      .returning({ id: partners.id })
      .prepare();
    const assignment = db
      .insert(partnerManagerHistory)
      .values(Object.fromEntries(BULK_ASSIGNMENT_COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as typeof partnerManagerHistory.$inferInsert)
      .prepare();
    return { partner: (v) => partner.get(v)!.id, assignment: (r) => void assignment.run(r) };
  },
};

const BULK_PARTNER_COLUMNS = [
  'code', 'name', 'nameEn', 'channelType', 'tier', 'territoryId', 'province', 'city', 'status', 'channelManagerId', 'contactName', 'phone', 'email',
  'address', 'creditCode', 'bankName', 'bankAccount', 'joinedOn', 'currency',
] as const satisfies ReadonlyArray<keyof NewPartnerRow>;
const BULK_ASSIGNMENT_COLUMNS = ['partnerId', 'fromManagerId', 'toManagerId', 'changedOn', 'reason', 'changedBy'] as const satisfies ReadonlyArray<keyof typeof partnerManagerHistory.$inferInsert>;
/** A new partner as a bulk load gives it: every column it sets, null where it has nothing. */
export type BulkPartner = { [K in (typeof BULK_PARTNER_COLUMNS)[number]]-?: NonNullable<NewPartnerRow[K]> | null };
export type BulkAssignment = { [K in (typeof BULK_ASSIGNMENT_COLUMNS)[number]]-?: NonNullable<(typeof partnerManagerHistory.$inferInsert)[K]> | null };
