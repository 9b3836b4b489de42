import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Workspace } from '../../../db/database';
import { channelManagers, coverageTargets, partners, territories, type CoverageTargetRow, type PartnerRow, type TerritoryRow } from '../../../db/schema';

/**
 * The territories area's store: the only SQL on `territories` and `coverage_targets`, and the area's reads of where
 * partners lie (typed from the drizzle schema). The rules — levels, codes, merges, coverage counting, placing by
 * province and city names — stay in territories.ts, coverage.ts and places.ts.
 */
export type TerritoryNode = Pick<TerritoryRow, 'id' | 'parentId' | 'code' | 'kind' | 'active' | 'nameZh' | 'nameEn'>;
/** A territory as listed: its row, its parent's code and its live partners. */
export type TerritoryListRow = Pick<TerritoryRow, 'id' | 'code' | 'nameZh' | 'nameEn' | 'kind' | 'active' | 'hqVersion'> & { parent: string | null; partners: number };
export type TerritoryValues = Pick<TerritoryRow, 'code' | 'nameZh' | 'nameEn' | 'kind'>;
export type CoverageTargetValues = Pick<CoverageTargetRow, 'territoryId' | 'areaId' | 'channelType' | 'minPartners'>;
/** Where a partner lies: its territory and its province/city text. */
export type PartnerPlace = Pick<PartnerRow, 'id' | 'channelType' | 'territoryId' | 'province' | 'city'>;

const codeIs = (code: string) => sql`${territories.code} = ${code} collate nocase`;

export const territoryStore = {
  /** Every territory with its parent's code and live partner count, by parent, then sort order. */
  list(ws: Workspace): TerritoryListRow[] {
    const t = territories;
    const parent = alias(territories, 'p');
    return ws.db
      .select({
        id: t.id,
        code: t.code,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        parent: parent.code,
        kind: t.kind,
        active: t.active,
        hqVersion: t.hqVersion,
        partners: sql<number>`(select count(*) from partners x where x.territory_id = ${t.id} and x.deleted_at is null)`,
      })
      .from(t)
      .leftJoin(parent, eq(parent.id, t.parentId))
      .orderBy(sql`coalesce(${t.parentId}, 0)`, asc(t.sortOrder), asc(t.id))
      .all();
  },
  /** The tree's nodes (no order). */
  nodes(ws: Workspace): TerritoryNode[] {
    const t = territories;
    return ws.db.select({ id: t.id, parentId: t.parentId, code: t.code, kind: t.kind, active: t.active, nameZh: t.nameZh, nameEn: t.nameEn }).from(t).all();
  },
  /** The territory with this code, letter case aside. */
  byCode(ws: Workspace, code: string): TerritoryNode | undefined {
    const t = territories;
    return ws.db.select({ id: t.id, parentId: t.parentId, code: t.code, kind: t.kind, active: t.active, nameZh: t.nameZh, nameEn: t.nameEn }).from(t).where(codeIs(code)).get();
  },
  codeTaken(ws: Workspace, code: string): boolean {
    return ws.db.select({ id: territories.id }).from(territories).where(codeIs(code)).get() !== undefined;
  },
  children(ws: Workspace, parentId: number): Array<Pick<TerritoryRow, 'code' | 'kind'>> {
    return ws.db.select({ code: territories.code, kind: territories.kind }).from(territories).where(eq(territories.parentId, parentId)).all();
  },
  /** The sort order after the last child of `parentId` (null: the top level). */
  nextSortOrder(ws: Workspace, parentId: number | null): number {
    const under = parentId === null ? isNull(territories.parentId) : eq(territories.parentId, parentId);
    return ws.db.select({ n: sql<number>`coalesce(max(${territories.sortOrder}), 0) + 1` }).from(territories).where(under).get()!.n;
  },
  /** `at`: the operation's instant (its clock), stamped as created and updated. */
  insert(ws: Workspace, v: TerritoryValues & Pick<TerritoryRow, 'parentId' | 'sortOrder'>, at: string): number {
    return ws.db.insert(territories).values({ ...v, createdAt: at, updatedAt: at }).returning({ id: territories.id }).get().id;
  },
  update(ws: Workspace, id: number, v: Partial<TerritoryValues & Pick<TerritoryRow, 'parentId' | 'active'>>, at: string): void {
    ws.db
      .update(territories)
      .set({ ...v, updatedAt: at })
      .where(eq(territories.id, id))
      .run();
  },
  /**
   * Points partners, channel managers, sub-territories and coverage targets of `fromId` at `intoId`, then deletes
   * `fromId`. `at`: the operation's instant, stamped as updated on every row that changed and on `intoId`, which took them.
   */
  merge(ws: Workspace, fromId: number, intoId: number, at: string): { movedPartners: number } {
    const movedPartners = ws.db.update(partners).set({ territoryId: intoId, updatedAt: at }).where(eq(partners.territoryId, fromId)).run().changes;
    ws.db.update(channelManagers).set({ territoryId: intoId, updatedAt: at }).where(eq(channelManagers.territoryId, fromId)).run();
    ws.db.update(territories).set({ parentId: intoId, updatedAt: at }).where(eq(territories.parentId, fromId)).run();
    ws.db.update(territories).set({ updatedAt: at }).where(eq(territories.id, intoId)).run();
    ws.db.update(coverageTargets).set({ territoryId: intoId }).where(eq(coverageTargets.territoryId, fromId)).run();
    ws.db.update(coverageTargets).set({ areaId: intoId }).where(eq(coverageTargets.areaId, fromId)).run();
    ws.db.delete(territories).where(eq(territories.id, fromId)).run();
    return { movedPartners };
  },
};

