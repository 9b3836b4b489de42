import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import type { ChannelType } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { parsePeriod, periodContaining } from '../../../shared/period';
import type {
  CityMap,
  CoverageFigure,
  CoverageLine,
  CoverageReport,
  CoverageTarget,
  CoverageTargetInput,
  ProvinceFigures,
  ProvinceMap,
  TerritoryCoverage,
} from '../../model/coverage';
import { readEvaluationSettings } from '../evaluations/evaluationSettings';
import { evaluatedPeriods, listScorecards } from '../evaluations/scorecardQueries';
import { workspaceClock } from '../system/workspaceClock';
import { placeIndex, type PlaceIndex, type PlaceNode } from './places';
import { listTerritories, refuse } from './territories';
import { coverageTargetStore, partnerPlaceStore } from './store';
import { withDescendants } from './territoryTree';
import { notFound } from '../../../shared/errorMessages';

/** The rules are the model's (electron/model/coverage.ts); this file counts. */

interface Located {
  id: number;
  channelType: ChannelType;
  /** Every territory the partner lies in: its own territory, the place its province/city names, and all above them. */
  within: Set<number>;
}

/** Active, live partners and the territories each lies in. */
function locatePartners(ws: Workspace, places: PlaceIndex): { located: Located[]; unplaced: number } {
  const rows = partnerPlaceStore.places(ws, 'liveActive');
  let unplaced = 0;
  const located = rows.map((r) => {
    const within = new Set<number>();
    if (r.territoryId != null) for (const id of places.lineage(r.territoryId)) within.add(id);
    const place = places.placeOf(r.province, r.city);
    if (place != null) for (const id of places.lineage(place)) within.add(id);
    if (!hasProvince(places, within)) unplaced++;
    return { id: r.id, channelType: r.channelType, within };
  });
  return { located, unplaced };
}

/**
 * A tile of the map: a province, or a city the company put under a territory with no province above it (苏州 directly
 * under 苏南区) — so every partner placed on the tree lies on exactly one tile.
 */
function isMapPlace(places: PlaceIndex, id: number): boolean {
  const kind = places.node(id)?.kind;
  if (kind === 'province') return true;
  return kind === 'city' && !places.lineage(id).some((x) => places.node(x)?.kind === 'province');
}

const hasProvince = (places: PlaceIndex, ids: Set<number>) => [...ids].some((id) => isMapPlace(places, id));

/** Active partners per territory id, overall and per channel type. */
function countPartners(located: Located[]): (territoryId: number, channelType: ChannelType | null) => number {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const p of located)
    for (const id of p.within) {
      bump(`${id}`);
      bump(`${id}:${p.channelType}`);
    }
  return (territoryId, channelType) => counts.get(channelType ? `${territoryId}:${channelType}` : `${territoryId}`) ?? 0;
}

const figure = (lines: Array<{ wanted: number; covered: number }>): CoverageFigure => {
  const wanted = lines.reduce((s, l) => s + l.wanted, 0);
  const covered = lines.reduce((s, l) => s + l.covered, 0);
  return { wanted, covered, ratio: wanted === 0 ? null : covered / wanted };
};

/** Everything the coverage figures need, read once. */
function coverageModel(ws: Workspace) {
  const places = placeIndex(ws);
  const tree = listTerritories(ws);
  const byCode = new Map(tree.map((t) => [t.code, t]));
  const { located, unplaced } = locatePartners(ws, places);
  const count = countPartners(located);
  const treeRows = tree.map((t) => ({ id: t.id, parentId: t.parent ? byCode.get(t.parent)!.id : null }));
  const subtree = (id: number) => withDescendants(treeRows, [id]);
  const targets = coverageTargetStore.list(ws).filter((t) => places.node(t.territoryId)?.active !== false && (t.areaId == null || places.node(t.areaId)?.active !== false));

  const line = (territory: PlaceNode, area: PlaceNode | null, channelType: ChannelType | null, minPartners: number, targetId: number | null): CoverageLine => {
    const actual = count((area ?? territory).id, channelType);
    const wanted = area ? 1 : minPartners;
    const covered = area ? (actual >= minPartners ? 1 : 0) : Math.min(actual, minPartners);
    return {
      targetId,
      territory: territory.code,
      territoryNameZh: territory.nameZh,
      territoryNameEn: territory.nameEn,
      area: area?.code ?? null,
      areaNameZh: area?.nameZh ?? null,
      areaNameEn: area?.nameEn ?? null,
      channelType,
      minPartners,
      actual,
      wanted,
      covered,
    };
  };

  /**
   * The lines of a territory: the targets set in its subtree or on an area in it (华东's target "3 dealers in 浙江" is
   * 浙江's too), else one partner in each active province under it.
   */
  const activeCities = (provinceId: number): PlaceNode[] =>
    [...subtree(provinceId)].map((id) => places.node(id)!).filter((n) => n.kind === 'city' && n.active && n.id !== provinceId);
  const linesOf = (territoryId: number): { lines: CoverageLine[]; byDefault: boolean } => {
    const inside = subtree(territoryId);
    const own = targets.filter((t) => inside.has(t.territoryId) || (t.areaId != null && inside.has(t.areaId)));
    if (own.length)
      return {
        byDefault: false,
        lines: own.map((t) => line(places.node(t.territoryId)!, t.areaId == null ? null : places.node(t.areaId)!, t.channelType, t.minPartners, t.id)),
      };
    const self = places.node(territoryId)!;
    const provinces = [...inside].map((id) => places.node(id)!).filter((n) => n.kind === 'province' && n.active && n.id !== territoryId);
    // A province whose company defined cities in it is covered city by city (深圳, 广州 … each wants one partner).
    const byCity = (p: PlaceNode) => {
      const cities = activeCities(p.id);
      return cities.length ? cities : [p];
    };
    const areas = self.kind === 'city' ? [self] : self.kind === 'province' ? byCity(self) : provinces.length === 0 ? [self] : provinces.flatMap(byCity);
    return { byDefault: true, lines: areas.map((a) => (a.id === self.id ? line(self, null, null, 1, null) : line(self, a, null, 1, null))) };
  };

  return { places, tree, byCode, located, unplaced, count, linesOf, subtree, activeCities };
}

