import type { Workspace } from '../../../db/database';
import { withDescendants } from '../territories/territoryTree';

/**
 * The province territories inside each partner's territory: every province in its subtree (a region's provinces, also
 * through its sub-territories), or — for a partner placed on a city — the province above it. Partners without a
 * territory are absent (their cross-territory share cannot be measured).
 */
export function insideProvinces(ws: Workspace, partnerIds: readonly number[]): Map<number, Set<number>> {
  const nodes = ws.sqlite.prepare('select id, parent_id as parentId, kind from territories').all() as Array<{ id: number; parentId: number | null; kind: string }>;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const cache = new Map<number, Set<number>>();
  const scopeOf = (territoryId: number): Set<number> => {
    let out = cache.get(territoryId);
    if (out) return out;
    out = new Set<number>();
    for (const id of withDescendants(nodes, [territoryId])) if (byId.get(id)?.kind === 'province') out.add(id);
    for (let cur = byId.get(territoryId), guard = 0; cur && guard < 64; cur = cur.parentId == null ? undefined : byId.get(cur.parentId), guard++) {
      if (cur.kind === 'province') out.add(cur.id);
    }
    cache.set(territoryId, out);
    return out;
  };
  const rows = ws.sqlite
    .prepare('select id, territory_id as t from partners where id in (select value from json_each(?)) and territory_id is not null')
    .all(JSON.stringify(partnerIds)) as Array<{ id: number; t: number }>;
  return new Map(rows.map((r) => [r.id, scopeOf(r.t)]));
}
