import { lockWorkspace } from '../../../db/workspaceLock';
import { backupBeforeMigration, ensureDailyBackup } from './backupService';
import { openReopenableWorkspace, type ReopenableWorkspace } from './reopenableWorkspace';

/**
 * How the desktop app and the web server open the workspace: one process at a time (the workspace lock, released
 * by the OS if the process dies; a second instance is refused naming the holder), a backup before any pending
 * migration, and a handle that can be reopened in place (restore).
 */
export function openAppWorkspace(path: string, program = 'Partner Workbench', key?: string): ReopenableWorkspace {
  const lock = lockWorkspace(path, program);
  try {
    const ws = openReopenableWorkspace(path, { beforeMigrate: backupBeforeMigration(path, key), key });
    const close = ws.close;
    ws.close = () => {
      try {
        close();
      } finally {
        lock.release();
      }
    };
    return ws;
  } catch (e) {
    lock.release();
    throw e;
  }
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
