import type { Workspace } from '../../../db/database';
import { defaultMigrationsFolder, schemaVersionOf } from '../../../db/database';
import { verifySeals } from '../incentives/approvalSeal';
import { systemStore } from './store';

/** Tables whose row counts `check` and `info` report. */
export const COUNTED_TABLES = [
  'partners',
  'sales_lines',
  'targets',
  'feedback',
  'training_courses',
  'training_records',
  'incentive_programs',
  'payout_runs',
  'payout_lines',
  'risks',
  'deal_registrations',
  'mdf_funds',
  'mdf_requests',
  'mdf_claims',
  'mdf_proof_files',
  'evaluation_runs',
  'scorecards',
  'imports',
  'audit_log',
] as const;

export function rowCounts(ws: Workspace): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of COUNTED_TABLES) out[t] = systemStore.rowCount(ws.sqlite, t);
  return out;
}

export function schemaVersions(ws: Workspace): { schemaVersion: number; appSchemaVersion: number } {
  return {
    schemaVersion: systemStore.schemaVersion(ws.sqlite),
    appSchemaVersion: schemaVersionOf(defaultMigrationsFolder()),
  };
}

/** A step of the check that SQLite could not even run (a damaged file): its message is the finding. */
function attempt<T>(fn: () => T, fallback: (message: string) => T): T {
  try {
    return fn();
  } catch (e) {
    return fallback((e as Error).message);
  }
}

/** Integrity, foreign keys, schema version, row counts: a damaged workspace is reported as findings, never a crash. */
export function checkWorkspace(ws: Workspace) {
  const integrity = attempt(
    () => systemStore.integrityCheck(ws.sqlite),
    (m) => [`integrity check could not complete: ${m}`],
  );
  const fk = attempt(() => systemStore.foreignKeyCheck(ws.sqlite), (m) => [{ table: `(check failed: ${m})`, rowid: 0, parent: '' }]);
  const versions = attempt(() => schemaVersions(ws), () => ({ schemaVersion: -1, appSchemaVersion: schemaVersionOf(defaultMigrationsFolder()) }));
  const counts = attempt(() => rowCounts(ws), () => ({}) as ReturnType<typeof rowCounts>);
  const seals = attempt(() => verifySeals(ws), () => []);
  return {
    ok: integrity.length === 1 && integrity[0] === 'ok' && fk.length === 0 && versions.schemaVersion === versions.appSchemaVersion && !seals.some((s) => s.problem === 'broken'),
    integrity,
    foreignKeyViolations: fk.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent })),
    ...versions,
    counts,
    /** Approved and paid payout runs whose seal is missing (approved before seals) or no longer matches (tampered). */
    payoutSeals: seals,
  };
}
