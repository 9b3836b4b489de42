import type { Workspace } from '../../../db/database';

/**
 * The partners already evaluated for a later period of the same kind. Auto-risks follow a partner's newest evaluation:
 * re-running an older period must not raise, update or close what a later run decided.
 */
export function partnersEvaluatedLater(ws: Workspace, period: { kind: string; label: string }): Set<number> {
  return new Set(
    ws.sqlite
      .prepare(
        `select distinct s.partner_id from evaluation_runs r join scorecards s on s.run_id = r.id
         where r.status = 'completed' and r.period_kind = ? and r.period > ?`,
      )
      .pluck()
      .all(period.kind, period.label) as number[],
  );
}
