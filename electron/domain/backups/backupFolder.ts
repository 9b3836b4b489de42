import type Database from 'better-sqlite3';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Setting key: where automatic and manual backups go (absolute, or relative to the workspace's folder). */
export const BACKUP_FOLDER_SETTING = 'backup.folder';

/** Reads the setting through the raw handle: also works on an older schema just before a migration. */
function folderSetting(sqlite: Database.Database): string | null {
  try {
    const row = sqlite.prepare('select value from settings where key = ?').get(BACKUP_FOLDER_SETTING) as { value: string } | undefined;
    if (!row) return null;
    const v = JSON.parse(row.value) as unknown;
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  } catch {
    return null;
  }
}

/** The backup folder of a workspace: settings 'backup.folder', default a `backups` folder next to the workspace file. */
export function backupFolder(sqlite: Database.Database, workspacePath: string): string {
  const base = dirname(resolve(workspacePath));
  const configured = folderSetting(sqlite);
  if (!configured) return join(base, 'backups');
  return isAbsolute(configured) ? configured : resolve(base, configured);
}
