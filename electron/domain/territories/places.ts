import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { PlaceCheck } from '../../model/coverage';
import { withDescendants } from './territoryTree';
import { treeNodes } from './territories';
import { partnerPlaceStore } from './store';
import type { TerritoryRow } from '../../../db/schema';
import { notFound } from '../../../shared/errorMessages';

/**
 * Where things lie on the territory tree. A partner keeps its province and city as text beside its territory; a
 * customer (inventory, cross-territory selling) comes with a province and maybe a city. Both are placed on the tree by
 * the province's code or its name — full (浙江省, 广西壮族自治区), short (浙江, 广西) or English (Zhejiang) — and a city
 * under that province the same way. A name matches exactly after the administrative suffix is dropped; nothing else
 * is guessed, so an unknown name stays unplaced (and a check answers 'unknown', never 'outside').
 */
export interface PlaceIndex {
  /** The territory id of the place named by a province (and city) text; null when the province names no territory. */
  placeOf(province: string | null | undefined, city?: string | null): number | null;
  /** True when `id` is `ancestorId` or lies under it. */
  contains(ancestorId: number, id: number): boolean;
  /** The territory with this id: code, names, kind. */
  node(id: number): PlaceNode | undefined;
  /** `id` and every territory above it, nearest first. */
  lineage(id: number): number[];
}

/** A territory as the place index reads it (the drizzle schema's columns). */
export type PlaceNode = Pick<TerritoryRow, 'id' | 'parentId' | 'code' | 'nameZh' | 'nameEn' | 'kind' | 'active'>;

/** 浙江省 → 浙江, 广西壮族自治区 → 广西, 香港特别行政区 → 香港, 杭州市 → 杭州 (a name that is only a suffix stays). */
export function shortPlaceName(name: string): string {
  const s = name.trim().replace(/(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|自治州|地区|省|市|盟)$/u, '');
  return s.length >= 2 ? s : name.trim();
}

/** Letter case, full-width forms and spaces aside (Ｚｈｅｊｉａｎｇ, "Inner Mongolia" = "innermongolia"). */
const key = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** Usual other names of provincial divisions, by the seeded Chinese name they stand for. */
const ALIASES: Array<[string, string]> = [['内蒙', '内蒙古自治区'], ['tibet', '西藏自治区'], ['macau', '澳门特别行政区']];

export function placeIndex(ws: Workspace): PlaceIndex {
  const nodes: PlaceNode[] = treeNodes(ws);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const names = (n: PlaceNode) => [n.code, n.nameZh, shortPlaceName(n.nameZh), n.nameEn].filter((x): x is string => Boolean(x)).map(key);
  const provinces = new Map<string, number | 'ambiguous'>();
  for (const n of nodes) {
    if (n.kind !== 'province') continue;
    for (const k of new Set(names(n))) provinces.set(k, provinces.has(k) && provinces.get(k) !== n.id ? 'ambiguous' : n.id);
  }
  for (const [alias, full] of ALIASES) {
    const n = nodes.find((x) => x.kind === 'province' && x.nameZh === full);
    if (n && !provinces.has(key(alias))) provinces.set(key(alias), n.id);
  }
  const cityUnder = (provinceId: number, city: string): number | null => {
    const wanted = new Set([key(city), key(shortPlaceName(city))]);
    const found = [...withDescendants(nodes, [provinceId])].map((id) => byId.get(id)!).filter((n) => n.kind === 'city' && names(n).some((k) => wanted.has(k)));
    return found.length === 1 ? found[0].id : null;
  };
  const lineageCache = new Map<number, number[]>();
  const lineage = (id: number): number[] => {
    let l = lineageCache.get(id);
    if (!l) {
      l = [];
      for (let cur = byId.get(id); cur && l.length < 64; cur = cur.parentId == null ? undefined : byId.get(cur.parentId)) l.push(cur.id);
      lineageCache.set(id, l);
    }
    return l;
  };
  return {
    placeOf(province, city) {
      if (!province?.trim()) return null;
      const p = provinces.get(key(province)) ?? provinces.get(key(shortPlaceName(province.normalize('NFKC'))));
      if (p === undefined || p === 'ambiguous') return null;
      return (city?.trim() && cityUnder(p, city)) || p;
    },
    contains: (ancestorId, id) => lineage(id).includes(ancestorId),
    node: (id) => byId.get(id),
    lineage,
  };
}

/**
 * Cross-territory selling (窜货), for the inventory area: is a customer's place inside a partner's territory,
 * sub-territories included? Build once per batch — it reads the tree and the partners once — then call it per line:
 *
 *   const check = partnerTerritoryCheck(ws);
 *   check(partnerId, { province: '浙江', city: '杭州市' })  // { verdict: 'inside' | 'outside' | 'unknown', ... }
 *
 * 'unknown' (with `reason`) when the partner has no territory, the province names no territory, or the customer's
 * place is coarser than the partner's territory (a partner of 杭州 and a customer only known to be in 浙江).
 * A partner assigned to a 大区 (华东) covers every province and city under it.
 */
export function partnerTerritoryCheck(ws: Workspace): (partnerId: number, customer: { province: string | null; city?: string | null }) => PlaceCheck {
  const places = placeIndex(ws);
  const partners = new Map(partnerPlaceStore.places(ws, 'all').map((p) => [p.id, p.territoryId]));
  return (partnerId, customer) => {
    const territoryId = partners.get(partnerId);
    const territory = territoryId == null ? null : (places.node(territoryId)?.code ?? null);
    const placeId = places.placeOf(customer.province, customer.city);
    const place = placeId == null ? null : places.node(placeId)!.code;
    if (!partners.has(partnerId)) return { verdict: 'unknown', reason: 'unknownPartner', territory, place };
    if (territoryId == null) return { verdict: 'unknown', reason: 'partnerWithoutTerritory', territory, place };
    if (placeId == null) return { verdict: 'unknown', reason: customer.province?.trim() ? 'unknownPlace' : 'noPlace', territory, place };
    if (places.contains(territoryId, placeId)) return { verdict: 'inside', territory, place };
    // The customer is known only down to a place that holds the partner's territory: cannot tell.
    if (places.contains(placeId, territoryId)) return { verdict: 'unknown', reason: 'placeTooCoarse', territory, place };
    return { verdict: 'outside', territory, place };
  };
}

/** One check (reads the tree each time: use `partnerTerritoryCheck` for many lines). */
export function isInPartnerTerritory(ws: Workspace, partnerId: number, customer: { province: string | null; city?: string | null }): PlaceCheck {
  return partnerTerritoryCheck(ws)(partnerId, customer);
}

/**
 * Live partners (any status) lying in the given territories: assigned to one of them or below it, or placed there by
 * their province/city text (demo and imported partners often sit on a 大区 with the province as text).
 */
export function partnersPlacedIn(ws: Workspace, codes: readonly string[]): number[] {
  const places = placeIndex(ws);
  const wanted = new Set(
    codes.map((c) => {
      const id = treeNodes(ws).find((n) => n.code.toLowerCase() === c.toLowerCase())?.id;
      if (id === undefined) throw new DomainError(`Territory ${c} not found`, 'NOT_FOUND', notFound('territory', c));
      return id;
    }),
  );
  const out: number[] = [];
  for (const p of partnerPlaceStore.places(ws, 'all')) {
    const place = places.placeOf(p.province, p.city);
    const lineage = [...(p.territoryId != null ? places.lineage(p.territoryId) : []), ...(place != null ? places.lineage(place) : [])];
    if (lineage.some((id) => wanted.has(id))) out.push(p.id);
  }
  return out;
}
