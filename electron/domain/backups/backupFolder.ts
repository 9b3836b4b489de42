import type Database from 'better-sqlite3';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { backupStore } from './store';

/** Setting key: where automatic and manual backups go (absolute, or relative to the workspace's folder). */
export const BACKUP_FOLDER_SETTING = 'backup.folder';

/** Reads the setting through the raw handle: also works on an older schema just before a migration. */
function folderSetting(sqlite: Database.Database): string | null {
  try {
    const text = backupStore.folderSettingText(sqlite, BACKUP_FOLDER_SETTING);
    if (text === undefined) return null;
    const v = JSON.parse(text) as unknown;
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
