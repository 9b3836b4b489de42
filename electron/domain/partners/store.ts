import { and, asc, count, eq, getTableColumns, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db, Workspace } from '../../../db/database';
import type { StoredImage } from '../../../db/schema/common';
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

/** A partner as `select *` returns it (the image an import records and undo writes back). */
export type PartnerImage = StoredImage<typeof partners>;
/** The partner columns an import writes (never id, the timestamps or deleted_at). */
export type PartnerImportColumn = Exclude<keyof PartnerImage, 'id' | 'created_at' | 'updated_at' | 'deleted_at'>;
export type PartnerImportValue = string | number | null;
type ManagerChange = [partnerId: number, fromManagerId: number | null, toManagerId: number | null, changedOn: string, changedBy: string | null];

/**
 * The partner-list import's statements (a hot path: one write per row), prepared once per import. A file maps any set
 * of columns, so insert and update keep one prepared statement per column set, prepared on its first use.
 */
export function partnerImportStatements(ws: Workspace) {
  const { sqlite } = ws;
  const inserts = new Map<string, Statement<PartnerImportValue[]>>();
  const updates = new Map<string, Statement<PartnerImportValue[]>>();
  const cached = (cache: Map<string, Statement<PartnerImportValue[]>>, cols: readonly PartnerImportColumn[], text: () => string) => {
    const key = cols.join(',');
    let stmt = cache.get(key);
    if (!stmt) cache.set(key, (stmt = sqlite.prepare<PartnerImportValue[]>(text())));
    return stmt;
  };
  return {
    /** Every partner, deleted ones included (an import refuses to revive a deleted code). */
    all: () => sqlite.prepare<[], PartnerImage>('select * from partners').iterate(),
    byId: sqlite.prepare<[number | bigint], PartnerImage>('select * from partners where id = ?'),
    insert(cols: readonly PartnerImportColumn[], values: readonly PartnerImportValue[], now: string) {
      const stmt = cached(inserts, cols, () => `insert into partners (${cols.join(', ')}, created_at, updated_at) values (${cols.map(() => '?').join(', ')}, ?, ?)`);
      return stmt.run(...values, now, now);
    },
    update(id: number, cols: readonly PartnerImportColumn[], values: readonly PartnerImportValue[], now: string): void {
      const stmt = cached(updates, cols, () => `update partners set ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? where id = ?`);
      stmt.run(...values, now, id);
    },
    /** A change of channel manager made by the import, in the ownership history. */
    managerHistory: sqlite.prepare<ManagerChange>(
      "insert into partner_manager_history (partner_id, from_manager_id, to_manager_id, changed_on, reason, changed_by) values (?, ?, ?, ?, 'import', ?)",
    ),
  };
}
