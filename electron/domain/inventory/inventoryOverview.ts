import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';
import { addMonthsClamped, parsePeriod, periodContaining, type Period } from '../../../shared/period';
import { DEFAULT_INVENTORY_RULES, inventoryRulesSchema, type EvidenceKind, type EvidenceLine, type InventoryGridRow, type InventoryGroupRow, type InventoryOverview, type InventoryPartnerRow, type InventoryRules, type InventoryTrendPoint, type ReportFlag, type ChannelKpi } from '../../model/inventory';
import { getSetting, setSetting } from '../system/settingsStore';
import { treeNodes } from '../territories/territories';
import { rootOf } from '../territories/territoryTree';
import type { OpContext } from '../opContext';
import { workspaceClock } from '../system/workspaceClock';
import { channelMeasures } from './channelMeasures';
import { lookupStore } from './store';
import { measureStore } from './store/measures';
import { partnerMonthStore } from './store/partnerMonths';
import { monthIndex, salesSummariesCurrent } from '../evaluations/salesSummaries';
import { overviewStore, type EvidenceRow } from './store/overview';
import { productLookup } from './productLookup';
import { stuffingSignals } from './stuffingSignal';
import { insideProvinces } from './territoryScope';
import { notFound } from '../../../shared/errorMessages';
import { SHARE_MISSING_REASONS, type ShareMissingReason } from '../../../shared/enums';

export const INVENTORY_RULES_KEY = 'inventory.rules';

