import type { Workspace } from '../../../db/database';
import { endOfLocalDayIso } from '../../../shared/clock';
import type { RiskSnapshot } from './riskRegister';
import { workspaceClock } from '../system/workspaceClock';
import { riskStore } from './store';

/**
 * The register as it stood at the end of a past day, rebuilt from the change history: for each risk, the snapshot of its
 * last change up to that day. Risks raised later are absent; later changes are not applied.
 */
export function registerAsOf(ws: Workspace, date: string): { rows: Array<RiskSnapshot & { createdAt: string | null; updatedAt: string | null }>; bound: string } {
  // The end of the workspace clock's day (company.timeZone), not the laptop's: history instants are UTC.
  const bound = endOfLocalDayIso(date, workspaceClock(ws).timeZone);
  const latest = new Map<number, { at: string; id: number; snapshot: Record<string, unknown>; first: string }>();
  for (const h of riskStore.allHistory(ws)) {
    if (h.changedAt >= bound) continue;
    const cur = latest.get(h.riskId);
    if (!cur) {
      latest.set(h.riskId, { at: h.changedAt, id: h.id, snapshot: h.snapshot, first: h.changedAt });
      continue;
    }
    const first = h.changedAt < cur.first ? h.changedAt : cur.first;
    if (h.changedAt > cur.at || (h.changedAt === cur.at && h.id > cur.id)) latest.set(h.riskId, { at: h.changedAt, id: h.id, snapshot: h.snapshot, first });
    else cur.first = first;
  }
  const rows = [...latest.entries()].map(([riskId, v]) => {
    const s = v.snapshot as Partial<RiskSnapshot>;
    return {
      id: riskId,
      code: s.code ?? `#${riskId}`,
      title: s.title ?? '',
      description: s.description ?? null,
      category: s.category!,
      partnerId: s.partnerId ?? null,
      likelihood: s.likelihood!,
      impact: s.impact!,
      residualLikelihood: s.residualLikelihood ?? null,
      residualImpact: s.residualImpact ?? null,
      owner: s.owner ?? null,
      treatment: s.treatment ?? null,
      status: s.status ?? 'open',
      nextReviewOn: s.nextReviewOn ?? null,
      source: s.source ?? 'manual',
      ruleCode: s.ruleCode ?? null,
      textCode: s.textCode ?? null,
      textParams: s.textParams ?? null,
      reviewRequested: s.reviewRequested ?? false,
      closedAt: s.closedAt ?? null,
      createdAt: v.first,
      updatedAt: v.at,
    };
  });
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { rows, bound };
}
