import { and, asc, count, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { partners, type NewPartnerRow, type PartnerRow } from '../../../db/schema';
import { DomainError } from '../../../shared/errors';
import type { z } from 'zod';
import type { partnerFields, partnerListInput } from '../../contract/partners';

export type PartnerFilter = z.output<typeof partnerListInput>;

function whereOf(f: PartnerFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (!f.includeDeleted) conds.push(isNull(partners.deletedAt));
  if (f.search) {
    const q = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`${partners.code} like ${q} escape '\\'`, sql`${partners.name} like ${q} escape '\\'`, like(partners.city, q))!);
  }
  if (f.channelTypes?.length) conds.push(inArray(partners.channelType, f.channelTypes));
  if (f.tiers?.length) conds.push(inArray(partners.tier, f.tiers));
  if (f.regions?.length) conds.push(inArray(partners.region, f.regions));
  if (f.statuses?.length) conds.push(inArray(partners.status, f.statuses));
  return conds.length ? and(...conds) : undefined;
}

export function listPartners(db: Db, f: PartnerFilter): { rows: PartnerRow[]; total: number } {
  const where = whereOf(f);
  const rows = db
    .select()
    .from(partners)
    .where(where)
    .orderBy(asc(partners.code))
    .limit(f.limit ?? 100_000)
    .offset(f.offset ?? 0)
    .all();
  const total = db.select({ n: count() }).from(partners).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function getPartner(db: Db, id: number): PartnerRow {
  const row = db.select().from(partners).where(eq(partners.id, id)).get();
  if (!row) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND');
  return row;
}

export function getPartnerByCode(db: Db, code: string): PartnerRow {
  const row = db.select().from(partners).where(eq(partners.code, code)).get();
  if (!row) throw new DomainError(`Partner ${code} not found`, 'NOT_FOUND');
  return row;
}

const nowIso = () => new Date().toISOString();

export function createPartner(db: Db, input: z.output<typeof partnerFields>): PartnerRow {
  const existing = db.select({ id: partners.id }).from(partners).where(eq(partners.code, input.code)).get();
  if (existing) throw new DomainError(`Partner code ${input.code} is already used`, 'CONFLICT');
  return db.insert(partners).values(input as NewPartnerRow).returning().get();
}

export function updatePartner(db: Db, id: number, patch: Partial<z.output<typeof partnerFields>>): { before: PartnerRow; after: PartnerRow } {
  const before = getPartner(db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is deleted; restore it first`, 'CONFLICT');
  if (patch.code && patch.code !== before.code) {
    const clash = db.select({ id: partners.id }).from(partners).where(eq(partners.code, patch.code)).get();
    if (clash) throw new DomainError(`Partner code ${patch.code} is already used`, 'CONFLICT');
  }
  const after = db
    .update(partners)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(partners.id, id))
    .returning()
    .get();
  return { before, after };
}

/** Soft delete: the partner disappears from lists but its history (sales, payouts) stays intact. */
export function deletePartner(db: Db, id: number): { before: PartnerRow; after: PartnerRow } {
  const before = getPartner(db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is already deleted`, 'CONFLICT');
  const at = nowIso();
  const after = db.update(partners).set({ deletedAt: at, updatedAt: at }).where(eq(partners.id, id)).returning().get();
  return { before, after };
}

export function restorePartner(db: Db, id: number): { before: PartnerRow; after: PartnerRow } {
  const before = getPartner(db, id);
  const after = db.update(partners).set({ deletedAt: null, updatedAt: nowIso() }).where(eq(partners.id, id)).returning().get();
  return { before, after };
}
