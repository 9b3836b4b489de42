import { backupBeforeMigration, ensureDailyBackup } from './backupService';
import { openReopenableWorkspace, type ReopenableWorkspace } from './reopenableWorkspace';

/**
 * How the desktop app and the web server open the workspace: a backup is taken before any pending migration,
 * and the handle can be reopened in place (restore).
 */
export function openAppWorkspace(path: string): ReopenableWorkspace {
  return openReopenableWorkspace(path, { beforeMigrate: backupBeforeMigration(path) });
}

/** The daily backup, in the background after start; failures are reported, never fatal. */
export function startDailyBackup(ws: ReopenableWorkspace, report: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<void> {
  return ensureDailyBackup(ws).then(
    (b) => {
      if (b) report(`Daily backup written: ${b.path}`);
    },
    (e: unknown) => report(`Daily backup failed: ${(e as Error).message}`),
  );
}
