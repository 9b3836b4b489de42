import type Database from 'better-sqlite3';
import type { auditLog } from '../../../db/schema';

/**
 * The backups area's store: its SQL. Backups work on SQLite files as files (copies, integrity, schema version, a
 * count of what is in them), mostly through raw handles of files that are not the open workspace, so the statements
 * are typed prepared statements rather than drizzle queries. The rules (where backups go, rotation, what makes a file
 * restorable) stay in the area's other files.
 */
type AuditRow = typeof auditLog.$inferSelect;
type AuditAt = AuditRow['at'];

/** See backupStore.changeMark. */
export interface ChangeMark {
  schemaVersion: number;
  /** The newest audit record's id, time, operation and outcome; null when nothing was ever recorded. */
  lastAudit: string | null;
}

export const backupStore = {
  /** The raw `backup.folder` setting (JSON text), read without drizzle: it also works on an older schema before a migration. */
  folderSettingText(sqlite: Database.Database, key: string): string | undefined {
    return sqlite.prepare<[string], { value: string }>('select value from settings where key = ?').get(key)?.value;
  },
  /**
   * Moves the write-ahead log into the file and empties it (before the file is handled as one, e.g. re-keyed). False
   * when it could not all be moved (another connection still reads an older snapshot); `waitMs` bounds the wait for
   * such a reader (the connection's busy timeout otherwise).
   */
  checkpointTruncate(sqlite: Database.Database, waitMs?: number): boolean {
    const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    if (waitMs !== undefined) sqlite.pragma(`busy_timeout = ${Math.trunc(waitMs)}`);
    try {
      const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return r.busy === 0;
    } finally {
      if (waitMs !== undefined) sqlite.pragma(`busy_timeout = ${timeout}`);
    }
  },
  /** Runs `fn` holding the write lock (BEGIN IMMEDIATE … ROLLBACK): no connection can commit meanwhile. */
  withWriteLock<T>(sqlite: Database.Database, fn: () => T): T {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      return fn();
    } finally {
      sqlite.exec('ROLLBACK');
    }
  },
  /** A transactionally consistent copy of the database (encrypted with the source's key if it has one). */
  vacuumInto(sqlite: Database.Database, path: string): void {
    sqlite.prepare<[string]>('VACUUM INTO ?').run(path);
  },
  /** An online-backup copy inherits WAL mode; a backup is one self-contained file, so it goes back to a rollback journal. */
  useRollbackJournal(copy: Database.Database): void {
    copy.pragma('journal_mode = DELETE');
  },
  /** `PRAGMA integrity_check`: ['ok'] for an intact file, else its findings. */
  integrityCheck(db: Database.Database): string[] {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  },
  /**
   * `PRAGMA quick_check`: every page, record and freelist checked as integrity_check does, but not whether each index
   * holds exactly its table's rows — O(size) instead of O(size × indexes). ['ok'] for an intact file.
   */
  quickCheck(db: Database.Database): string[] {
    return (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check);
  },
  /**
   * What the file holds, as far as a copy of it can tell: its schema version and its newest audit record (every change,
   * import, undo and the demo writes one, in the transaction of the change; a restore writes one into the file it puts
   * in place). Two files with the same mark hold the same changes. One indexed read: cheap on any size.
   */
  changeMark(db: Database.Database): ChangeMark {
    const last = db
      .prepare<[], Pick<AuditRow, 'id' | 'at' | 'operation' | 'outcome'>>('select id, at, operation, outcome from audit_log order by id desc limit 1')
      .get();
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number, lastAudit: last ? `${last.id}|${last.at}|${last.operation}|${last.outcome}` : null };
  },
  /** The schema version the file was last migrated to (`PRAGMA user_version`). */
  schemaVersion(db: Database.Database): number {
    return db.pragma('user_version', { simple: true }) as number;
  },
  tableNames(db: Database.Database): Set<string> {
    return new Set(db.prepare<[], { name: string }>("select name from sqlite_master where type = 'table'").all().map((r) => r.name));
  },
  /** Rows of one table; `table` comes from the code's own list, never from input. */
  rowCount(db: Database.Database, table: string): number {
    return db.prepare<[], { n: number }>(`select count(*) as n from "${table}"`).get()!.n;
  },
  lastChangeAt(db: Database.Database): AuditAt | null {
    return db.prepare<[], { at: AuditAt | null }>('select max(at) as at from audit_log').get()!.at;
  },
  /** Whether anything was ever entered (every change, import and the demo writes an audit record). */
  hasAuditRecords(sqlite: Database.Database): boolean {
    return sqlite.prepare<[], number>('select exists(select 1 from audit_log)').pluck().get() === 1;
  },
};
