import type { Db, Workspace } from '../../../db/database';
import type { NewPartnerRow } from '../../../db/schema';
import { DomainError } from '../../../shared/errors';
import type { z } from 'zod';
import type { PartnerView, partnerFields, partnerListInput } from '../../model/partners';
import { partnersPlacedIn } from '../territories/places';
import { territoryFilterIds, territoryIdOf } from '../territories/territories';
import type { OpContext } from '../opContext';
import { partnerStore, type PartnerQuery } from './store';
import { alreadyExists, notFound } from '../../../shared/errorMessages';

export type PartnerFilter = z.output<typeof partnerListInput>;
type PartnerFields = z.output<typeof partnerFields>;


/** The list filter with its territory and place filters resolved to ids. */
function queryOf(ws: Workspace, f: PartnerFilter): PartnerQuery {
  return {
    ...f,
    territoryIds: f.regions?.length ? territoryFilterIds(ws, f.regions) : undefined,
    placedPartnerIds: f.places?.length ? partnersPlacedIn(ws, f.places) : undefined,
  };
}

export function listPartners(ws: Workspace, f: PartnerFilter): { rows: PartnerView[]; total: number } {
  return partnerStore.list(ws.db, queryOf(ws, f));
}

export function getPartner(db: Db, id: number): PartnerView {
  const row = partnerStore.viewById(db, id);
  if (!row) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND', notFound('partner', id));
  return row;
}

export function getPartnerByCode(db: Db, code: string): PartnerView {
  const row = partnerStore.viewByCode(db, code);
  if (!row) throw new DomainError(`Partner ${code} not found`, 'NOT_FOUND', notFound('partner', code));
  return row;
}

function managerExists(db: Db, id: number | null | undefined): void {
  if (id == null) return;
  if (!partnerStore.channelManagerExists(db, id))
    throw new DomainError(`Channel manager ${id} not found`, 'NOT_FOUND', notFound('channelManager', id));
}

/** Turns the contract's fields (territory by code) into the row's columns (territory by id). */
function toColumns(ws: Workspace, f: Partial<PartnerFields>): Partial<NewPartnerRow> {
  const { territory, ...rest } = f;
  const territoryId = territoryIdOf(ws, territory);
  return territoryId === undefined ? rest : { ...rest, territoryId };
}

/** Adds a partner; its first owner is recorded on the context clock's day. */
export function createPartner(ctx: OpContext, input: PartnerFields): PartnerView {
  const { ws, user } = ctx;
  if (partnerStore.idByCode(ws.db, input.code) !== undefined) throw new DomainError(`Partner code ${input.code} is already used`, 'CONFLICT', alreadyExists('partner', input.code));
  managerExists(ws.db, input.channelManagerId);
  const at = ctx.clock.now().toISOString();
  const row = partnerStore.insert(ws.db, { ...(toColumns(ws, input) as NewPartnerRow), createdAt: at, updatedAt: at });
  if (row.channelManagerId != null) recordAssignment(ws, row.id, null, row.channelManagerId, 'created', user, ctx.today());
  return getPartner(ws.db, row.id);
}

/** One line of a partner's ownership history, on the day `on` (the operation clock's today). */
export function recordAssignment(ws: Workspace, partnerId: number, from: number | null, to: number | null, reason: string | null, user: string, on: string): void {
  partnerStore.insertAssignment(ws.db, { partnerId, fromManagerId: from, toManagerId: to, changedOn: on, reason, changedBy: user });
}

export function updatePartner(ctx: OpContext, id: number, patch: Partial<PartnerFields>, reason?: string | null): { before: PartnerView; after: PartnerView } {
  const { ws, user } = ctx;
  const before = getPartner(ws.db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is deleted; restore it first`, 'CONFLICT', { reason: 'partnerDeleted', params: { code: before.code } });
  if (patch.code && patch.code !== before.code) {
    if (partnerStore.idByCode(ws.db, patch.code) !== undefined) throw new DomainError(`Partner code ${patch.code} is already used`, 'CONFLICT', alreadyExists('partner', patch.code));
  }
  managerExists(ws.db, patch.channelManagerId);
  partnerStore.update(ws.db, id, { ...toColumns(ws, patch), updatedAt: ctx.clock.now().toISOString() });
  if (patch.channelManagerId !== undefined && patch.channelManagerId !== before.channelManagerId)
    recordAssignment(ws, id, before.channelManagerId, patch.channelManagerId, reason ?? null, user, ctx.today());
  return { before, after: getPartner(ws.db, id) };
}

/** Soft delete: the partner disappears from lists but its history (sales, payouts) stays intact. */
export function deletePartner(ctx: Pick<OpContext, 'ws' | 'clock'>, id: number): { before: PartnerView; after: PartnerView } {
  const { db } = ctx.ws;
  const before = getPartner(db, id);
  if (before.deletedAt) throw new DomainError(`Partner ${before.code} is already deleted`, 'CONFLICT', { reason: 'partnerAlreadyDeleted', params: { code: before.code } });
  const at = ctx.clock.now().toISOString();
  partnerStore.update(db, id, { deletedAt: at, updatedAt: at });
  return { before, after: getPartner(db, id) };
}

export function restorePartner(ctx: Pick<OpContext, 'ws' | 'clock'>, id: number): { before: PartnerView; after: PartnerView } {
  const { db } = ctx.ws;
  const before = getPartner(db, id);
  partnerStore.update(db, id, { deletedAt: null, updatedAt: ctx.clock.now().toISOString() });
  return { before, after: getPartner(db, id) };
}