const isOrNull = (col: typeof coverageTargets.areaId | typeof coverageTargets.channelType, v: unknown): SQL => (v === null ? isNull(col) : eq(col, v as never));

export const coverageTargetStore = {
  list(ws: Workspace): Array<Pick<CoverageTargetRow, 'id'> & CoverageTargetValues> {
    const c = coverageTargets;
    return ws.db.select({ id: c.id, territoryId: c.territoryId, areaId: c.areaId, channelType: c.channelType, minPartners: c.minPartners }).from(c).orderBy(asc(c.id)).all();
  },
  /** The target for the same territory, area and channel type, if any. */
  same(ws: Workspace, v: Omit<CoverageTargetValues, 'minPartners'>): number | undefined {
    const c = coverageTargets;
    return ws.db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.territoryId, v.territoryId), isOrNull(c.areaId, v.areaId ?? null), isOrNull(c.channelType, v.channelType ?? null)))
      .get()?.id;
  },
  insert(ws: Workspace, v: CoverageTargetValues, at: string): number {
    return ws.db.insert(coverageTargets).values({ ...v, createdAt: at }).returning({ id: coverageTargets.id }).get().id;
  },
  setMinPartners(ws: Workspace, id: number, minPartners: number): void {
    ws.db.update(coverageTargets).set({ minPartners }).where(eq(coverageTargets.id, id)).run();
  },
  delete(ws: Workspace, id: number): void {
    ws.db.delete(coverageTargets).where(eq(coverageTargets.id, id)).run();
  },
};

/**
 * Where partners lie, for coverage, the map and cross-territory checks (every partner is read once per report: a
 * declared hot path, raw typed statements without drizzle's row mapping). `which`: all partners, the live ones, or
 * the live active ones (coverage counts only those).
 */
export const partnerPlaceStore = {
  places(ws: Workspace, which: 'all' | 'live' | 'liveActive'): PartnerPlace[] {
    const where = which === 'all' ? '' : which === 'live' ? ' where deleted_at is null' : " where deleted_at is null and status = 'active'";
    return ws.sqlite.prepare<[], PartnerPlace>(`select id, channel_type as channelType, territory_id as territoryId, province, city from partners${where}`).all();
  },
  /** Revenue per partner over the days start…end (inclusive), in minor units. */
  revenueByPartner(ws: Workspace, start: string, end: string): Array<{ partnerId: number; revenueMinor: number }> {
    return ws.sqlite
      .prepare<[string, string], { partnerId: number; revenueMinor: number }>(
        'select partner_id as partnerId, sum(amount_minor) as revenueMinor from sales_lines where date between ? and ? group by partner_id',
      )
      .all(start, end);
  },
};