/** The period figures are shown for: the one asked, else the latest evaluated, else the current quarter. */
function shownPeriod(ws: Workspace, asked: string | undefined): { period: string; periods: string[] } {
  const fsm = readEvaluationSettings(ws.db).fiscalStartMonth;
  const evaluated = evaluatedPeriods(ws).map((p) => p.period);
  const period = asked ?? evaluated[0] ?? periodContaining(workspaceClock(ws).today(), 'quarter', fsm).label;
  return { period, periods: evaluated.includes(period) ? evaluated : [period, ...evaluated] };
}

interface ScorecardSums {
  scorecards: number;
  revenueMinor: number;
  targetMinor: number;
  targeted: number;
  revenueWithTargetMinor: number;
  healthSum: number;
}

/**
 * The period's scorecards summed per territory. Each partner counts once — so the top-level territories add up to the
 * company — under the territory it had when the run was made (the scorecard keeps its code), else the territory it has
 * now, else the place its province/city names; and in every territory above that one.
 */
function scorecardSums(ws: Workspace, m: ReturnType<typeof coverageModel>, period: string): (territoryId: number) => ScorecardSums | undefined {
  const partnersNow = new Map(partnerPlaceStore.places(ws, 'all').map((p) => [p.id, p]));
  const sums = new Map<number, ScorecardSums>();
  for (const s of listScorecards(ws, { period })) {
    const now = partnersNow.get(s.partnerId);
    const home = (s.regionCode ? m.byCode.get(s.regionCode)?.id : undefined) ?? now?.territoryId ?? m.places.placeOf(now?.province ?? null, now?.city ?? null) ?? null;
    if (home == null) continue;
    for (const id of m.places.lineage(home)) {
      const x = sums.get(id) ?? { scorecards: 0, revenueMinor: 0, targetMinor: 0, targeted: 0, revenueWithTargetMinor: 0, healthSum: 0 };
      x.scorecards++;
      x.revenueMinor += s.revenueMinor;
      x.healthSum += s.healthScore;
      if (s.targetMinor !== null && s.targetMinor > 0) {
        x.targeted++;
        x.targetMinor += s.targetMinor;
        x.revenueWithTargetMinor += s.revenueMinor;
      }
      sums.set(id, x);
    }
  }
  return (id) => sums.get(id);
}

