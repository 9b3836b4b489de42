/** Pure walks over the territory tree (rows with id and parentId), shared by filters, rankings and coverage. */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

export function childrenOf<T extends TreeNode>(nodes: readonly T[]): Map<number | null, T[]> {
  const m = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = m.get(n.parentId) ?? [];
    list.push(n);
    m.set(n.parentId, list);
  }
  return m;
}

/** The ids of the given territories and everything under them. */
export function withDescendants(nodes: readonly TreeNode[], ids: Iterable<number>): Set<number> {
  const kids = childrenOf(nodes);
  const out = new Set<number>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const k of kids.get(id) ?? []) stack.push(k.id);
  }
  return out;
}

/** The top-level ancestor (大区) of each territory: rankings "within region" group by it. */
export function rootOf(nodes: readonly TreeNode[]): Map<number, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<number, number>();
  for (const n of nodes) {
    let cur = n;
    for (let guard = 0; cur.parentId != null && guard < 64; guard++) cur = byId.get(cur.parentId) ?? cur;
    out.set(n.id, cur.id);
  }
  return out;
}

/** True when `candidate` is `id` itself or lies under it (a move there would make a cycle). */
export function isWithin(nodes: readonly TreeNode[], candidate: number, id: number): boolean {
  return withDescendants(nodes, [id]).has(candidate);
}
