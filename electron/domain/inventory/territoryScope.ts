import type { Workspace } from '../../../db/database';
import { withDescendants } from '../territories/territoryTree';
import { lookupStore } from './store';

/**
 * The province territories inside each partner's territory: every province in its subtree (a region's provinces, also
 * through its sub-territories), or — for a partner placed on a city — the province above it. Partners without a
 * territory are absent (their cross-territory share cannot be measured).
 */
export function insideProvinces(ws: Workspace, partnerIds: readonly number[]): Map<number, Set<number>> {
  const nodes = lookupStore.territoryNodes(ws);
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
  const rows = lookupStore.partnerTerritories(ws, partnerIds);
  return new Map(rows.map((r) => [r.id, scopeOf(r.t)]));
}
