import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { lazyModule } from '../lazyModule';
import { DomainError } from '../../../shared/errors';

const pgModule = lazyModule<typeof pg>('pg');

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
    return new DomainError(`HQ server ${where} cannot be reached (${err.code ?? err.message}). Nothing was lost: the changes stay in this workspace and are sent on the next publish.`, 'DOMAIN', { reason: 'OFFLINE' });
  }
  if (err.code === '28P01' || err.code === '28000') {
    return new DomainError(`HQ server ${where} refused the login (${err.message}). Check the role and password (PGPASSWORD, ~/.pgpass or --password-file).`, 'FORBIDDEN', { reason: 'LOGIN' });
  }
  if (err.code === '42501') return new DomainError(`HQ refused the write: ${err.message}`, 'FORBIDDEN', { reason: 'PERMISSION' });
  if (err.code === '3D000') return new DomainError(`HQ database does not exist at ${where}: ${err.message}`, 'DOMAIN', { reason: 'NO_DATABASE' });
  return new DomainError(`HQ error at ${where}: ${err.message ?? String(e)}`, 'DOMAIN', { reason: 'SERVER' });
}

export async function connectHq(opts: HqConnectionOptions): Promise<pg.Client> {
  let password = opts.password;
  if (password === undefined && opts.passwordFile) {
    try {
      password = readFileSync(opts.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new DomainError(`Cannot read the HQ password file ${opts.passwordFile}: ${(e as Error).message}`, 'DOMAIN', { reason: 'PASSWORD_FILE' });
    }
  }
  if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new DomainError(`HQ address must be a postgres:// URL, got ${redactUrl(opts.url)}`, 'DOMAIN', { reason: 'URL' });
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
