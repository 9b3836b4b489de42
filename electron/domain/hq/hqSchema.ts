import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as DrizzleNodePg from 'drizzle-orm/node-postgres';
import type * as DrizzleNodePgMigrator from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { ancestors } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { lazyModule } from '../lazyModule';

// drizzle's node-postgres driver loads `pg` when it loads: only `setup` needs it, so neither does start-up.
const drizzleNodePg = lazyModule<typeof DrizzleNodePg>('drizzle-orm/node-postgres');
const drizzleMigrator = lazyModule<typeof DrizzleNodePgMigrator>('drizzle-orm/node-postgres/migrator');

export const HQ_MIGRATIONS_SCHEMA = 'hq_migrations';
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** db/hq/migrations above the running code, or `hq-migrations` in a packaged app. */
export function hqMigrationsFolder(): string {
  const resources = (process as unknown as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.PWB_HQ_MIGRATIONS,
    ...ancestors(dirname(fileURLToPath(import.meta.url))).map((d) => join(d, 'db', 'hq', 'migrations')),
    resources ? join(resources, 'hq-migrations') : undefined,
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'meta', '_journal.json'))) return c;
  throw new DomainError('HQ migrations folder not found (set PWB_HQ_MIGRATIONS)', 'DOMAIN');
}

/** The HQ schema version this app understands: the number of HQ migrations it ships. */
export function appHqSchemaVersion(folder = hqMigrationsFolder()): number {
  return (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

/** The version of the HQ database: migrations applied (0 when HQ was never set up). */
export async function hqSchemaVersion(client: pg.Client): Promise<number> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('${HQ_MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}')::text AS t`);
  if (!exists.rows[0].t) return 0;
  const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${HQ_MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`);
  return Number(r.rows[0].n);
}

function newerError(found: number, known: number): DomainError {
  return new DomainError(
    `The HQ database has schema version ${found}, newer than this version of Partner Workbench understands (${known}). Update the app; nothing was sent or changed.`,
    'DOMAIN',
    { reason: 'HQ_SCHEMA_NEWER', found, known },
  );
}

/** Refuses an HQ database this app cannot work with: never set up, older (HQ must run setup), or newer than the app. */
export async function checkHqSchema(client: pg.Client): Promise<number> {
  const known = appHqSchemaVersion();
  const found = await hqSchemaVersion(client);
  if (found > known) throw newerError(found, known);
  if (found < known) {
    throw new DomainError(
      found === 0
        ? 'This database is not set up as a Partner Workbench HQ. HQ runs `pwb hq setup --hq URL` once.'
        : `The HQ database has schema version ${found}; this app needs ${known}. HQ runs \`pwb hq setup --hq URL\` to migrate it.`,
      'DOMAIN',
      { reason: found === 0 ? 'HQ_NOT_SET_UP' : 'HQ_SCHEMA_OLDER', found, known },
    );
  }
  return found;
}

/** Creates or migrates the HQ schema and the group roles (as the HQ database owner); one at a time across machines. */
export async function setupHqSchema(client: pg.Client): Promise<{ from: number; to: number }> {
  const folder = hqMigrationsFolder();
  const known = appHqSchemaVersion(folder);
  await client.query("SELECT pg_advisory_lock(hashtext('pwb_hq_setup'))");
  try {
    const from = await hqSchemaVersion(client);
    if (from > known) throw newerError(from, known);
    if (from < known) await drizzleMigrator().migrate(drizzleNodePg().drizzle(client), { migrationsFolder: folder, migrationsSchema: HQ_MIGRATIONS_SCHEMA, migrationsTable: MIGRATIONS_TABLE });
    return { from, to: await hqSchemaVersion(client) };
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('pwb_hq_setup'))");
  }
}

/** A login role for one office, member of pwb_office (and of pwb_hq_reader when it may read every office). */
export async function createOfficeRole(client: pg.Client, role: string, password: string, opts: { reader?: boolean } = {}): Promise<{ role: string; created: boolean }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new DomainError(`Role name must be lower-case letters, digits and _ (got ${role})`, 'DOMAIN', { reason: 'ROLE_NAME', params: { role } });
  if (password.length < 12) throw new DomainError('The office password must have at least 12 characters', 'DOMAIN', { reason: 'PASSWORD_SHORT' });
  const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
  const id = client.escapeIdentifier(role);
  // The server hashes the password (SCRAM, password_encryption); it is never stored in clear.
  await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${id} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  await client.query(`GRANT pwb_office TO ${id}`);
  if (opts.reader) await client.query(`GRANT pwb_hq_reader TO ${id}`);
  const db = (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d;
  await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO ${id}`);
  return { role, created: !exists };
}
