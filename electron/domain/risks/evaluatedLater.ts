import type { Workspace } from '../../../db/database';
import { riskStore } from './store';

/**
 * The partners already evaluated for a later period of the same kind. Auto-risks follow a partner's newest evaluation:
 * re-running an older period must not raise, update or close what a later run decided.
 */
export function partnersEvaluatedLater(ws: Workspace, period: { kind: string; label: string }): Set<number> {
  return new Set(riskStore.partnersEvaluatedAfter(ws, period.kind, period.label));
}