export function coverageReport(ws: Workspace, input: { territory?: string; period?: string }): CoverageReport {
  const m = coverageModel(ws);
  const asked = input.territory ? m.tree.find((t) => t.code.toLowerCase() === input.territory!.toLowerCase()) : undefined;
  if (input.territory && !asked) throw new DomainError(`Territory ${input.territory} not found`, 'NOT_FOUND', notFound('territory', input.territory));
  const scope = asked ? m.subtree(asked.id) : null;
  const { period, periods } = shownPeriod(ws, input.period);
  const sumsOf = scorecardSums(ws, m, period);
  const territories: TerritoryCoverage[] = m.tree
    .filter((t) => !scope || scope.has(t.id))
    .map((t) => {
      const { lines, byDefault } = m.linesOf(t.id);
      const sc = sumsOf(t.id);
      return {
        code: t.code,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        parent: t.parent,
        active: t.active,
        activePartners: m.count(t.id, null),
        byDefault,
        ...figure(lines),
        gaps: lines.filter((l) => l.covered < l.wanted).length,
        scorecards: sc?.scorecards ?? 0,
        revenueMinor: sc?.revenueMinor ?? 0,
        targetMinor: sc?.targeted ? sc.targetMinor : null,
        attainment: sc?.targeted ? sc.revenueWithTargetMinor / sc.targetMinor : null,
        healthScore: sc?.scorecards ? Math.round((sc.healthSum / sc.scorecards) * 10) / 10 : null,
      };
    });
  // The company's figure: the sum over the active top-level territories (each line belongs to exactly one of them).
  const roots = asked ? [asked] : m.tree.filter((t) => t.parent === null && t.active);
  // A target whose area was moved under another top-level territory is listed by both: count it once.
  const seen = new Set<number>();
  const lines = roots.flatMap((r) => m.linesOf(r.id).lines).filter((l) => l.targetId === null || (!seen.has(l.targetId) && Boolean(seen.add(l.targetId))));
  const gaps = lines.filter((l) => l.covered < l.wanted).sort((a, b) => b.wanted - b.covered - (a.wanted - a.covered) || a.territory.localeCompare(b.territory));
  const types = [...new Set(lines.map((l) => l.channelType))];
  return {
    territory: asked?.code ?? null,
    period,
    periods,
    total: figure(lines),
    territories,
    lines: [...gaps, ...lines.filter((l) => l.covered >= l.wanted)],
    gaps,
    byChannelType: types.map((channelType) => ({ channelType, ...figure(lines.filter((l) => l.channelType === channelType)) })),
  };
}

/** The company's coverage in one figure (the dashboard's KPI) with its gap count. */
export function coverageKpi(ws: Workspace): CoverageFigure & { gaps: number } {
  const r = coverageReport(ws, {});
  return { ...r.total, gaps: r.gaps.length };
}

export function listCoverageTargets(ws: Workspace, territory?: string): CoverageTarget[] {
  const places = placeIndex(ws);
  const rows = coverageTargetStore.list(ws);
  const tree = listTerritories(ws);
  const asked = territory ? tree.find((t) => t.code.toLowerCase() === territory.toLowerCase()) : undefined;
  if (territory && !asked) throw new DomainError(`Territory ${territory} not found`, 'NOT_FOUND', notFound('territory', territory));
  return rows
    .filter((r) => !asked || places.contains(asked.id, r.territoryId))
    .map((r) => ({
      id: r.id,
      territory: places.node(r.territoryId)!.code,
      area: r.areaId == null ? null : places.node(r.areaId)!.code,
      channelType: r.channelType,
      minPartners: r.minPartners,
    }));
}

export function addCoverageTarget(ctx: OpContext, input: CoverageTargetInput): CoverageTarget {
  const { ws } = ctx;
  const places = placeIndex(ws);
  const tree = listTerritories(ws);
  const find = (code: string) => {
    const t = tree.find((x) => x.code.toLowerCase() === code.toLowerCase());
    if (!t) throw new DomainError(`Territory ${code} not found`, 'NOT_FOUND', notFound('territory', code));
    return t;
  };
  const territory = find(input.territory);
  const area = input.area ? find(input.area) : null;
  if (area && (area.id === territory.id || !places.contains(territory.id, area.id)))
    throw refuse(`${area.code} ${area.nameZh} does not lie under ${territory.code} ${territory.nameZh}`, 'DOMAIN', 'coverage.areaOutside', { area: area.nameZh, areaEn: area.nameEn ?? area.nameZh, territory: territory.nameZh, territoryEn: territory.nameEn ?? territory.nameZh });
  const target = { territoryId: territory.id, areaId: area?.id ?? null, channelType: input.channelType ?? null };
  if (coverageTargetStore.same(ws, target) !== undefined)
    throw refuse(`That coverage target already exists (${territory.code}${area ? ` ${area.code}` : ''}${input.channelType ? ` ${input.channelType}` : ''}): change its number instead`, 'CONFLICT', 'coverage.duplicate', {});
  const id = coverageTargetStore.insert(ws, { ...target, minPartners: input.minPartners }, ctx.clock.now().toISOString());
  return listCoverageTargets(ws).find((t) => t.id === id)!;
}

export function updateCoverageTarget(ws: Workspace, id: number, minPartners: number): { before: CoverageTarget; after: CoverageTarget } {
  const before = listCoverageTargets(ws).find((t) => t.id === id);
  if (!before) throw new DomainError(`Coverage target ${id} not found`, 'NOT_FOUND', notFound('coverageTarget', id));
  coverageTargetStore.setMinPartners(ws, id, minPartners);
  return { before, after: { ...before, minPartners } };
}

export function removeCoverageTarget(ws: Workspace, id: number): CoverageTarget {
  const before = listCoverageTargets(ws).find((t) => t.id === id);
  if (!before) throw new DomainError(`Coverage target ${id} not found`, 'NOT_FOUND', notFound('coverageTarget', id));
  coverageTargetStore.delete(ws, id);
  return before;
}

