import { PopulationCounter } from '../../../shared/population';
import { territoryFilterIds } from '../territories/territories';
import type { Workspace } from '../../../db/database';
import { isRequiredFor, requirementCourses, trainingCompliance } from './compliance';
import { complianceStore } from './store';
import { daysUntil } from '../../model/trainingExpiry';
import { ComplianceMatrix, CellState, MatrixCell, MatrixRow } from '../../model/training';
import { CELL_STATES } from '../../model/training';

export interface MatrixFilter {
  asOf: string;
  partnerIds?: number[];
  tiers?: string[];
  channelTypes?: string[];
  regions?: string[];
  search?: string;
  /** Only partners with at least one cell in these states. */
  states?: CellState[];
}

export function cellState(bestExpiry: string | undefined, asOf: string): CellState {
  if (bestExpiry === undefined) return 'missing';
  if (bestExpiry < asOf) return 'expired';
  const d = daysUntil(bestExpiry, asOf);
  return d <= 30 ? 'expiring30' : d <= 60 ? 'expiring60' : d <= 90 ? 'expiring90' : 'valid';
}

const NEVER = '9999-12-31';

export function complianceMatrix(ws: Workspace, f: MatrixFilter): ComplianceMatrix {
  const all = requirementCourses(ws);
  const meta = new Map(complianceStore.courseHeads(ws).map((c) => [c.id, c]));
  const details = new Map(complianceStore.partnerDetails(ws).map((p) => [p.id, p]));
  const q = f.search?.trim().toLowerCase();
  const inRegions = f.regions?.length ? new Set(territoryFilterIds(ws, f.regions)) : null;
  const summary = trainingCompliance(ws, f.asOf, f.partnerIds);
  // The population: the tier, channel type and territory filters select partners; search and states only narrow the view.
  const pop = new PopulationCounter();
  const partners = complianceStore.livePartners(ws, f.partnerIds).filter((p) => {
    const d = details.get(p.id)!;
    pop.consider();
    if (f.tiers?.length && !f.tiers.includes(p.tier)) return pop.exclude('tier', { value: p.tier, expected: [...f.tiers] }), false;
    if (f.channelTypes?.length && !f.channelTypes.includes(p.channelType)) return pop.exclude('channelType', { value: p.channelType, expected: [...f.channelTypes] }), false;
    if (inRegions && (d.territoryId == null || !inRegions.has(d.territoryId))) return pop.exclude('region', { value: d.region, expected: [...f.regions!] }), false;
    if (summary.get(p.id)!.required === 0) pop.exclude('noRequirement');
    else pop.include();
    if (q && !p.code.toLowerCase().includes(q) && !d.name.toLowerCase().includes(q)) return false;
    return true;
  });
  // Latest expiry per (partner, course) over passed records completed by asOf — lapsed ones too (→ 'expired').
  const best = new Map<string, string>();
  for (const r of complianceStore.latestExpiries(ws, f.asOf)) best.set(`${r.partnerId}:${r.courseId}`, r.expiresOn);
  const used = new Set<number>();
  const totals = Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
  const rows: MatrixRow[] = [];
  for (const p of partners) {
    const cells: Record<string, MatrixCell> = {};
    for (const c of all) {
      if (!isRequiredFor(c, p)) continue;
      const e = best.get(`${p.id}:${c.id}`);
      const state = cellState(e, f.asOf);
      cells[meta.get(c.id)!.code] = { state, expiresOn: e === undefined || e === NEVER ? null : e };
    }
    if (f.states?.length && !Object.values(cells).some((cell) => f.states!.includes(cell.state))) continue;
    for (const c of all) if (cells[meta.get(c.id)!.code]) used.add(c.id);
    for (const cell of Object.values(cells)) totals[cell.state]++;
    const s = summary.get(p.id)!;
    const d = details.get(p.id)!;
    rows.push({ partnerId: p.id, partnerCode: p.code, partnerName: d.name, tier: p.tier, channelType: p.channelType, region: d.region, ...s, cells });
  }
  const courses = all.filter((c) => used.has(c.id)).map((c) => meta.get(c.id)!);
  return { asOf: f.asOf, courses, rows, totals, population: pop.result() };
}
