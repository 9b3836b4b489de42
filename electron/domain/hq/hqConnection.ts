import { readFileSync, statSync } from 'node:fs';
import type pg from 'pg';
import { lazyModule } from '../lazyModule';
import { DomainError } from '../../../shared/errors';

const pgModule = lazyModule<typeof pg>('pg');
/** The module pg itself uses for ~/.pgpass (deprecated inside pg@9, so called here directly). */
const pgPassModule = lazyModule<typeof import('pgpass').default>('pgpass');

/**
 * How to reach HQ. The URL names host, database and role (`postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full&sslrootcert=ca.pem`);
 * the password comes from `password` (the app: decrypted from the OS keychain), a key file, or — when neither is
 * given — from PGPASSWORD or ~/.pgpass as libpq does. It is never written to the workspace.
 */
export interface HqConnectionOptions {
  url: string;
  password?: string;
  passwordFile?: string;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', '57P03']);

/** The URL without its password, for messages and for storing in settings. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a valid postgres:// URL)';
  }
}

export function hqServerOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return url;
  }
}

/** Maps a connection or query failure to a message the user can act on; `offline` when the server could not be reached. */
export function hqError(e: unknown, url: string): DomainError {
  if (e instanceof DomainError) return e;
  const err = e as { code?: string; message?: string };
  const where = hqServerOf(url);
  if ((err.code && OFFLINE_CODES.has(err.code)) || /timeout|terminated unexpectedly|Connection terminated/i.test(err.message ?? '')) {
    return new DomainError(`HQ server ${where} cannot be reached (${err.code ?? err.message}). Nothing was lost: the changes stay in this workspace and are sent on the next publish.`, 'DOMAIN', { reason: 'OFFLINE', params: { server: where, code: err.code ?? null, detail: err.code ?? err.message } });
  }
  // No password anywhere (no key file, keychain, PGPASSWORD or ~/.pgpass line): pg fails before asking the server.
  if (/client password must be a string|SASL: SCRAM-SERVER-FIRST-MESSAGE/i.test(err.message ?? '')) {
    return new DomainError(`HQ server ${where} asks for a password and none was found: save it in the OS keychain (Settings → HQ), or give a key file, PGPASSWORD or a ~/.pgpass line.`, 'FORBIDDEN', { reason: 'LOGIN', params: { server: where, cause: 'noPassword' } });
  }
  if (err.code === '28P01' || err.code === '28000') {
    return new DomainError(`HQ server ${where} refused the login (${err.message}). Check the role and password (PGPASSWORD, ~/.pgpass or --password-file).`, 'FORBIDDEN', { reason: 'LOGIN', params: { server: where, cause: 'refused' } });
  }
  if (err.code === '42501') return new DomainError(`HQ refused the write: ${err.message}`, 'FORBIDDEN', { reason: 'PERMISSION', params: { server: where } });
  if (err.code === '3D000') return new DomainError(`HQ database does not exist at ${where}: ${err.message}`, 'DOMAIN', { reason: 'NO_DATABASE', params: { server: where } });
  return new DomainError(`HQ error at ${where}: ${err.message ?? String(e)}`, 'DOMAIN', { reason: 'SERVER', params: { server: where, code: err.code ?? null, detail: err.message ?? String(e) } });
}

/**
 * The matching line of ~/.pgpass (or PGPASSFILE; %APPDATA%\\postgresql\\pgpass.conf on Windows) as libpq reads it: used
 * when no password is given and PGPASSWORD is unset or empty; a file others can read is ignored, as libpq does.
 */
function pgpassPassword(url: string): Promise<string | undefined> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(undefined);
  }
  const info = {
    host: u.hostname || 'localhost',
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username),
    user: decodeURIComponent(u.username) || process.env.PGUSER || '',
  };
  return new Promise((resolve) => pgPassModule()(info, (pass) => resolve(pass ?? undefined)));
}

export async function connectHq(opts: HqConnectionOptions): Promise<pg.Client> {
  let password = opts.password;
  if (password === undefined && opts.passwordFile) {
    // Like libpq with ~/.pgpass: a key file others can read is refused (on systems with file modes).
    let mode = 0;
    try {
      mode = statSync(opts.passwordFile).mode;
    } catch (e) {
      throw new DomainError(`Cannot read the HQ password file ${opts.passwordFile}: ${(e as Error).message}`, 'DOMAIN', { reason: 'PASSWORD_FILE', params: { file: opts.passwordFile } });
    }
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new DomainError(
        `The HQ password file ${opts.passwordFile} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it first`,
        'DOMAIN',
        { reason: 'hq.passwordFileOpen', params: { file: opts.passwordFile, mode: (mode & 0o777).toString(8) } },
      );
    }
    try {
      password = readFileSync(opts.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new DomainError(`Cannot read the HQ password file ${opts.passwordFile}: ${(e as Error).message}`, 'DOMAIN', { reason: 'PASSWORD_FILE', params: { file: opts.passwordFile } });
    }
  }
  if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new DomainError(`HQ address must be a postgres:// URL, got ${redactUrl(opts.url)}`, 'DOMAIN', { reason: 'URL' });
  if (password === undefined && !process.env.PGPASSWORD) password = await pgpassPassword(opts.url);
  // pg lets the connection string's fields override separate options, so a password from a key file or the keychain
  // goes into the (in-memory) URL handed to the driver; it is never stored or shown.
  let connectionString = opts.url;
  if (password !== undefined) {
    const u = new URL(opts.url);
    u.password = encodeURIComponent(password);
    connectionString = u.toString();
  }
  const client = new (pgModule().Client)({
    connectionString,
    connectionTimeoutMillis: 10_000,
    application_name: 'partner-workbench',
  });
  client.on('error', () => {
    /* a dropped connection surfaces on the next query */
  });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw hqError(e, opts.url);
  }
  return client;
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withHq<T>(opts: HqConnectionOptions, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectHq(opts);
  try {
    return await work(client);
  } catch (e) {
    throw hqError(e, opts.url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
