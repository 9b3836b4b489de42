import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { applyKey, isPlainSqliteFile } from './encryption';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChangeLogTriggers } from './changeLog';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;

/** An open workspace: the raw better-sqlite3 handle (for hot paths and pragmas) and the drizzle view of it. */
export interface Workspace {
  path: string;
  sqlite: Database.Database;
  db: Db;
  /** The passphrase of an encrypted workspace (kept in memory to open its backups and job connections). */
  key?: string;
  close(): void;
}

export class WorkspaceError extends Error {
  constructor(
    message: string,
    readonly code: 'NEWER_VERSION' | 'NOT_A_WORKSPACE' | 'MIGRATION_FAILED' | 'OPEN_FAILED' | 'IN_USE' | 'WRONG_KEY' | 'ENCRYPTED' | 'READ_ONLY',
    /** What a reader's words need besides the code (the file, versions, who holds it): the CLI words them in its language. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

interface Journal {
  entries: Array<{ idx: number; tag: string; when: number }>;
}

/** The folder and its ancestors: source files, bundles in out/main[/chunks] and packaged apps all find their files by walking up. */
export function ancestors(from: string, levels = 6): string[] {
  const out = [from];
  for (let i = 0; i < levels; i++) out.push(dirname(out[out.length - 1]));
  return out;
}

/** The migrations folder: db/migrations above the running code (sources, tests, build), or `migrations` in a packaged app. */
export function defaultMigrationsFolder(): string {
  const resources = (process as unknown as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.PWB_MIGRATIONS,
    ...ancestors(dirname(fileURLToPath(import.meta.url))).flatMap((d) => [join(d, 'migrations'), join(d, 'db', 'migrations')]),
    resources ? join(resources, 'migrations') : undefined,
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'meta', '_journal.json'))) return c;
  throw new WorkspaceError('Migrations folder not found (set PWB_MIGRATIONS)', 'OPEN_FAILED');
}

