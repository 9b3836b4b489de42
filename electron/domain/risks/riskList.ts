import type { Workspace } from '../../../db/database';
import type { RiskActionRow, RiskHistoryRow, RiskRow } from '../../../db/schema';
import type { RiskBasis, RiskListFilter, RiskListRow } from '../../model/risks';
import { workspaceClock } from '../system/workspaceClock';
import { getRiskBands, riskLevel, type RiskBands } from './riskLevels';
import { getRiskRow, type RiskSnapshot } from './riskRegister';
import { minePredicate } from './mine';
import { registerAsOf } from './registerAsOf';
import { riskStore } from './store';
import { riskText } from '../../../shared/riskTexts';

/** Derives scores and levels for a stored row or a history snapshot. */
export function deriveRisk(
  r: RiskSnapshot & { createdAt?: string | null; updatedAt?: string | null },
  bands: RiskBands,
  partner: { code: string; name: string; nameEn?: string | null } | undefined,
  actions: { open: number; overdue: number },
): RiskListRow {
  const score = r.likelihood * r.impact;
  const assessed = r.residualLikelihood != null && r.residualImpact != null;
  const rl = assessed ? r.residualLikelihood! : r.likelihood;
  const ri = assessed ? r.residualImpact! : r.impact;
  return {
    ...r,
    createdAt: r.createdAt ?? null,
    updatedAt: r.updatedAt ?? null,
    partnerCode: partner?.code ?? null,
    partnerName: partner?.name ?? null,
    partnerNameEn: partner?.nameEn ?? null,
    score,
    level: riskLevel(score, bands),
    effectiveResidualLikelihood: rl,
    effectiveResidualImpact: ri,
    residualScore: rl * ri,
    residualLevel: riskLevel(rl * ri, bands),
    residualAssessed: assessed,
    openActions: actions.open,
    overdueActions: actions.overdue,
  };
}

/** The cell of a risk on the chosen basis. */
export function cellOf(r: RiskListRow, basis: RiskBasis): { likelihood: number; impact: number } {
  return basis === 'residual'
    ? { likelihood: r.effectiveResidualLikelihood, impact: r.effectiveResidualImpact }
    : { likelihood: r.likelihood, impact: r.impact };
}

function matches(r: RiskListRow, f: RiskListFilter, basis: RiskBasis): boolean {
  if (f.statuses?.length && !f.statuses.includes(r.status)) return false;
  if (f.categories?.length && !f.categories.includes(r.category)) return false;
  if (f.sources?.length && !f.sources.includes(r.source)) return false;
  if (f.partnerIds?.length && (r.partnerId == null || !f.partnerIds.includes(r.partnerId))) return false;
  if (f.levels?.length && !f.levels.includes(basis === 'residual' ? r.residualLevel : r.level)) return false;
  if (f.cell) {
    const c = cellOf(r, basis);
    if (c.likelihood !== f.cell.likelihood || c.impact !== f.cell.impact) return false;
  }
  if (f.search) {
    const q = f.search.trim().toLowerCase();
    // Coded words are found in either language (the stored columns hold the zh-CN text).
    const words = r.textCode ? (['zh-CN', 'en'] as const).flatMap((lang) => Object.values(riskText(r, lang))) : [r.title, r.description];
    const hay = [r.code, ...words, r.owner ?? '', r.partnerCode ?? '', r.partnerName ?? ''].map((x) => x ?? '').join('\n').toLowerCase();
    if (q && !hay.includes(q)) return false;
  }
  return true;
}

/** Open and overdue action counts per risk, as of a day (actions created by then, not done by then). */
function actionCounts(ws: Workspace, asOf: string, createdBefore?: string): Map<number, { open: number; overdue: number }> {
  const out = new Map<number, { open: number; overdue: number }>();
  for (const a of riskStore.allActions(ws)) {
    if (createdBefore && a.createdAt >= createdBefore) continue;
    if (a.doneOn && a.doneOn <= asOf) continue;
    const c = out.get(a.riskId) ?? { open: 0, overdue: 0 };
    c.open++;
    if (a.dueOn && a.dueOn < asOf) c.overdue++;
    out.set(a.riskId, c);
  }
  return out;
}

function partnerMap(ws: Workspace): Map<number, { code: string; name: string; nameEn: string | null; channelManagerId: number | null }> {
  return new Map(riskStore.partnerLookup(ws).map((p) => [p.id, p]));
}

/** Every risk (current, or as of a past day) with derived fields, unfiltered. */
export function allRisks(ws: Workspace, asOf?: string): RiskListRow[] {
  const bands = getRiskBands(ws.db);
  const pm = partnerMap(ws);
  const day = asOf ?? workspaceClock(ws).today();
  if (asOf) {
    const { rows, bound } = registerAsOf(ws, asOf);
    const counts = actionCounts(ws, day, bound);
    return rows.map((s) => deriveRisk(s, bands, s.partnerId != null ? pm.get(s.partnerId) : undefined, counts.get(s.id) ?? { open: 0, overdue: 0 }));
  }
  const counts = actionCounts(ws, day);
  return riskStore
    .allByCode(ws)
    .map((r) => deriveRisk(r, bands, r.partnerId != null ? pm.get(r.partnerId) : undefined, counts.get(r.id) ?? { open: 0, overdue: 0 }));
}

/** The register filtered: what the grid shows. */
export function listRisks(ws: Workspace, f: RiskListFilter): { rows: RiskListRow[]; total: number; bands: RiskBands } {
  const basis = f.basis ?? 'inherent';
  let rows = allRisks(ws, f.asOf).filter((r) => matches(r, f, basis));
  if (f.channelManagerIds) {
    const mine = minePredicate(ws, f.channelManagerIds);
    const pm = partnerMap(ws);
    rows = rows.filter((r) => mine(r.partnerId != null ? (pm.get(r.partnerId)?.channelManagerId ?? null) : null, r.owner));
  }
  return { rows, total: rows.length, bands: getRiskBands(ws.db) };
}

export interface RiskDetail {
  risk: RiskListRow;
  actions: RiskActionRow[];
  history: RiskHistoryRow[];
}

/** One risk with its actions and its change history (newest first). */
export function getRisk(ws: Workspace, id: number): RiskDetail {
  const row: RiskRow = getRiskRow(ws, id);
  const bands = getRiskBands(ws.db);
  const partner = row.partnerId != null ? riskStore.partnerName(ws, row.partnerId) : undefined;
  const counts = actionCounts(ws, workspaceClock(ws).today()).get(id) ?? { open: 0, overdue: 0 };
  const actions = riskStore.actionsOf(ws, id);
  const history = riskStore.historyOf(ws, id).sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : b.id - a.id));
  return { risk: deriveRisk(row, bands, partner, counts), actions, history };
}

/** Risks by id (used by other areas to show linked risks). */
export function risksByIds(ws: Workspace, ids: number[]): RiskRow[] {
  if (ids.length === 0) return [];
  return riskStore.byIds(ws, ids);
}
