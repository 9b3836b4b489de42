import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { OpContext, StampContext } from '../opContext';
import { territoryIdOf } from '../territories/territories';
import { channelManagerStore, type ManagerChange } from './store';
import type { ChannelManager, ChannelManagerFields, ManagerAssignment, ReassignInput } from '../../model/channelManagers';
import { notFound } from '../../../shared/errorMessages';

/** Channel managers (渠道经理) and who owns which partner; the SQL is in store.ts. */
export function listChannelManagers(ws: Workspace): ChannelManager[] {
  return channelManagerStore.list(ws);
}

export function getChannelManager(ws: Workspace, id: number): ChannelManager {
  const m = channelManagerStore.byId(ws, id);
  if (!m) throw new DomainError(`Channel manager ${id} not found`, 'NOT_FOUND', notFound('channelManager', id));
  return m;
}

export function createChannelManager(ctx: StampContext, f: ChannelManagerFields): ChannelManager {
  const { ws } = ctx;
  const id = channelManagerStore.insert(ws, {
    name: f.name,
    email: f.email || null,
    phone: f.phone ?? null,
    territoryId: territoryIdOf(ws, f.territory) ?? null,
    active: f.active !== false,
  }, ctx.clock.now().toISOString());
  return getChannelManager(ws, id);
}

export function updateChannelManager(ctx: OpContext, id: number, patch: Partial<ChannelManagerFields>): { before: ChannelManager; after: ChannelManager } {
  const { ws } = ctx;
  const before = getChannelManager(ws, id);
  const territoryId = territoryIdOf(ws, patch.territory);
  channelManagerStore.update(ws, id, {
    name: patch.name ?? before.name,
    email: patch.email === undefined ? before.email : patch.email || null,
    phone: patch.phone === undefined ? before.phone : patch.phone,
    territoryId: territoryId === undefined ? territoryIdOf(ws, before.territory) ?? null : territoryId,
    active: patch.active ?? before.active,
  }, ctx.clock.now().toISOString());
  return { before, after: getChannelManager(ws, id) };
}

export type ManagerMatch = { id: number } | 'ambiguous' | null;

/** Finds a channel manager by exact name or e-mail (letter case aside); a name two managers share is 'ambiguous'. */
export function channelManagerMatcher(ws: Workspace): (value: string) => ManagerMatch {
  const byKey = new Map<string, number[]>();
  for (const m of channelManagerStore.keys(ws)) {
    for (const k of [m.name, m.email]) {
      if (!k) continue;
      const key = k.trim().toLowerCase();
      const list = byKey.get(key) ?? [];
      if (!list.includes(m.id)) list.push(m.id);
      byKey.set(key, list);
    }
  }
  return (value) => {
    const ids = byKey.get(value.trim().toLowerCase());
    if (!ids) return null;
    return ids.length === 1 ? { id: ids[0] } : 'ambiguous';
  };
}

/** Moves partners to another manager; each change is one history line (from, to, day, reason, who). */
export function reassignPartners(ctx: OpContext, input: ReassignInput): { changed: number } {
  const { ws } = ctx;
  if (input.to !== null) getChannelManager(ws, input.to);
  const current = channelManagerStore.currentManagers(ws, input.partnerIds);
  const changes: ManagerChange[] = [];
  const seen = new Set<number>();
  for (const id of input.partnerIds) {
    const from = current.get(id);
    if (from === undefined) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND', notFound('partner', id));
    if (from === input.to || seen.has(id)) continue;
    seen.add(id);
    changes.push({ partnerId: id, from, to: input.to });
  }
  channelManagerStore.reassign(ws, changes, { changedOn: input.on ?? ctx.today(), reason: input.reason ?? null, changedBy: ctx.user, at: ctx.clock.now().toISOString() });
  return { changed: changes.length };
}

export function managerHistory(ws: Workspace, partnerId: number): ManagerAssignment[] {
  return channelManagerStore.history(ws, partnerId);
}

/** The channel manager the workspace's user is (the profile's name, matched by name or e-mail), for the "Mine" filters. */
export function myChannelManager(ws: Workspace, user: string): ChannelManager | null {
  const m = channelManagerMatcher(ws)(user);
  return m && m !== 'ambiguous' ? getChannelManager(ws, m.id) : null;
}
