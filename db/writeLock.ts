import type Database from 'better-sqlite3';

/** How long a write waits for another writer (an import, an evaluation run, another program) before giving up. */
export const WRITE_WAIT_MS = 30 * 60 * 1000;
const RETRY_MS = 20;

export class WriteLockTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super(`The workspace stayed busy for ${Math.round(waitedMs / 1000)} s (another job or program is writing); nothing was changed, try again`);
    this.name = 'WriteLockTimeout';
  }
}

export const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: string })?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
};

/**
 * Starts a write transaction (BEGIN IMMEDIATE) without blocking the thread: while another connection holds the write
 * lock, or this connection is inside a job's transaction (an in-process import between two awaits), it waits
 * asynchronously and tries again. A deferred transaction that reads and then writes fails at once in WAL mode when
 * another writer is active ("database is locked"); taking the write lock first is what lets a write wait its turn.
 * `onWaiting` is called once if it has to wait (the caller tells the user what it waits for).
 */
export async function beginWrite(sqlite: Database.Database, options: { maxWaitMs?: number; onWaiting?: () => void } = {}): Promise<void> {
  const started = Date.now();
  const maxWait = options.maxWaitMs ?? WRITE_WAIT_MS;
  let told = false;
  for (;;) {
    if (!sqlite.inTransaction) {
      const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
      sqlite.pragma('busy_timeout = 0');
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if (!isBusy(e)) throw e;
      } finally {
        sqlite.pragma(`busy_timeout = ${timeout}`);
      }
    }
    const waited = Date.now() - started;
    if (waited >= maxWait) throw new WriteLockTimeout(waited);
    if (!told) {
      told = true;
      options.onWaiting?.();
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

/** Runs `fn` in a write transaction started by beginWrite: COMMIT after it returns, ROLLBACK if it throws. */
export async function inWriteTransaction<T>(sqlite: Database.Database, fn: () => T, options?: Parameters<typeof beginWrite>[1]): Promise<T> {
  await beginWrite(sqlite, options);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  }
  sqlite.exec('COMMIT');
  return result;
}