/**
 * Revenue and average health per tile over a period. `tileOf` picks the tile a partner lies on from the territories it
 * lies in (its own territory's lineage, then its place's); every live partner counts, not only active ones (a
 * suspended partner's sales count).
 */
function tileFigures(ws: Workspace, m: ReturnType<typeof coverageModel>, period: string, tileOf: (lineage: number[]) => number | undefined) {
  const { start, end } = parsePeriod(period, readEvaluationSettings(ws.db).fiscalStartMonth);
  const placed = new Map<number, number>();
  for (const r of partnerPlaceStore.places(ws, 'live')) {
    const place = m.places.placeOf(r.province, r.city);
    const tile = tileOf([...(r.territoryId != null ? m.places.lineage(r.territoryId) : []), ...(place == null ? [] : m.places.lineage(place))]);
    if (tile !== undefined) placed.set(r.id, tile);
  }
  const revenue = new Map<number, number>();
  for (const r of partnerPlaceStore.revenueByPartner(ws, start, end)) {
    const tile = placed.get(r.partnerId);
    if (tile !== undefined) revenue.set(tile, (revenue.get(tile) ?? 0) + r.revenueMinor);
  }
  const health = new Map<number, { sum: number; n: number }>();
  for (const s of listScorecards(ws, { period })) {
    const tile = placed.get(s.partnerId);
    if (tile === undefined) continue;
    const h = health.get(tile) ?? { sum: 0, n: 0 };
    h.sum += s.healthScore;
    h.n++;
    health.set(tile, h);
  }
  return {
    revenueMinor: (id: number) => revenue.get(id) ?? 0,
    healthScore: (id: number) => {
      const h = health.get(id);
      return h ? Math.round((h.sum / h.n) * 10) / 10 : null;
    },
  };
}

/**
 * Per provincial division: active partners, the period's revenue and average health score of partners placed there,
 * and the province's own coverage — what the tile map colours and the table beside it lists.
 */
export function provinceMap(ws: Workspace, input: { period?: string }): ProvinceMap {
  const m = coverageModel(ws);
  const { period, periods } = shownPeriod(ws, input.period);
  const provinces = m.tree.filter((t) => isMapPlace(m.places, t.id));
  const figures = tileFigures(ws, m, period, (ids) => ids.find((id) => isMapPlace(m.places, id)));
  const rootOf = (id: number) => m.places.lineage(id).at(-1)!;
  const out: ProvinceFigures[] = provinces.map((p) => ({
    code: p.code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    region: rootOf(p.id) === p.id ? null : m.places.node(rootOf(p.id))!.code,
    activePartners: m.count(p.id, null),
    revenueMinor: figures.revenueMinor(p.id),
    healthScore: figures.healthScore(p.id),
    coverage: figure(m.linesOf(p.id).lines),
    cities: p.kind === 'province' ? m.activeCities(p.id).length : 0,
  }));
  return { period, periods, provinces: out, unplaced: m.unplaced };
}

/**
 * A province's cities as tiles: per active city the partners placed in it (assigned to it or below it, or located there
 * by their city text), the period's revenue and health, and its coverage; and the rest of the province.
 */
export function cityMap(ws: Workspace, input: { province: string; period?: string }): CityMap {
  const m = coverageModel(ws);
  const province = m.tree.find((t) => t.code.toLowerCase() === input.province.toLowerCase());
  if (!province || !isMapPlace(m.places, province.id)) throw refuse(`Territory ${input.province} is no province`, 'NOT_FOUND', 'territory.notFound', { code: input.province });
  const { period } = shownPeriod(ws, input.period);
  const cities = m.activeCities(province.id).sort((a, b) => a.code.localeCompare(b.code));
  const cityIds = new Set(cities.map((c) => c.id));
  // A partner's tile: the city it lies in, else the province itself when it lies there (the "elsewhere" figures).
  const figures = tileFigures(ws, m, period, (ids) => ids.find((id) => cityIds.has(id)) ?? (ids.includes(province.id) ? province.id : undefined));
  const elsewhere = m.located.filter((p) => p.within.has(province.id) && !cities.some((c) => p.within.has(c.id))).length;
  return {
    province: { code: province.code, nameZh: province.nameZh, nameEn: province.nameEn },
    period,
    cities: cities.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      region: province.code,
      activePartners: m.count(c.id, null),
      revenueMinor: figures.revenueMinor(c.id),
      healthScore: figures.healthScore(c.id),
      coverage: figure(m.linesOf(c.id).lines),
      cities: 0,
    })),
    elsewhere: { activePartners: elsewhere, revenueMinor: figures.revenueMinor(province.id), healthScore: figures.healthScore(province.id) },
  };
}
