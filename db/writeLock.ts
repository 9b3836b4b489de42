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

/** BEGIN IMMEDIATE without waiting: false when another connection writes or this one is inside a transaction. */
function tryBegin(sqlite: Database.Database): boolean {
  if (sqlite.inTransaction) return false;
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    return true;
  } catch (e) {
    if (!isBusy(e)) throw e;
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Per connection, the writes waiting for the lock, in the order they asked: the first one is the next to try. */
const waiting = new WeakMap<Database.Database, Array<() => void>>();

/**
 * Starts a write transaction (BEGIN IMMEDIATE) without blocking the thread: while another connection holds the write
 * lock, or this connection is inside a job's transaction (an in-process import between two awaits), it waits
 * asynchronously and tries again. A deferred transaction that reads and then writes fails at once in WAL mode when
 * another writer is active ("database is locked"); taking the write lock first is what lets a write wait its turn.
 * Writes waiting on one connection go in the order they were made (two edits of the same field in a row keep the
 * second), not in whichever order their retries happen to fire. `onWaiting` is called once if it has to wait (the
 * caller tells the user what it waits for).
 */
export async function beginWrite(sqlite: Database.Database, options: { maxWaitMs?: number; onWaiting?: () => void } = {}): Promise<void> {
  let queue = waiting.get(sqlite);
  if (!queue) waiting.set(sqlite, (queue = []));
  if (!queue.length && tryBegin(sqlite)) return;
  const started = Date.now();
  const maxWait = options.maxWaitMs ?? WRITE_WAIT_MS;
  options.onWaiting?.();
  let wake = () => {};
  const turn = () => wake();
  queue.push(turn);
  try {
    for (;;) {
      if (queue[0] === turn && tryBegin(sqlite)) return;
      const waited = Date.now() - started;
      if (waited >= maxWait) throw new WriteLockTimeout(waited);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RETRY_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    queue.splice(queue.indexOf(turn), 1);
    // The next in line tries as soon as this write's (synchronous) transaction is done.
    const next = queue[0];
    if (next) setImmediate(next);
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