export function schemaVersionOf(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

export interface OpenOptions {
  migrationsFolder?: string;
  readonly?: boolean;
  /** Passphrase of an encrypted workspace; a new file opened with a key is created encrypted. */
  key?: string;
  /** Called before pending migrations are applied to an existing, non-empty workspace (the backup hook). */
  beforeMigrate?: (sqlite: Database.Database, from: number, to: number) => void;
}

/**
 * Opens (creating if needed) a workspace file: WAL, foreign keys, busy timeout, then pending migrations.
 * `PRAGMA user_version` records the schema version; a file written by a newer app is refused untouched.
 */
export function openWorkspace(path: string, options: OpenOptions = {}): Workspace {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const appVersion = schemaVersionOf(migrationsFolder);
  if (!options.readonly && !memory && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const isNew = !memory && !existsSync(file);
  if (!memory && !isNew && !options.readonly) refuseReadOnly(file);

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new WorkspaceError(`Cannot open workspace ${file}: ${(e as Error).message}`, 'OPEN_FAILED');
  }
  try {
    if (!memory && !options.readonly) ownerOnly(file, isNew);
    if (options.key) applyKey(sqlite, options.key);
    // Read the version before touching anything: a newer file must not even be switched to WAL.
    let fileVersion: number;
    try {
      fileVersion = sqlite.pragma('user_version', { simple: true }) as number;
      sqlite.prepare('select count(*) from sqlite_master').get();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
        if (options.key && isPlainSqliteFile(file)) throw new WorkspaceError(`${file} is not encrypted: open it without a passphrase (pwb encrypt encrypts it)`, 'WRONG_KEY', { file, plain: 1 });
        if (options.key) throw new WorkspaceError(`Wrong passphrase for ${file} (or it is not a workspace); nothing was changed`, 'WRONG_KEY', { file });
        throw new WorkspaceError(`${file} is not a Partner Workbench workspace, or it is encrypted: give its passphrase (--key-file FILE or PWB_KEY)`, 'ENCRYPTED', { file });
      }
      throw new WorkspaceError(`${file} is not a Partner Workbench workspace (${(e as Error).message})`, 'NOT_A_WORKSPACE');
    }
    if (fileVersion > appVersion) {
      throw new WorkspaceError(
        `${file} was written by a newer version of Partner Workbench (schema ${fileVersion}, this app knows ${appVersion}). Update the app to open it; the file was not changed.`,
        'NEWER_VERSION',
        { file, fileVersion, appVersion },
      );
    }
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // REPLACE then fires delete triggers for the rows it deletes (the schema refuses replacing frozen rows anyway).
    sqlite.pragma('recursive_triggers = ON');
    if (!options.readonly && !memory) {
      try {
        sqlite.pragma('journal_mode = WAL');
      } catch (e) {
        if (/^SQLITE_READONLY/.test((e as { code?: string }).code ?? '')) throw readOnlyError(file, 'the disk or the file is read-only');
        throw e;
      }
      sqlite.pragma('synchronous = NORMAL');
    }
    pinTempCache(sqlite);
    registerReferenceGuard(sqlite);
    const db = drizzle(sqlite, { schema });
    if (!options.readonly && fileVersion < appVersion) {
      const hasTables = (sqlite.prepare("select count(*) as n from sqlite_master where type='table'").get() as { n: number }).n > 0;
      if (hasTables && options.beforeMigrate) options.beforeMigrate(sqlite, fileVersion, appVersion);
      try {
        // drizzle's migrator runs all pending migrations in one transaction; user_version moves with it.
        sqlite.pragma('foreign_keys = OFF');
        migrate(db, { migrationsFolder });
        sqlite.pragma(`user_version = ${appVersion}`);
        sqlite.pragma('foreign_keys = ON');
      } catch (e) {
        throw new WorkspaceError(`Migrating ${file} failed: ${(e as Error).message}`, 'MIGRATION_FAILED');
      }
      refreshStatistics(sqlite);
    }
    if (!options.readonly) ensureChangeLogTriggers(sqlite);
    return { path: file, sqlite, db, key: options.key, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/**
 * The TEMP database's page cache, set to the main file's (SQLite's default, SQLITE_DEFAULT_CACHE_SIZE) on every
 * connection. Without it `temp.cache_size` reads 0 on every workspace that already exists: the first statement that
 * loads the schema (the version check above, or the WAL switch) marks the TEMP schema loaded while the TEMP database is
 * not open yet, so its recorded cache size stays 0 (SQLite fills it in only when TEMP is open at that moment: on a new
 * file the migrations' schema reset happens to open it). The TEMP pager itself starts at the default when TEMP opens,
 * but anything that saves and restores the size (the sell-through upkeep's withTempCache, inventory/store.ts) read 0
 * and restored 0 — SQLite's minimum cache — for the rest of the session. Setting it explicitly makes the recorded size
 * and the pager's agree, and the same again if TEMP is closed and reopened (a temp_store change).
 */
function pinTempCache(sqlite: Database.Database): void {
  const size = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`temp.cache_size = ${size}`);
}

/**
 * Statistics after a migration. The app never runs ANALYZE: a workspace it made has no statistics, and its hot reads are
 * written and plan-tested for that (INDEXED BY, CROSS JOIN where the planner could go wrong). A file that has them
 * (someone ANALYZEd it: bench:evaluate's cached file, a support copy) loses them for what a migration creates or
 * rebuilds while the file's other indexes keep theirs, and the planner then prefers the indexes it has figures for
 * (migration 0029's covering indexes lost to the unique ones). So after migrating a file with statistics, PRAGMA
 * optimize analyzes the tables that lack them or changed size, within SQLite's own analysis limit (~0.4 s, 0.25 s CPU
 * at 10k partners / 5M lines after migration 0031); a file without statistics stays without.
 */
function refreshStatistics(sqlite: Database.Database): void {
  if (sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'sqlite_stat1'").get()) sqlite.pragma('optimize = 0x10002');
}

function readOnlyError(file: string, why: string): WorkspaceError {
  return new WorkspaceError(
    `Cannot open the workspace ${file} for changes: ${why}. Nothing was changed. Ask for write access, or copy the file to a folder you can write to.`,
    'READ_ONLY',
  );
}

/**
 * SQLite opens a file it cannot write read-only without a word, and then fails (or, on some systems, spins) at the
 * first write, deep inside an import: refuse at once, naming the file and why. WAL also needs the folder writable
 * (it creates -wal and -shm beside the file).
 */
function refuseReadOnly(file: string): void {
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (!writable(file)) throw readOnlyError(file, 'the file is read-only for this user');
  if (!writable(dirname(file)) && !(writable(`${file}-wal`) && writable(`${file}-shm`))) throw readOnlyError(file, `its folder ${dirname(file)} is read-only for this user`);
}

/**
 * Workspaces hold bank accounts, credit codes and phone numbers: a new file is readable by its owner only, and an
 * existing one this user owns loses group/other access on open (SQLite gives -wal/-shm the database's mode).
 */
function ownerOnly(file: string, isNew: boolean): void {
  try {
    const st = statSync(file);
    const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
    if ((isNew || mine) && (st.mode & 0o077) !== 0) chmodSync(file, st.mode & 0o700);
  } catch {
    /* not fatal: e.g. a file system without modes */
  }
}

/** An in-memory workspace with the full schema, for tests. */
export function openMemoryWorkspace(options: OpenOptions = {}): Workspace {
  return openWorkspace(':memory:', options);
}

const referenceWriters = new WeakSet<Database.Database>();

/** `pwb_hq_pulling()` is 1 only inside withReferenceWrites on this connection: the hq_reference triggers refuse other writes. */
function registerReferenceGuard(sqlite: Database.Database): void {
  sqlite.function('pwb_hq_pulling', { deterministic: false }, () => (referenceWriters.has(sqlite) ? 1 : 0));
}

/** Runs `write` with HQ reference data writable on this connection (only `pwb hq pull` does this). */
export function withReferenceWrites<T>(sqlite: Database.Database, write: () => T): T {
  referenceWriters.add(sqlite);
  try {
    return write();
  } finally {
    referenceWriters.delete(sqlite);
  }
}
