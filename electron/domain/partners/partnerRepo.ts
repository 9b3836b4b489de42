import { and, asc, count, eq, getTableColumns, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Workspace } from '../../../db/database';
import { channelManagers, partnerManagerHistory, partners, territories, type NewPartnerRow } from '../../../db/schema';
import { DomainError } from '../../../shared/errors';
import type { z } from 'zod';
import type { PartnerView, partnerFields, partnerListInput } from '../../model/partners';
import { partnersPlacedIn } from '../territories/places';
import { territoryFilterIds, territoryIdOf } from '../territories/territoryStore';
import { workspaceClock } from '../system/workspaceClock';

export type PartnerFilter = z.output<typeof partnerListInput>;
type PartnerFields = z.output<typeof partnerFields>;


function whereOf(ws: Workspace, f: PartnerFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (!f.includeDeleted) conds.push(isNull(partners.deletedAt));
  if (f.search) {
    const q = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${partners.code} like ${q} escape '\\'`, sql`${partners.name} like ${q} escape '\\'`, like(partners.city, q))!);
  }
  if (f.channelTypes?.length) conds.push(inArray(partners.channelType, f.channelTypes));
  if (f.tiers?.length) conds.push(inArray(partners.tier, f.tiers));
  if (f.regions?.length) conds.push(inArray(partners.territoryId, territoryFilterIds(ws, f.regions)));
  if (f.places?.length) conds.push(sql`${partners.id} in (select value from json_each(${JSON.stringify(partnersPlacedIn(ws, f.places))}))`);
  if (f.channelManagerIds?.length) conds.push(inArray(partners.channelManagerId, f.channelManagerIds));
  if (f.statuses?.length) conds.push(inArray(partners.status, f.statuses));
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

export function listPartners(ws: Workspace, f: PartnerFilter): { rows: PartnerView[]; total: number } {
  const where = whereOf(ws, f);
  const rows = selectView(ws.db)
    .where(where)
    .orderBy(asc(partners.code))
    .limit(f.limit ?? 100_000)
    .offset(f.offset ?? 0)
    .all();
  const total = ws.db.select({ n: count() }).from(partners).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function getPartner(db: Db, id: number): PartnerView {
  const row = selectView(db).where(eq(partners.id, id)).get();
  if (!row) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND');
  return row;
}

export function getPartnerByCode(db: Db, code: string): PartnerView {
  const row = selectView(db).where(eq(partners.code, code)).get();
  if (!row) throw new DomainError(`Partner ${code} not found`, 'NOT_FOUND');
  return row;
}

const nowIso = () => new Date().toISOString();

function managerExists(db: Db, id: number | null | undefined): void {
  if (id == null) return;
  if (!db.select({ id: channelManagers.id }).from(channelManagers).where(eq(channelManagers.id, id)).get())
    throw new DomainError(`Channel manager ${id} not found`, 'NOT_FOUND');
}

/** Turns the contract's fields (territory by code) into the row's columns (territory by id). */
function toColumns(ws: Workspace, f: Partial<PartnerFields>): Partial<NewPartnerRow> {
  const { territory, ...rest } = f;
  const territoryId = territoryIdOf(ws, territory);
  return territoryId === undefined ? rest : { ...rest, territoryId };
}

export function createPartner(ws: Workspace, input: PartnerFields, user: string): PartnerView {
  const existing = ws.db.select({ id: partners.id }).from(partners).where(eq(partners.code, input.code)).get();
  if (existing) throw new DomainError(`Partner code ${input.code} is already used`, 'CONFLICT');
  managerExists(ws.db, input.channelManagerId);
  const row = ws.db.insert(partners).values(toColumns(ws, input) as NewPartnerRow).returning().get();
  if (row.channelManagerId != null) recordAssignment(ws, row.id, null, row.channelManagerId, 'created', user);
  return getPartner(ws.db, row.id);
}

/** One line of a partner's ownership history, dated today on the workspace clock unless `on` is given. */
export function recordAssignment(ws: Workspace, partnerId: number, from: number | null, to: number | null, reason: string | null, user: string, on?: string): void {
  ws.db.insert(partnerManagerHistory).values({ partnerId, fromManagerId: from, toManagerId: to, changedOn: on ?? workspaceClock(ws).today(), reason, changedBy: user }).run();
}

export function updatePartner(
  ws: Workspace,
  id: number,
  patch: Partial<PartnerFields>,
  user: string,
  reason?: string | null,
): { before: PartnerView; after: PartnerView } {
  const before = getPartner(ws.db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is deleted; restore it first`, 'CONFLICT');
  if (patch.code && patch.code !== before.code) {
    const clash = ws.db.select({ id: partners.id }).from(partners).where(eq(partners.code, patch.code)).get();
    if (clash) throw new DomainError(`Partner code ${patch.code} is already used`, 'CONFLICT');
  }
  managerExists(ws.db, patch.channelManagerId);
  ws.db
    .update(partners)
    .set({ ...toColumns(ws, patch), updatedAt: nowIso() })
    .where(eq(partners.id, id))
    .run();
  if (patch.channelManagerId !== undefined && patch.channelManagerId !== before.channelManagerId)
    recordAssignment(ws, id, before.channelManagerId, patch.channelManagerId, reason ?? null, user);
  return { before, after: getPartner(ws.db, id) };
}

/** Soft delete: the partner disappears from lists but its history (sales, payouts) stays intact. */
export function deletePartner(db: Db, id: number): { before: PartnerView; after: PartnerView } {
  const before = getPartner(db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is already deleted`, 'CONFLICT');
  const at = nowIso();
  db.update(partners).set({ deletedAt: at, updatedAt: at }).where(eq(partners.id, id)).run();
  return { before, after: getPartner(db, id) };
}

export function restorePartner(db: Db, id: number): { before: PartnerView; after: PartnerView } {
  const before = getPartner(db, id);
  db.update(partners).set({ deletedAt: null, updatedAt: nowIso() }).where(eq(partners.id, id)).run();
  return { before, after: getPartner(db, id) };
}
