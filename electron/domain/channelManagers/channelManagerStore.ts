import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { workspaceClock } from '../system/workspaceClock';
import { territoryIdOf } from '../territories/territoryStore';
import type { ChannelManager, ChannelManagerFields, ManagerAssignment, ReassignInput } from '../../model/channelManagers';

/** The channel managers store: the only place that writes `channel_managers` and `partner_manager_history`. */
export function listChannelManagers(ws: Workspace): ChannelManager[] {
  return (
    ws.sqlite
      .prepare(
        `select m.id, m.name, m.email, m.phone, t.code as territory, m.active,
           (select count(*) from partners p where p.channel_manager_id = m.id and p.deleted_at is null) as partners
         from channel_managers m left join territories t on t.id = m.territory_id order by m.name, m.id`,
      )
      .all() as Array<Omit<ChannelManager, 'active'> & { active: number }>
  ).map((m) => ({ ...m, active: Boolean(m.active) }));
}

export function getChannelManager(ws: Workspace, id: number): ChannelManager {
  const m = listChannelManagers(ws).find((x) => x.id === id);
  if (!m) throw new DomainError(`Channel manager ${id} not found`, 'NOT_FOUND');
  return m;
}

export function createChannelManager(ws: Workspace, f: ChannelManagerFields): ChannelManager {
  const id = Number(
    ws.sqlite
      .prepare('insert into channel_managers (name, email, phone, territory_id, active) values (?, ?, ?, ?, ?)')
      .run(f.name, f.email || null, f.phone ?? null, territoryIdOf(ws, f.territory) ?? null, f.active === false ? 0 : 1).lastInsertRowid,
  );
  return getChannelManager(ws, id);
}

export function updateChannelManager(ws: Workspace, id: number, patch: Partial<ChannelManagerFields>): { before: ChannelManager; after: ChannelManager } {
  const before = getChannelManager(ws, id);
  const territoryId = territoryIdOf(ws, patch.territory);
  ws.sqlite
    .prepare(
      `update channel_managers set name = ?, email = ?, phone = ?, territory_id = ?, active = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
    )
    .run(
      patch.name ?? before.name,
      patch.email === undefined ? before.email : patch.email || null,
      patch.phone === undefined ? before.phone : patch.phone,
      territoryId === undefined ? territoryIdOf(ws, before.territory) ?? null : territoryId,
      (patch.active ?? before.active) ? 1 : 0,
      id,
    );
  return { before, after: getChannelManager(ws, id) };
}

export type ManagerMatch = { id: number } | 'ambiguous' | null;

/** Finds a channel manager by exact name or e-mail (letter case aside); a name two managers share is 'ambiguous'. */
export function channelManagerMatcher(ws: Workspace): (value: string) => ManagerMatch {
  const byKey = new Map<string, number[]>();
  for (const m of ws.sqlite.prepare('select id, name, email from channel_managers').all() as Array<{ id: number; name: string; email: string | null }>) {
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
export function reassignPartners(ws: Workspace, input: ReassignInput, user: string): { changed: number } {
  if (input.to !== null) getChannelManager(ws, input.to);
  const on = input.on ?? workspaceClock(ws).today();
  const current = ws.sqlite.prepare('select channel_manager_id as m from partners where id = ? and deleted_at is null');
  const set = ws.sqlite.prepare("update partners set channel_manager_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?");
  const log = ws.sqlite.prepare(
    'insert into partner_manager_history (partner_id, from_manager_id, to_manager_id, changed_on, reason, changed_by) values (?, ?, ?, ?, ?, ?)',
  );
  let changed = 0;
  for (const id of input.partnerIds) {
    const row = current.get(id) as { m: number | null } | undefined;
    if (!row) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND');
    if (row.m === input.to) continue;
    set.run(input.to, id);
    log.run(id, row.m, input.to, on, input.reason ?? null, user);
    changed++;
  }
  return { changed };
}

export function managerHistory(ws: Workspace, partnerId: number): ManagerAssignment[] {
  return ws.sqlite
    .prepare(
      `select h.id, f.name as "from", t.name as "to", h.changed_on as changedOn, h.reason, h.changed_by as changedBy
       from partner_manager_history h left join channel_managers f on f.id = h.from_manager_id left join channel_managers t on t.id = h.to_manager_id
       where h.partner_id = ? order by h.changed_on desc, h.id desc`,
    )
    .all(partnerId) as ManagerAssignment[];
}

/** The channel manager the workspace's user is (the profile's name, matched by name or e-mail), for the "Mine" filters. */
export function myChannelManager(ws: Workspace, user: string): ChannelManager | null {
  const m = channelManagerMatcher(ws)(user);
  return m && m !== 'ambiguous' ? getChannelManager(ws, m.id) : null;
}
