import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { WorkspaceHealth } from '../../model/system';
import { systemStore } from './store';
import { systemClock } from '../../../shared/clock';

/**
 * Whether the open workspace is known to be damaged. The app and the web server run `quick_check` when they open it
 * and a full `integrity_check` in the background after; `pwb check` / `system.check` update it too. While it is
 * damaged every change is refused (writing into a damaged file spreads the damage and hides it in later backups);
 * restoring a backup is what is left to do.
 */
const byPath = new Map<string, WorkspaceHealth>();

export function healthOf(ws: Pick<Workspace, 'path'>): WorkspaceHealth {
  return byPath.get(ws.path) ?? { status: 'unchecked', findings: [], checkedAt: null, full: false };
}

export function setHealth(ws: Pick<Workspace, 'path'>, findings: string[], full: boolean): WorkspaceHealth {
  const h: WorkspaceHealth = { status: findings.length ? 'damaged' : 'ok', findings: findings.slice(0, 20), checkedAt: systemClock().now().toISOString(), full };
  // A quick check that finds nothing does not clear what a full check found.
  const before = byPath.get(ws.path);
  if (!findings.length && !full && before?.status === 'damaged' && before.full) return before;
  byPath.set(ws.path, h);
  return h;
}

/** SQLite's answer to a check pragma: ['ok'] when healthy, else the problems (or why the check could not run). */
function run(ws: Workspace, pragma: string): string[] {
  try {
    const rows = systemStore.checkPragma(ws.sqlite, pragma);
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  } catch (e) {
    return [`${pragma} could not complete: ${(e as Error).message}`];
  }
}

/** `quick_check` (every page read, no index cross-check): fast enough for every open. */
export function quickCheck(ws: Workspace): WorkspaceHealth {
  return setHealth(ws, run(ws, 'quick_check'), false);
}

/**
 * The full `integrity_check`, one table at a time with a turn of the event loop in between, so the window and the
 * browser bridge keep answering while a large workspace is checked in the background.
 */
export async function fullCheckInBackground(ws: Workspace): Promise<WorkspaceHealth> {
  const findings: string[] = [];
  let tables: string[];
  try {
    tables = systemStore.tableNames(ws.sqlite);
  } catch (e) {
    return setHealth(ws, [`integrity_check could not complete: ${(e as Error).message}`], true);
  }
  for (const t of tables) {
    await new Promise((r) => setImmediate(r));
    findings.push(...run(ws, `integrity_check(${JSON.stringify(t)})`));
  }
  return setHealth(ws, findings, true);
}

const ALLOWED_WHILE_DAMAGED = new Set(['backups.restore']);

/** Refuses a change to a workspace known to be damaged, saying what to do instead. */
export function refuseIfDamaged(ws: Pick<Workspace, 'path'>, operation: string): void {
  const h = healthOf(ws);
  if (h.status !== 'damaged' || ALLOWED_WHILE_DAMAGED.has(operation)) return;
  throw new DomainError(
    `The workspace ${ws.path} is damaged (${h.findings[0] ?? 'integrity check failed'}): changes are refused to protect your data. Restore the latest good backup (Settings → Backups, or pwb restore).`,
    'DOMAIN',
    { reason: 'workspaceDamaged', params: { path: ws.path, finding: h.findings[0] ?? '' } },
  );
}
