import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';

/** An existing workspace whose schema is older than the app's: opening it backs it up, then migrates it. */
export interface PendingMigration {
  path: string;
  from: number;
  to: number;
}

/**
 * Whether opening `path` will migrate it (read without changing it): null for a new or missing file, a current one, one
 * written by a newer app (the open refuses it), an encrypted one (its version cannot be read without the key; the open
 * migrates it all the same) or anything that is not a workspace.
 */
export function pendingMigration(path: string, appVersion: number): PendingMigration | null {
  if (!existsSync(path)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const from = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() as number;
    return tables > 0 && from < appVersion ? { path, from, to: appVersion } : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * What the app says while it opens an older workspace (a splash in the desktop app, a line on stderr for the browser-mode
 * server and the CLI): the backup first, then the schema update; minutes on a big workspace (README "Workspace file").
 */
export function upgradeNotice(p: PendingMigration, lang: 'zh-CN' | 'en'): string {
  const file = basename(p.path);
  return lang === 'zh-CN'
    ? `正在升级工作区 ${file}（结构版本 ${p.from} → ${p.to}）：先完整备份，再更新数据结构。数百万条明细的工作区需要几分钟，请勿关闭。`
    : `Upgrading the workspace ${file} (schema ${p.from} → ${p.to}): a full backup first, then the update. A workspace of millions of lines takes a few minutes; please do not close the app.`;
}
