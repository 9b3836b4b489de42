import { openSqliteFile } from '../../../db/encryption';
import { copyFileSync, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openWorkspace, type OpenOptions } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { writeAudit } from '../audit/writer';
import { type BackupInspection } from '../../model/backups';
import { inspectBackup } from './inspectBackup';
import { backupStore } from './store';
import { systemClock } from '../../../shared/clock';

export interface RestoreResult {
  /** The workspace file, now holding the backup's data. */
  path: string;
  from: string;
  /** Where the replaced workspace was kept (null if there was none). */
  replacedPath: string | null;
  schemaVersionBefore: number | null;
  schemaVersion: number;
  inspection: BackupInspection;
}

const pad = (n: number) => String(n).padStart(2, '0');
function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function moveIfExists(from: string, to: string) {
  if (existsSync(from)) renameSync(from, to);
}

export interface RestoreOptions {
  openOptions?: OpenOptions;
  /** Write the 'backups.restore' audit record into the restored workspace (the CLI; the app's dispatcher does its own). */
  auditUser?: string;
  now?: Date;
}

/**
 * Replaces the workspace file `dbPath` with the backup `from`, working on closed files only:
 * 1. the backup is copied (SQLite `VACUUM INTO`, which also folds in a `-wal` next to it) to a staging file beside the workspace;
 * 2. the staging copy is validated (integrity_check, schema version ≤ the app's, workspace tables) — on failure nothing is touched;
 * 3. the current file is kept as `<name>.replaced-<timestamp>` (hard link, then its -wal/-shm moved along), and the staging file
 *    atomically renamed over the workspace — a crash at any step leaves a valid workspace (old or new) at `dbPath`;
 * 4. the result is opened once (older backups are migrated, with the usual before-migration backup); if that fails the old file
 *    is put back.
 */
export function restoreWorkspaceFile(dbPath: string, from: string, options: RestoreOptions = {}): RestoreResult {
  const path = resolve(dbPath);
  const source = resolve(from);
  const now = options.now ?? systemClock().now();
  if (path === source) throw new DomainError('The backup to restore is the workspace itself', 'DOMAIN', { reason: 'restoreIsWorkspace', params: {} });
  const key = options.openOptions?.key;
  const precheck = inspectBackup(source, options.openOptions?.migrationsFolder, key);
  if (!precheck.ok) throw new DomainError(`Not restored: ${source} ${precheck.problems.join('; ')}`, 'DOMAIN', {
      ...precheck,
      reason: 'restoreNotUsable',
      params: { path: source, issues: precheck.issues },
    });

  const staging = `${path}.restoring-${stamp(now)}`;
  rmSync(staging, { force: true });
  const src = openSqliteFile(source, { readonly: true, key });
  try {
    backupStore.vacuumInto(src, staging);
  } finally {
    src.close();
  }
  // VACUUM INTO keeps the page content and user_version; check the copy we are about to put in place.
  const inspection = inspectBackup(staging, options.openOptions?.migrationsFolder, key);
  if (!inspection.ok) {
    rmSync(staging, { force: true });
    throw new DomainError(`Not restored: the copy of ${source} failed validation: ${inspection.problems.join('; ')}`, 'DOMAIN', {
      ...inspection,
      reason: 'restoreCopyInvalid',
      params: { path: source, issues: inspection.issues },
    });
  }

  let replacedPath: string | null = null;
  let schemaVersionBefore: number | null = null;
  if (existsSync(path)) {
    try {
      const cur = openSqliteFile(path, { readonly: true, key });
      schemaVersionBefore = backupStore.schemaVersion(cur);
      cur.close();
    } catch {
      schemaVersionBefore = null; // a damaged workspace is exactly what one restores over
    }
    replacedPath = `${path}.replaced-${stamp(now)}`;
    let n = 1;
    while (existsSync(replacedPath)) replacedPath = `${path}.replaced-${stamp(now)}-${++n}`;
    try {
      linkSync(path, replacedPath);
    } catch {
      copyFileSync(path, replacedPath);
    }
    moveIfExists(`${path}-wal`, `${replacedPath}-wal`);
    moveIfExists(`${path}-shm`, `${replacedPath}-shm`);
  }
  renameSync(staging, path);

  try {
    const ws = openWorkspace(path, options.openOptions);
    try {
      const schemaVersion = backupStore.schemaVersion(ws.sqlite);
      if (options.auditUser) {
        writeAudit(ws.sqlite, options.auditUser, {
          operation: 'backups.restore',
          entity: 'workspace',
          entityId: path,
          before: { replacedPath, schemaVersion: schemaVersionBefore },
          after: { from: source, schemaVersion },
        }, now);
      }
      return { path, from: source, replacedPath, schemaVersionBefore, schemaVersion, inspection };
    } finally {
      ws.close();
    }
  } catch (e) {
    // Put the old workspace back exactly as it was.
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    if (replacedPath) {
      renameSync(replacedPath, path);
      moveIfExists(`${replacedPath}-wal`, `${path}-wal`);
      moveIfExists(`${replacedPath}-shm`, `${path}-shm`);
    } else rmSync(path, { force: true });
    throw e instanceof DomainError ? e : new DomainError(`Not restored: opening the restored workspace failed: ${(e as Error).message}`, 'DOMAIN', {
          reason: 'restoreOpenFailed',
          params: { path: source, detail: (e as Error).message },
        });
  }
}
