import type { RiskActionRow } from '../../../db/schema';
import type { RiskActionInput } from '../../model/risks';
import { DomainError } from '../../../shared/errors';
import type { ChangeContext } from '../opContext';
import { getRiskRow, snapshotOf, writeHistory } from './riskRegister';
import { riskStore } from './store';
import { notFound } from '../../../shared/errorMessages';

type ActionView = Pick<RiskActionRow, 'description' | 'owner' | 'dueOn' | 'doneOn'>;
const view = (a: ActionView) => ({ description: a.description, owner: a.owner ?? null, dueOn: a.dueOn ?? null, doneOn: a.doneOn ?? null });
const same = (a: ActionView, b: ActionView) => JSON.stringify(view(a)) === JSON.stringify(view(b));

/**
 * Replaces the mitigation actions of a risk with the given list: entries with an id are updated, without one added,
 * missing ones removed. Records one history entry (what was added, changed, removed) when anything changed.
 */
export function saveRiskActions(ctx: ChangeContext, riskId: number, actions: RiskActionInput[]): { before: RiskActionRow[]; after: RiskActionRow[] } {
  const { ws } = ctx;
  const at = ctx.clock.now();
  const risk = getRiskRow(ws, riskId);
  const before = riskStore.actionsOf(ws, riskId);
  const byId = new Map(before.map((a) => [a.id, a]));
  const kept = new Set<number>();
  const added: unknown[] = [];
  const changed: unknown[] = [];
  const iso = at.toISOString();
  for (const a of actions) {
    if (a.id != null) {
      const old = byId.get(a.id);
      if (!old) throw new DomainError(`Action ${a.id} does not belong to risk ${risk.code}`, 'NOT_FOUND', notFound('riskAction', a.id));
      if (kept.has(a.id)) throw new DomainError(`Action ${a.id} listed twice`, 'DOMAIN', { reason: 'riskActionTwice', params: { actionId: a.id, code: risk.code } });
      kept.add(a.id);
      const next = { description: a.description, owner: a.owner ?? null, dueOn: a.dueOn ?? null, doneOn: a.doneOn ?? null };
      if (!same(old, next)) {
        riskStore.updateAction(ws, riskId, a.id, next, iso);
        changed.push({ id: a.id, from: view(old), to: next });
      }
    } else {
      const row = riskStore.insertAction(ws, riskId, { description: a.description, owner: a.owner ?? null, dueOn: a.dueOn ?? null, doneOn: a.doneOn ?? null }, iso);
      added.push({ id: row.id, ...view(row) });
    }
  }
  const removed = before.filter((a) => !kept.has(a.id));
  for (const a of removed) riskStore.deleteAction(ws, a.id);
  const after = riskStore.actionsOf(ws, riskId);
  if (added.length || changed.length || removed.length) {
    const changes: Record<string, unknown> = {};
    if (added.length) changes.actionsAdded = added;
    if (changed.length) changes.actionsChanged = changed;
    if (removed.length) changes.actionsRemoved = removed.map((a) => ({ id: a.id, ...view(a) }));
    writeHistory(ctx, riskId, changes, snapshotOf(risk), at);
  }
  return { before, after };
}