export function inventoryRules(ws: Workspace): InventoryRules {
  const parsed = inventoryRulesSchema.safeParse({ ...DEFAULT_INVENTORY_RULES, ...(getSetting<object>(ws.db, INVENTORY_RULES_KEY, {}) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_INVENTORY_RULES;
}

/** Changes some of the rules (the rest keep their value) and records the change. */
export function setInventoryRules(ctx: OpContext, patch: Partial<InventoryRules>): InventoryRules {
  const before = inventoryRules(ctx.ws);
  const after = inventoryRulesSchema.parse({ ...before, ...patch });
  setSetting(ctx.ws.db, INVENTORY_RULES_KEY, after, ctx.clock.now());
  ctx.audit({ entity: 'setting', entityId: INVENTORY_RULES_KEY, before, after });
  return after;
}

const fsmOf = (ws: Workspace) => Number(getSetting<unknown>(ws.db, 'company.fiscalStartMonth', 1)) || 1;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The Inventory & sell-through page: per partner the measures and stuffing signal, per partner × product stock, DOI and rate. */
/** Each channel partner's measures of the period with its stuffing signal, reporting flag and channel flags. */
function partnerMeasureRows(ws: Workspace, period: Period, fsm: number, channelManagerIds?: number[]) {
  const today = workspaceClock(ws).today();
  const rules = inventoryRules(ws);
  const partners = overviewStore.channelPartners(ws, channelManagerIds);
  const ids = partners.map((p) => p.id);
  const measures = channelMeasures(ws, period, ids);
  const stuffing = stuffingSignals(ws, period, ids, rules, fsm);
  const lastReport = new Map(
    overviewStore.lastReports(ws, period.end).map((r) => [r.p, r.d]),
  );
  const since = (id: number) => {
    const d = lastReport.get(id);
    return d ? Math.max(0, daysBetween(d, today < period.end ? today : period.end)) : null;
  };
  const flagged = (id: number) => {
    const s = since(id);
    return s === null || s > rules.notReportedDays;
  };
  const reportFlag = (id: number): ReportFlag | null => (!flagged(id) ? null : since(id) === null ? 'never' : 'late');
  const partnerRows: InventoryPartnerRow[] = partners.map((p) => {
    const m = measures.get(p.id)!;
    const signalled = stuffing.get(p.id)!.signalled;
    const flags = [m.crossTerritoryLines ? 'crossTerritory' : '', m.belowFloorLines ? 'belowFloor' : '', signalled ? 'stuffing' : ''].filter(Boolean).join(' ') || null;
    return { ...m, partnerCode: p.code, partnerName: p.name, partnerNameEn: p.nameEn, stuffing: signalled, daysSinceReport: since(p.id), notReported: flagged(p.id), reportFlag: reportFlag(p.id), flags };
  });
  return { today, rules, partners, ids, measures, partnerRows, since, flagged, reportFlag };
}

/**
 * The dashboard's channel measures of a period (README "Channel measures on the dashboard"): the network's sell-through
 * rate and DOI recomputed from the sums (as the Inventory page's groups), and how many partners the period flags for
 * stuffing, 窜货, 乱价 and late stock reports, with the lines behind 窜货 and 乱价.
 */
export function channelKpi(ws: Workspace, label: string): ChannelKpi {
  const fsm = fsmOf(ws);
  const period = parsePeriod(label, fsm);
  const { rules, partnerRows } = partnerMeasureRows(ws, period, fsm);
  const g = newGroup('territory', '', null);
  for (const r of partnerRows) addToGroup(g, r);
  const total = finishGroup(g, daysBetween(period.start, period.end) + 1);
  return {
    period: period.label,
    start: period.start,
    end: period.end,
    partners: partnerRows.length,
    sellInQuantity: total.sellInQuantity,
    sellThroughQuantity: total.sellThroughQuantity,
    sellThroughRate: total.sellThroughRate,
    daysOfInventory: total.daysOfInventory,
    doiLimitDays: rules.doiLimitDays,
    stuffingPartners: total.stuffingPartners,
    crossTerritoryPartners: partnerRows.filter((r) => r.crossTerritoryLines > 0).length,
    crossTerritoryLines: total.crossTerritoryLines,
    belowFloorPartners: partnerRows.filter((r) => r.belowFloorLines > 0).length,
    belowFloorLines: total.belowFloorLines,
    notReportedPartners: partnerRows.filter((r) => r.notReported).length,
  };
}

/** The Inventory & sell-through page: per partner the measures and stuffing signal, per partner × product stock, DOI and rate. */
export function inventoryOverview(ws: Workspace, label: string, channelManagerIds?: number[]): InventoryOverview {
  const fsm = fsmOf(ws);
  const period = parsePeriod(label, fsm);
  const { today, rules, partners, ids, measures, partnerRows, since, flagged, reportFlag } = partnerMeasureRows(ws, period, fsm, channelManagerIds);
  const byId = new Map(partners.map((p) => [p.id, p]));

  // Partner × product: sell-in (sales lines' product text resolved like imports do), sell-through and closing stock.
  const days = daysBetween(period.start, period.end) + 1;
  const cells = new Map<string, { p: number; product: number; si: number; st: number; stock: number | null; value: number | null }>();
  const cell = (p: number, product: number) => {
    const k = `${p}:${product}`;
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { p, product, si: 0, st: 0, stock: null, value: null }));
    return c;
  };
  const products = productLookup(ws);
  const range = { ids, start: period.start, end: period.end };
  for (const r of measureStore.sellIn(ws, range, 'product')) {
    const hit = products.resolve(r.product!);
    if ('id' in hit) cell(r.p, hit.id).si += r.q;
  }
  for (const r of measureStore.sellThrough(ws, range, 'product')) {
    cell(r.p, r.product!).st += r.q;
  }
  for (const r of measureStore.stockAt(ws, ids, period.end, 'product')) {
    const c = cell(r.p, r.product!);
    c.stock = r.q;
    c.value = r.v;
  }
  const productInfo = new Map(
    overviewStore.products(ws).map((p) => [p.id, p]),
  );
  const rows: InventoryGridRow[] = [...cells.values()].map((c) => {
    const p = byId.get(c.p)!;
    const prod = productInfo.get(c.product)!;
    const m = measures.get(c.p)!;
    const reports = m.sellThroughRate !== null || m.sellThroughQuantity !== 0 || m.lastReportDate !== null;
    const stock = c.stock ?? (m.lastReportDate ? 0 : null);
    return {
      partnerCode: p.code,
      partnerName: p.name,
      partnerNameEn: p.nameEn,
      productCode: prod.code,
      productName: prod.name,
      productNameEn: prod.nameEn,
      productLine: prod.line,
      sellInQuantity: round6(c.si),
      sellThroughQuantity: round6(c.st),
      sellThroughRate: c.si > 0 && reports ? round6(c.st / c.si) : null,
      closingStock: stock,
      closingStockValueMinor: c.value,
      daysOfInventory: stock !== null && c.st > 0 ? round6(stock / (c.st / days)) : null,
      lastReportDate: m.lastReportDate,
      daysSinceReport: since(c.p),
      notReported: flagged(c.p),
      reportFlag: reportFlag(c.p),
    };
  });
  rows.sort((a, b) => a.partnerCode.localeCompare(b.partnerCode) || a.productCode.localeCompare(b.productCode));
  return { period: period.label, start: period.start, end: period.end, today, rules, partners: partnerRows, rows, groups: groupSums(ws, partnerRows, days) };
}

type GroupSums = InventoryGroupRow & { rateIn: number; rateThrough: number; doiStock: number; doiThrough: number; doiN: number; crossWhy: Set<ShareMissingReason>; belowWhy: Set<ShareMissingReason> };

const newGroup = (by: InventoryGroupRow['by'], key: string, name: string | null, nameEn: string | null = null): GroupSums => ({
  by, key, name, nameEn, partners: 0, sellInQuantity: 0, sellThroughQuantity: 0, sellThroughAmountMinor: 0, sellThroughRate: null, closingStock: null, closingStockValueMinor: null,
  daysOfInventory: null, locatedLines: 0, crossTerritoryLines: 0, crossTerritoryAmountMinor: 0, crossTerritoryShare: null, pricedLines: 0, belowFloorLines: 0,
  belowFloorGapMinor: 0, belowFloorShare: null, crossTerritoryShareMissing: [], belowFloorShareMissing: [], stuffingPartners: 0, rateIn: 0, rateThrough: 0, doiStock: 0, doiThrough: 0, doiN: 0,
  crossWhy: new Set(), belowWhy: new Set(),
});

function addToGroup(g: GroupSums, r: InventoryPartnerRow): void {
  g.partners++;
  g.sellInQuantity += r.sellInQuantity;
  g.sellThroughQuantity += r.sellThroughQuantity;
  g.sellThroughAmountMinor += r.sellThroughAmountMinor;
  if (r.sellThroughRate !== null) {
    g.rateIn += r.sellInQuantity;
    g.rateThrough += r.sellThroughQuantity;
  }
  if (r.closingStock !== null) g.closingStock = (g.closingStock ?? 0) + r.closingStock;
  if (r.closingStockValueMinor !== null) g.closingStockValueMinor = (g.closingStockValueMinor ?? 0) + r.closingStockValueMinor;
  if (r.daysOfInventory !== null && r.closingStock !== null) {
    g.doiStock += r.closingStock;
    g.doiThrough += r.sellThroughQuantity;
    g.doiN++;
  }
  g.locatedLines += r.locatedLines;
  g.crossTerritoryLines += r.crossTerritoryLines;
  g.crossTerritoryAmountMinor += r.crossTerritoryAmountMinor;
  g.pricedLines += r.pricedLines;
  g.belowFloorLines += r.belowFloorLines;
  g.belowFloorGapMinor += r.belowFloorGapMinor;
  if (r.stuffing) g.stuffingPartners++;
  if (r.crossTerritoryShareMissing) g.crossWhy.add(r.crossTerritoryShareMissing);
  if (r.belowFloorShareMissing) g.belowWhy.add(r.belowFloorShareMissing);
}

/** A group's share is missing only when every partner's is: then each partner's reason, once each, says why. */
const reasonsOf = (why: Set<ShareMissingReason>) => SHARE_MISSING_REASONS.filter((r) => why.has(r));

/** Ratios from the sums over the partners where each can be measured (never an average of ratios). */
function finishGroup({ rateIn, rateThrough, doiStock, doiThrough, doiN, crossWhy, belowWhy, ...g }: GroupSums, days: number): InventoryGroupRow {
  return {
    ...g,
    sellInQuantity: round6(g.sellInQuantity),
    sellThroughQuantity: round6(g.sellThroughQuantity),
    closingStock: g.closingStock === null ? null : round6(g.closingStock),
    sellThroughRate: rateIn > 0 ? round6(rateThrough / rateIn) : null,
    daysOfInventory: doiN > 0 && doiThrough > 0 ? round6(doiStock / (doiThrough / days)) : null,
    crossTerritoryShare: g.locatedLines > 0 ? round6(g.crossTerritoryLines / g.locatedLines) : null,
    belowFloorShare: g.pricedLines > 0 ? round6(g.belowFloorLines / g.pricedLines) : null,
    crossTerritoryShareMissing: g.locatedLines > 0 ? [] : reasonsOf(crossWhy),
    belowFloorShareMissing: g.pricedLines > 0 ? [] : reasonsOf(belowWhy),
  };
}

/** The partners' measures summed per top-level territory and per channel type. */
function groupSums(ws: Workspace, rows: InventoryPartnerRow[], days: number): InventoryGroupRow[] {
  const nodes = treeNodes(ws);
  const roots = rootOf(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const info = new Map(
    overviewStore.partnerGrouping(ws).map((p) => [p.code, p]),
  );
  const groups = new Map<string, GroupSums>();
  const add = (by: InventoryGroupRow['by'], key: string, name: string | null, nameEn: string | null, r: InventoryPartnerRow) => {
    const id = `${by}|${key}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = newGroup(by, key, name, nameEn)));
    addToGroup(g, r);
  };
  for (const r of rows) {
    const p = info.get(r.partnerCode);
    if (!p) continue;
    const root = p.t == null ? undefined : byId.get(roots.get(p.t) ?? p.t);
    add('territory', root?.code ?? '', root?.nameZh ?? null, root?.nameEn ?? null, r);
    add('channelType', p.channelType, null, null, r);
  }
  return [...groups.values()].map((g) => finishGroup(g, days)).sort((a, b) => a.by.localeCompare(b.by) || a.key.localeCompare(b.key));
}

/** The sell-through lines behind a 窜货 (outside the territory) or 控价 (below the floor) finding, worst first. */
export function inventoryEvidence(ws: Workspace, input: { period: string; kind: 'crossTerritory' | 'belowFloor'; partnerCode?: string; limit: number }): EvidenceLine[] {
  const period = parsePeriod(input.period, fsmOf(ws));
  let partnerIds: number[];
  if (input.partnerCode) {
    const id = lookupStore.partnerId(ws, input.partnerCode);
    if (id === undefined) throw new DomainError(`Unknown partner code '${input.partnerCode}'`, 'NOT_FOUND', notFound('partner', input.partnerCode));
    partnerIds = [id];
  } else partnerIds = overviewStore.channelPartners(ws).map((p) => p.id);
  let lines: EvidenceRow[];
  if (input.kind === 'crossTerritory') {
    const inside = insideProvinces(ws, partnerIds);
    lines = overviewStore.locatedEvidence(ws, partnerIds, period.start, period.end).filter((l) => {
      const scope = inside.get(l.pid);
      return scope !== undefined && !scope.has(l.ct!);
    });
  } else {
    lines = overviewStore.belowFloorEvidence(ws, partnerIds, period.start, period.end);
  }
  return lines.slice(0, input.limit).map((l) => evidenceLine(l, input.kind));
}

export function evidenceLine({ ct: _c, pid: _p, ...l }: EvidenceRow, kind: EvidenceKind): EvidenceLine {
  const unit = l.amountMinor === null || l.quantity === 0 ? null : Math.round(l.amountMinor / l.quantity);
  return {
    ...l,
    floorPriceMinor: kind === 'belowFloor' ? l.floorPriceMinor : null,
    unitPriceMinor: unit,
    underFloor: kind === 'belowFloor' && unit !== null && l.floorPriceMinor ? round6(1 - l.amountMinor! / l.quantity / l.floorPriceMinor) : null,
  };
}

/** The sell-through lines linked to a channel auto-risk (`risk_evidence`), worst first; none for a risk of another rule. */
export function riskEvidence(ws: Workspace, riskId: number): { kind: EvidenceKind | null; lines: EvidenceLine[] } {
  const risk = overviewStore.riskRule(ws, riskId);
  if (!risk) throw new DomainError(`Risk ${riskId} not found`, 'NOT_FOUND', notFound('risk', riskId));
  const kind: EvidenceKind | null = risk.rule === 'inventory:crossTerritory' ? 'crossTerritory' : risk.rule === 'inventory:belowFloor' ? 'belowFloor' : null;
  if (!kind) return { kind, lines: [] };
  const rows = overviewStore.linkedEvidence(ws, riskId, kind);
  return { kind, lines: rows.map((r) => evidenceLine(r, kind)) };
}

/**
 * Sell-in against sell-through quantity and the closing stock per month, the last `months` months up to the end of
 * `to`: the company's (partners reporting sell-through; stock of every reporting partner) or one partner's. A month
 * without a report is null, never 0 (below).
 */
export function inventoryTrend(ws: Workspace, input: { to: string; months: number; partnerCode?: string }): InventoryTrendPoint[] {
  const end = parsePeriod(input.to, fsmOf(ws)).end;
  const first: Period = periodContaining(addMonthsClamped(end, -(input.months - 1)), 'month');
  const months: string[] = [];
  for (let m = first.start.slice(0, 7), i = 0; i < input.months; i++, m = addMonthsClamped(`${m}-01`, 1).slice(0, 7)) months.push(m);
  const monthEnds = months.map((m) => periodContaining(`${m}-01`, 'month').end);
  const si = new Map<string, number>();
  const st = new Map<string, number>();
  let stockIds: number[];
  if (input.partnerCode) {
    const pid = overviewStore.anyPartnerId(ws, input.partnerCode);
    if (pid === undefined) throw new DomainError(`Unknown partner code '${input.partnerCode}'`, 'NOT_FOUND', notFound('partner', input.partnerCode));
    // One partner: from the per partner × month summaries (sales_partner_months, sell_through_partner_months; their
    // lines while a summary is out of date), as the stuffing signal reads them.
    const from = monthIndex(first.start);
    const to = monthIndex(end);
    const label = (m: number) => months[m - from];
    for (const r of measureStore.sellInByMonth(ws, [pid], from, to, salesSummariesCurrent(ws.sqlite))) si.set(label(r.m), (si.get(label(r.m)) ?? 0) + r.q);
    for (const r of partnerMonthStore.byMonth(ws, [pid], from, to).months) st.set(label(r.m), (st.get(label(r.m)) ?? 0) + r.q);
    stockIds = [pid];
  } else {
    const q = overviewStore.monthlyQuantities(ws, { start: first.start, end });
    for (const r of q.sellIn) si.set(r.m, r.q);
    for (const r of q.sellThrough) st.set(r.m, r.q);
    stockIds = overviewStore.stockReporters(ws);
  }
  // Closing stock at each month's end: per partner its latest report on or before that day, its rows summed; null
  // while none of the partners had reported.
  const closing: Array<number | null> = months.map(() => null);
  const latest: Array<number | undefined> = months.map(() => undefined);
  let partner: number | null = null;
  const addPartner = () => latest.forEach((q, i) => q !== undefined && (closing[i] = (closing[i] ?? 0) + q));
  for (const r of measureStore.stockByDate(ws, stockIds, end)) {
    if (r.p !== partner) {
      addPartner();
      partner = r.p;
      latest.fill(undefined);
    }
    // Rows come in date order within a partner: the last one on or before a month's end is the stock then.
    monthEnds.forEach((e, i) => {
      if (r.d <= e) latest[i] = r.q;
    });
  }
  addPartner();
  // A month nothing was reported for is a gap, not a zero (the current month before the first file, a month a
  // partner's report skipped): sell-through without any line in the month; sell-in after the month of the latest
  // sales line the workspace holds (earlier months without sales to the partner are a true 0).
  const latestSale = overviewStore.latestSaleDay(ws)?.slice(0, 7) ?? null;
  return months.map((m, i) => ({
    month: m,
    sellInQuantity: latestSale === null || m > latestSale ? null : round6(si.get(m) ?? 0),
    sellThroughQuantity: st.has(m) ? round6(st.get(m)!) : null,
    closingStock: closing[i] === null ? null : round6(closing[i]!),
  }));
}
