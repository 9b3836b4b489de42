import Database from 'better-sqlite3';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Encrypted workspaces: SQLCipher 4 compatible page encryption (SQLite3 Multiple Ciphers, compiled into the driver).
 * The passphrase never touches the disk through us; the CLI reads it from --key-file or PWB_KEY.
 */
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function applyKey(sqlite: Database.Database, key: string): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = ${quote(key)}`);
  // SQLite3 Multiple Ciphers encrypts the database, its journal and WAL, but not temporary files: an import's staged
  // rows and large sorts (index builds) would reach the temp folder in clear. Keyed connections keep them in memory.
  sqlite.pragma('temp_store = MEMORY');
}

/** Whether a file starts like a plain SQLite database (an encrypted one starts with random-looking bytes). */
export function isPlainSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 0 || head.toString('latin1', 0, n) === 'SQLite format 3\u0000'.slice(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A raw connection to a workspace or backup file, keyed when a passphrase is given. */
export function openSqliteFile(path: string, options: { readonly?: boolean; key?: string | null } = {}): Database.Database {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: true });
  try {
    if (options.key) applyKey(db, options.key);
    db.prepare('select count(*) from sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The passphrase from a key file (its first line; the file should be readable by its owner only) or PWB_KEY. */
export function readKey(options: { keyFile?: string | null; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  if (options.keyFile) {
    const text = readFileSync(options.keyFile, 'utf8').split(/\r?\n/)[0];
    if (!text) throw new Error(`The key file ${options.keyFile} is empty`);
    return text;
  }
  const env = (options.env ?? process.env).PWB_KEY;
  return env ? env : undefined;
}

/**
 * Re-encrypts a closed workspace file in place: plain -> encrypted (oldKey null), a new passphrase, or (newKey null)
 * back to plain. SQLite rewrites every page in one transaction, so a crash leaves the old or the new file.
 */
export function rekeyFile(path: string, oldKey: string | null, newKey: string | null): void {
  const db = openSqliteFile(path, { key: oldKey });
  try {
    db.pragma('journal_mode = DELETE');
    if (!oldKey && newKey) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
    }
    db.pragma(`rekey = ${quote(newKey ?? '')}`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}
