import type { Workspace } from '../../../db/database';
import type { RiskBasis, RiskListFilter } from '../../model/risks';
import { RISK_SOURCES, type RiskLevel } from '../../../shared/enums';
type RiskSource = (typeof RISK_SOURCES)[number];
import { getRiskBands, riskLevel, type RiskBands } from './riskLevels';
import { cellOf, listRisks } from './riskList';

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
  count: number;
}

/**
 * 5×5 counts of risks per likelihood × impact cell on the chosen basis, under the same filters as the list
 * (except the cell itself), so the count of a cell is the number of rows the grid shows when that cell is clicked.
 */
export function heatMap(ws: Workspace, f: RiskListFilter): { basis: RiskBasis; cells: HeatMapCell[]; total: number; bySource: Record<RiskSource, number>; bands: RiskBands } {
  const basis = f.basis ?? 'inherent';
  const bands = getRiskBands(ws.db);
  const { rows } = listRisks(ws, { ...f, cell: undefined, basis });
  const counts = new Map<string, number>();
  const bySource = Object.fromEntries(RISK_SOURCES.map((s) => [s, 0])) as Record<RiskSource, number>;
  for (const r of rows) {
    bySource[r.source]++;
    const c = cellOf(r, basis);
    const k = `${c.likelihood}x${c.impact}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const cells: HeatMapCell[] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) {
      cells.push({ likelihood, impact, score: likelihood * impact, level: riskLevel(likelihood * impact, bands), count: counts.get(`${likelihood}x${impact}`) ?? 0 });
    }
  }
  return { basis, cells, total: rows.length, bySource, bands };
}
