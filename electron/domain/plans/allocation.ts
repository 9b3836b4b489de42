import { DomainError } from '../../../shared/errors';
import { splitExact } from './largestRemainder';

/**
 * A node of the allocation tree (company → territories → channel managers → partners). A leaf is a partner: its
 * `weight` is what the method spreads by (last year's sales, the last 12 months', 1 for equal, sales × (1 + uplift) for
 * growth-weighted); `minimum` is the set amount of a partner without history (weight 0), kept before anything is spread.
 */
export interface AllocNode {
  key: string;
  children?: AllocNode[];
  weight?: bigint;
  minimum?: number;
}

interface Need {
  /** Minor units that must go to this node before any spreading (its lock, or its partners' minimums and locks). */
  floor: number;
  /** Weight of the partners under it that take a share of what is spread. */
  weight: bigint;
}

/**
 * Allocates `total` down the tree so the children of every node add up exactly to it. A locked node (manual override,
 * `locks` by node key) gets exactly its locked amount; what remains at its parent is re-spread over the unlocked siblings:
 * each gets its floor (its own locked descendants and its partners' minimums) plus a largest-remainder share of the rest
 * by weight. When no unlocked sibling has weight the rest is shared equally among the unlocked siblings.
 * Refused (DomainError) when the locks and minimums under a node exceed it, or when every child is locked and the locks
 * do not add up to it.
 */
export function allocate(root: AllocNode, total: number, locks: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  if (!Number.isSafeInteger(total) || total < 0) throw new DomainError(`The total must be a whole number of fen ≥ 0 (got ${total})`, 'DOMAIN');
  for (const [k, v] of locks) if (!Number.isSafeInteger(v) || v < 0) throw new DomainError(`The locked amount of ${k} must be a whole number of fen ≥ 0`, 'DOMAIN');
  const needs = new Map<string, Need>();
  const need = (n: AllocNode): Need => {
    let out: Need;
    const lock = n.key === root.key ? undefined : locks.get(n.key);
    if (n.children) {
      const parts = n.children.map(need);
      out = { floor: parts.reduce((a, p) => a + p.floor, 0), weight: parts.reduce((a, p) => a + p.weight, 0n) };
    } else {
      const w = n.weight ?? 0n;
      out = w > 0n ? { floor: 0, weight: w } : { floor: n.minimum ?? 0, weight: 0n };
    }
    if (lock !== undefined) {
      if (lock < out.floor) throw new DomainError(`${n.key}: the locked amount ${lock} is below what is locked or set as minimum under it (${out.floor})`, 'DOMAIN', {
          reason: 'planAllocation',
          params: { problem: 'lockBelowFloor', node: n.key, lockedMinor: lock, floorMinor: out.floor },
        });
      out = { floor: lock, weight: 0n };
    }
    needs.set(n.key, out);
    return out;
  };
  need(root);
  const amounts = new Map<string, number>();
  const spread = (n: AllocNode, amount: number) => {
    amounts.set(n.key, amount);
    if (!n.children || n.children.length === 0) return;
    const kids = n.children;
    const floors = kids.map((k) => needs.get(k.key)!.floor);
    const rest = amount - floors.reduce((a, b) => a + b, 0);
    if (rest < 0) throw new DomainError(`${n.key}: the locked amounts and minimums under it (${amount - rest}) exceed its amount (${amount})`, 'DOMAIN', {
        reason: 'planAllocation',
        params: { problem: 'overCommitted', node: n.key, floorMinor: amount - rest, amountMinor: amount },
      });
    const unlocked = kids.map((k) => !locks.has(k.key));
    let weights = kids.map((k, i) => (unlocked[i] ? needs.get(k.key)!.weight : 0n));
    if (rest > 0 && weights.every((w) => w === 0n)) {
      if (!unlocked.some(Boolean)) throw new DomainError(`${n.key}: every part is locked and the locks add up to ${amount - rest}, not ${amount}`, 'DOMAIN', {
          reason: 'planAllocation',
          params: { problem: 'allLocked', node: n.key, floorMinor: amount - rest, amountMinor: amount },
        });
      weights = unlocked.map((u) => (u ? 1n : 0n));
    }
    const shares = rest > 0 ? splitExact(rest, kids.map((k, i) => ({ key: k.key, weight: weights[i] }))) : kids.map(() => 0);
    kids.forEach((k, i) => spread(k, floors[i] + shares[i]));
  };
  spread(root, total);
  return amounts;
}
