import { asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Workspace } from '../../../db/database';
import { channelManagers, partnerManagerHistory, territories, type ChannelManagerRow } from '../../../db/schema';
import type { ChannelManager, ManagerAssignment } from '../../model/channelManagers';

/**
 * The channel managers' store: the only SQL on `channel_managers` and `partner_manager_history` (typed from the drizzle
 * schema). The rules (territory codes, keeping fields a patch leaves out, "Mine") stay in channelManagers.ts.
 */
export type ChannelManagerValues = Pick<ChannelManagerRow, 'name' | 'email' | 'phone' | 'territoryId' | 'active'>;
/** One partner's change of manager, as written to the partner and its history. */
export interface ManagerChange {
  partnerId: number;
  from: number | null;
  to: number | null;
}


function selectManagers(ws: Workspace) {
  const m = channelManagers;
  return ws.db
    .select({
      id: m.id,
      name: m.name,
      email: m.email,
      phone: m.phone,
      territory: territories.code,
      active: m.active,
      partners: sql<number>`(select count(*) from partners p where p.channel_manager_id = ${m.id} and p.deleted_at is null)`,
    })
    .from(m)
    .leftJoin(territories, eq(territories.id, m.territoryId));
}

export const channelManagerStore = {
  /** Every manager by name, with the territory's code and how many live partners they look after. */
  list(ws: Workspace): ChannelManager[] {
    return selectManagers(ws).orderBy(asc(channelManagers.name), asc(channelManagers.id)).all();
  },
  byId(ws: Workspace, id: number): ChannelManager | undefined {
    return selectManagers(ws).where(eq(channelManagers.id, id)).get();
  },
  /** What a manager is matched by (name, e-mail). */
  keys(ws: Workspace): Array<Pick<ChannelManagerRow, 'id' | 'name' | 'email'>> {
    return ws.db.select({ id: channelManagers.id, name: channelManagers.name, email: channelManagers.email }).from(channelManagers).all();
  },
  /** `at`: the operation's instant (its clock), stamped as created and updated. */
  insert(ws: Workspace, v: ChannelManagerValues, at: string): number {
    return ws.db.insert(channelManagers).values({ ...v, createdAt: at, updatedAt: at }).returning({ id: channelManagers.id }).get().id;
  },
  update(ws: Workspace, id: number, v: ChannelManagerValues, at: string): void {
    ws.db
      .update(channelManagers)
      .set({ ...v, updatedAt: at })
      .where(eq(channelManagers.id, id))
      .run();
  },
  /** The current manager of each live partner among `partnerIds` (a deleted or unknown partner is absent). */
  currentManagers(ws: Workspace, partnerIds: number[]): Map<number, number | null> {
    const rows = ws.sqlite
      .prepare<[string], { id: number; managerId: number | null }>(
        'select id, channel_manager_id as managerId from partners where deleted_at is null and id in (select value from json_each(?))',
      )
      .all(JSON.stringify(partnerIds));
    return new Map(rows.map((r) => [r.id, r.managerId]));
  },
  /**
   * Moves partners to their new manager, one history line each (a reassignment may move tens of thousands of partners:
   * a declared hot path, two statements prepared once for the batch).
   */
  reassign(ws: Workspace, changes: ManagerChange[], line: { changedOn: string; reason: string | null; changedBy: string; at: string }): void {
    const set = ws.sqlite.prepare<[number | null, string, number]>('update partners set channel_manager_id = ?, updated_at = ? where id = ?');
    const log = ws.sqlite.prepare<[number, number | null, number | null, string, string | null, string, string]>(
      'insert into partner_manager_history (partner_id, from_manager_id, to_manager_id, changed_on, reason, changed_by, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of changes) {
      set.run(c.to, line.at, c.partnerId);
      log.run(c.partnerId, c.from, c.to, line.changedOn, line.reason, line.changedBy, line.at);
    }
  },
  /** A partner's ownership history, newest first, with the managers' names. */
  history(ws: Workspace, partnerId: number): ManagerAssignment[] {
    const h = partnerManagerHistory;
    const from = alias(channelManagers, 'f');
    const to = alias(channelManagers, 't');
    return ws.db
      .select({ id: h.id, from: from.name, to: to.name, changedOn: h.changedOn, reason: h.reason, changedBy: h.changedBy })
      .from(h)
      .leftJoin(from, eq(from.id, h.fromManagerId))
      .leftJoin(to, eq(to.id, h.toManagerId))
      .where(eq(h.partnerId, partnerId))
      .orderBy(desc(h.changedOn), desc(h.id))
      .all();
  },
};
