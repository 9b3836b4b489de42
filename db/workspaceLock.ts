import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { WorkspaceError } from './database';

/** Who has a workspace open (written into the lock file by the holder, read by whoever is refused). */
export interface LockHolder {
  pid: number;
  user: string;
  host: string;
  program: string;
  since: string;
}

export interface WorkspaceLock {
  readonly path: string;
  release(): void;
}

/**
 * The connections that hold locks. A lock must last until release() (or process exit), not until the garbage
 * collector finds the caller dropped its handle: a collected connection closes and silently frees the workspace.
 */
const held = new Set<Database.Database>();

export const lockFileOf = (workspacePath: string) => `${resolve(workspacePath)}.lock`;

const isBusy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: string })?.code ?? ''));

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '?';
  }
}

function readHolder(db: Database.Database): LockHolder | null {
  try {
    return (db.prepare('select pid, user, host, program, since from holder limit 1').get() as LockHolder | undefined) ?? null;
  } catch {
    return null;
  }
}

export function describeHolder(h: LockHolder | null): string {
  return h ? `${h.program} (process ${h.pid}, user ${h.user} on ${h.host}, since ${h.since})` : 'another program';
}

export class WorkspaceInUse extends WorkspaceError {
  constructor(
    readonly workspacePath: string,
    readonly holder: LockHolder | null,
    action: string,
  ) {
    super(`${workspacePath} is open in ${describeHolder(holder)}. ${action}`, 'IN_USE', { file: workspacePath, action, ...(holder ? { program: holder.program, pid: holder.pid, user: holder.user, host: holder.host, since: holder.since } : {}) });
  }
}

/**
 * One process per workspace. The lock is SQLite's own file lock on a small side file (`<workspace>.lock`): the holder
 * keeps a write transaction (RESERVED lock) open on it for as long as it runs, so the operating system drops the lock
 * when the process exits or dies — no stale lock after a crash. Readers can still read the holder row, which is how a
 * refused second instance names who has the workspace.
 */
export function lockWorkspace(workspacePath: string, program: string, refusal = 'Close it there first (only one program can have a workspace open at a time).'): WorkspaceLock {
  const file = resolve(workspacePath);
  const path = lockFileOf(file);
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    throw new WorkspaceError(`Cannot create the lock file ${path}: ${(e as Error).message}`, 'OPEN_FAILED');
  }
  const refuse = (): never => {
    const holder = readHolder(db);
    db.close();
    throw new WorkspaceInUse(file, holder, refusal);
  };
  try {
    chmodSync(path, 0o600);
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.exec('create table if not exists holder (pid integer, user text, host text, program text, since text)');
    db.exec('BEGIN IMMEDIATE');
    db.prepare('delete from holder').run();
    db.prepare('insert into holder values (?, ?, ?, ?, ?)').run(process.pid, currentUser(), hostname(), program, new Date().toISOString());
    // Commit so others can read who holds it, then take the lock again at once: if someone slipped in between, they
    // hold it now and this process is the one refused.
    db.exec('COMMIT');
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (isBusy(e)) refuse();
    db.close();
    throw e;
  }
  held.add(db);
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        db.exec('ROLLBACK');
        db.exec('delete from holder');
      } catch {
        /* someone else may already hold it again */
      }
      db.close();
      held.delete(db);
    },
  };
}

/** Who holds the workspace now, or null when nobody has it open. */
export function workspaceHolder(workspacePath: string): LockHolder | null {
  try {
    const lock = lockWorkspace(workspacePath, 'probe');
    lock.release();
    return null;
  } catch (e) {
    if (e instanceof WorkspaceInUse) return e.holder ?? { pid: 0, user: '?', host: '?', program: 'another program', since: '' };
    throw e;
  }
}

/** Runs `fn` holding the workspace's lock (the CLI's restore): refused, naming the holder, while another program has it open. */
export function withWorkspaceLock<T>(workspacePath: string, program: string, refusal: string, fn: () => T): T {
  const lock = lockWorkspace(workspacePath, program, refusal);
  try {
    return fn();
  } finally {
    lock.release();
  }
}
