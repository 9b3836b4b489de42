import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lockWorkspace } from '../../../db/workspaceLock';
import { fullCheckInBackground, healthOf, quickCheck } from '../system/workspaceHealth';
import { backupFolder } from './backupFolder';
import { workspaceStem } from './backupNames';
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
    // A damaged file still opens (so the app can offer a restore), but changes are refused until it is replaced.
    quickCheck(ws);
    removeStalePartials(ws);
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

/**
 * `.partial` files of this workspace's backups left by a process killed mid-backup (a backup is written under
 * `.partial`, verified, then renamed). Safe to delete now: this process holds the workspace lock, so no other
 * process is writing one.
 */
function removeStalePartials(ws: ReopenableWorkspace): void {
  try {
    const folder = backupFolder(ws.sqlite, ws.path);
    const stem = `${workspaceStem(ws.path)}_`;
    for (const f of existsSync(folder) ? readdirSync(folder) : []) if (f.startsWith(stem) && f.endsWith('.partial')) rmSync(join(folder, f), { force: true });
  } catch {
    /* housekeeping only */
  }
}

/** The full integrity check after start, in the background; a damaged workspace is reported and refuses changes. */
export function startFullCheck(ws: ReopenableWorkspace, report: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<void> {
  return fullCheckInBackground(ws).then((h) => {
    if (h.status === 'damaged') report(`The workspace ${ws.path} is damaged (${h.findings[0]}): changes are refused; restore the latest good backup.`);
  });
}

/** The daily backup, in the background after start; failures are reported, never fatal. */
export function startDailyBackup(ws: ReopenableWorkspace, report: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<void> {
  if (healthOf(ws).status === 'damaged') {
    report('Daily backup skipped: the workspace is damaged (a copy of it would not be a good backup)');
    return Promise.resolve();
  }
  return ensureDailyBackup(ws).then(
    (b) => {
      if (b) report(`Daily backup written: ${b.path}`);
    },
    (e: unknown) => report(`Daily backup failed: ${(e as Error).message}`),
  );
}
