import Database from 'better-sqlite3';
import { openSqliteFile } from '../../../db/encryption';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Workspace } from '../../../db/database';
import { backupFileName, beforeOperationKind, localDay, parseBackupName, workspaceStem, type BackupKind } from './backupNames';
import { backupFolder } from './backupFolder';
import { backupsToPrune } from './rotation';
import { backupStore, type ChangeMark } from './store';
import { systemClock } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';

export interface BackupFile {
  path: string;
  name: string;
  kind: string;
  /** ISO timestamp the backup was taken. */
  at: string;
  bytes: number;
}

const running = new Map<string, number>();
/** True while an online backup of this workspace file is being written (restore waits for it). */
export function backupInProgress(workspacePath: string): boolean {
  return (running.get(resolve(workspacePath)) ?? 0) > 0;
}

const isFileWorkspace = (ws: Pick<Workspace, 'path'>) => ws.path !== ':memory:';

/** Backups of this workspace in its backup folder, newest first. */
export function listBackups(folder: string, workspacePath: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const stem = workspaceStem(workspacePath);
  const out: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.stem !== stem) continue;
    const path = join(folder, name);
    try {
      out.push({ path, name, kind: parsed.kind, at: parsed.at.toISOString(), bytes: statSync(path).size });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Deletes backups the retention rules no longer keep; returns what was removed. */
export function pruneBackups(folder: string, workspacePath: string): string[] {
  const all = listBackups(folder, workspacePath).map((b) => ({ ...b, at: new Date(b.at) }));
  const removed: string[] = [];
  for (const b of backupsToPrune(all)) {
    try {
      rmSync(b.path, { force: true });
      rmSync(`${b.path}-wal`, { force: true });
      rmSync(`${b.path}-shm`, { force: true });
      removed.push(b.path);
    } catch {
      /* in use or already gone: next time */
    }
  }
  return removed;
}

function targetFor(folder: string, workspacePath: string, kind: string, now: Date): string {
  // Backups hold what the workspace holds (bank accounts, credit codes): a folder and files for their owner only.
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  let at = now;
  let target = join(folder, backupFileName(workspacePath, kind, at));
  while (existsSync(target)) {
    at = new Date(at.getTime() + 1);
    target = join(folder, backupFileName(workspacePath, kind, at));
  }
  return target;
}

/** An empty file readable by its owner only: SQLite writes a backup (online backup, VACUUM INTO) into it and keeps the mode. */
export function ownerOnlyEmptyFile(path: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, '', { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * How a copy is checked before it is kept. `integrity` (PRAGMA integrity_check, O(size × indexes)) for the copies
 * people come back to — daily, manual, `pwb backup --out`; `quick` (PRAGMA quick_check, O(size): every page and
 * record, not whether each index matches its table) for the copies someone waits for: before an operation such as an
 * import, and before a migration, which the person opening the workspace after an upgrade waits for (the full check
 * was three quarters of a first open's backup: 18 s of CPU at 1.2 GB). A damaged page or record still leaves no
 * "good" copy behind; an index that no longer matches its table is found by the full check every start runs on the
 * workspace (README, "Where your data lives"), and a restore checks the file it puts in place in full.
 */
export type BackupCheck = 'integrity' | 'quick';
export const checkForKind = (kind: string): BackupCheck => (kind.startsWith('before-') ? 'quick' : 'integrity');

/**
 * A backup is kept only after its copy passed its check: a damaged workspace must not leave behind a "good" backup
 * that is damaged too (the latest good backup is what restore offers).
 */
export function verifyBackup(path: string, key?: string, check: BackupCheck = 'integrity'): void {
  let result: string;
  let db: Database.Database | null = null;
  try {
    db = openSqliteFile(path, { readonly: true, key });
    result = (check === 'quick' ? backupStore.quickCheck(db) : backupStore.integrityCheck(db)).join('; ');
  } catch (e) {
    result = (e as Error).message;
  } finally {
    db?.close();
  }
  if (result !== 'ok') {
    throw new DomainError(`The backup ${path} failed its integrity check (${result.slice(0, 300)}); the workspace itself may be damaged — it was not kept as a backup`, 'DOMAIN', {
      reason: 'backupCheckFailed',
      params: { path: path.replace(/\.partial$/, ''), findings: result.slice(0, 300) },
    });
  }
}

function describe(path: string, kind: string, now: Date): BackupFile {
  return { path, name: path.split(/[\\/]/).pop()!, kind, at: now.toISOString(), bytes: statSync(path).size };
}

/**
 * A consistent, checked copy of the workspace into `partial` while it stays in use: SQLite's online backup, switched back
 * to a rollback journal (the copy inherits WAL mode; a backup is one self-contained file); for an encrypted workspace
 * VACUUM INTO, which writes the copy with the workspace's key (the online backup API cannot write an encrypted copy).
 */
export async function writeCheckedCopy(ws: Workspace, partial: string, check: BackupCheck = 'integrity'): Promise<void> {
  if (ws.key) backupStore.vacuumInto(ws.sqlite, partial);
  else {
    await ws.sqlite.backup(partial);
    const copy = new Database(partial);
    try {
      backupStore.useRollbackJournal(copy);
    } finally {
      copy.close();
    }
  }
  verifyBackup(partial, ws.key, check);
}

/**
 * SQLite's online backup into the backup folder (a consistent copy while the workspace stays in use).
 * Written to a temporary name first and renamed, so a crash never leaves a half backup under a backup's name.
 */
export async function createBackup(ws: Workspace, kind: BackupKind, now = systemClock().now()): Promise<BackupFile> {
  if (!isFileWorkspace(ws)) throw new DomainError('An in-memory workspace has no file to back up', 'DOMAIN', { reason: 'backupInMemory', params: {} });
  const folder = backupFolder(ws.sqlite, ws.path);
  const target = targetFor(folder, ws.path, kind, now);
  const partial = `${target}.partial`;
  ownerOnlyEmptyFile(partial);
  const key = resolve(ws.path);
  running.set(key, (running.get(key) ?? 0) + 1);
  try {
    await writeCheckedCopy(ws, partial, checkForKind(kind));
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    running.set(key, (running.get(key) ?? 1) - 1);
  }
  pruneBackups(folder, ws.path);
  return describe(target, kind, now);
}

/**
 * The same, synchronously: for places that cannot wait, such as openWorkspace's `beforeMigrate` hook (someone is
 * waiting for the workspace to open) and `pwb encrypt`. Must not be called inside a transaction.
 */
export function createBackupSync(sqlite: Database.Database, workspacePath: string, kind: BackupKind, now = systemClock().now(), key?: string): BackupFile {
  const folder = backupFolder(sqlite, workspacePath);
  const target = targetFor(folder, workspacePath, kind, now);
  const partial = `${target}.partial`;
  ownerOnlyEmptyFile(partial);
  try {
    if (!copyFileWhole(sqlite, workspacePath, partial, key)) backupStore.vacuumInto(sqlite, partial);
    verifyBackup(partial, key, checkForKind(kind));
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  pruneBackups(folder, workspacePath);
  return describe(target, kind, now);
}

/** How long the file copy waits for another connection's read to end before it leaves the copy to VACUUM INTO. */
const READER_WAIT_MS = 250;

/**
 * The workspace file copied as it is, byte for byte (an encrypted file stays encrypted under its key), once everything
 * in its write-ahead log is in it and while holding the write lock, so no commit can reach the file or the log during
 * the copy; the copy is switched to a rollback journal (one self-contained file). A file copy costs the disk's speed —
 * 0.5 s of CPU at 1.2 GB, against 4.9 s for `VACUUM INTO`, which rebuilds every table and index. False (nothing
 * copied) when the log could not be emptied or a commit came between the checkpoint and the lock: the caller then
 * falls back to `VACUUM INTO`.
 */
function copyFileWhole(sqlite: Database.Database, workspacePath: string, partial: string, key?: string): boolean {
  if (!backupStore.checkpointTruncate(sqlite, READER_WAIT_MS)) return false;
  const log = `${resolve(workspacePath)}-wal`;
  const copied = backupStore.withWriteLock(sqlite, () => {
    if (existsSync(log) && statSync(log).size > 0) return false;
    copyFileSync(workspacePath, partial);
    chmodSync(partial, 0o600);
    return true;
  });
  if (!copied) return false;
  const copy = openSqliteFile(partial, { key });
  try {
    backupStore.useRollbackJournal(copy);
  } finally {
    copy.close();
  }
  return true;
}

/** The workspace's write-ahead log moved into its file (the CLI does this before it re-keys or encrypts the file). */
export function checkpointWorkspace(sqlite: Database.Database): void {
  backupStore.checkpointTruncate(sqlite);
}

/**
 * The daily backup: taken on the first start of a (local) day, then old ones rotated out. Null if today's exists, or if
 * nothing was ever entered (no audit record: every change, import and the demo writes one) — a copy of an empty
 * workspace restores nothing and would only push real backups out of the rotation.
 */
export async function ensureDailyBackup(ws: Workspace, now = systemClock().now()): Promise<BackupFile | null> {
  if (!isFileWorkspace(ws)) return null;
  if (!backupStore.hasAuditRecords(ws.sqlite)) return null;
  const folder = backupFolder(ws.sqlite, ws.path);
  const today = localDay(now);
  if (listBackups(folder, ws.path).some((b) => b.kind === 'daily' && localDay(new Date(b.at)) === today)) return null;
  return createBackup(ws, 'daily', now);
}

/** The `beforeMigrate` hook for openWorkspace: a copy of the file as it was, before any migration touches it. */
export function backupBeforeMigration(workspacePath: string, key?: string): (sqlite: Database.Database, from: number, to: number) => void {
  const path = resolve(workspacePath);
  return (sqlite, from, to) => {
    if (path === ':memory:' || workspacePath === ':memory:') return;
    createBackupSync(sqlite, path, `before-migration-${from}-to-${to}`, systemClock().now(), key);
  };
}

/** What a backup file holds (see backupStore.changeMark); null when it cannot be read (gone, or under another passphrase). */
function changeMarkOfFile(path: string, key?: string): ChangeMark | null {
  let db: Database.Database | null = null;
  try {
    db = openSqliteFile(path, { readonly: true, key });
    return backupStore.changeMark(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * The newest backup in the folder when it already holds everything the workspace holds: nothing was written since it
 * was taken (same schema version, same newest audit record — read from the backup file itself, so this holds across
 * restarts and for a backup of any kind). Null when there is none, or the workspace changed since.
 */
export function currentBackup(ws: Workspace): BackupFile | null {
  if (!isFileWorkspace(ws)) return null;
  const newest = listBackups(backupFolder(ws.sqlite, ws.path), ws.path)[0];
  if (!newest) return null;
  const was = changeMarkOfFile(newest.path, ws.key);
  const now = backupStore.changeMark(ws.sqlite);
  return was && was.schemaVersion === now.schemaVersion && was.lastAudit === now.lastAudit ? newest : null;
}

/**
 * What the `backupBefore` operation option does; a no-op for in-memory workspaces (tests). The operation (an import)
 * is one transaction and can be undone, so this copy protects against a bug or regret, not against a crash: when the
 * newest backup already holds the workspace as it is, it is that backup (`reused`), and no new copy is written; a new
 * copy is checked with quick_check (checkForKind).
 */
export async function backupBeforeOperation(ws: Workspace, operation: string): Promise<(BackupFile & { reused: boolean }) | null> {
  if (!isFileWorkspace(ws)) return null;
  const current = currentBackup(ws);
  if (current) return { ...current, reused: true };
  return { ...(await createBackup(ws, beforeOperationKind(operation))), reused: false };
}
