import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a temporary folder, a free loopback port,
 * password (SCRAM) authentication over TCP, stopped and removed by stop(). Run as root, the server runs as the
 * `postgres` system user (PostgreSQL refuses to run as root) through runuser.
 */
export interface TestCluster {
  port: number;
  /** Connection URL of the cluster's superuser (the HQ owner in tests). */
  adminUrl: string;
  /** URL for another role on the same database. */
  urlFor(role: string, password: string): string;
  stop(): void;
}

export const ADMIN_USER = 'hqadmin';
export const ADMIN_PASSWORD = 'admin-secret';
const DATABASE = 'pwb_hq';

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    /* Debian keeps the server binaries out of PATH; look there */
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (or set PG_BIN)');
  return join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `durable`: keep fsync and synchronous commit on (benchmarks); tests turn them off for speed. */
export async function startTestCluster(opts: { durable?: boolean } = {}): Promise<TestCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pwb-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, ADMIN_PASSWORD);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', ADMIN_USER, `--pwfile=${pwfile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const durability = opts.durable ? '-c max_wal_size=4GB' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${durability} -c max_connections=60 -c shared_buffers=256MB`;
  run('pg_ctl', ['-D', data, '-o', serverOpts, '-l', join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const urlFor = (role: string, password: string) => `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  try {
    const { Client } = await import('pg');
    const c = new Client({ connectionString: `postgres://${ADMIN_USER}:${ADMIN_PASSWORD}@127.0.0.1:${port}/postgres` });
    await c.connect();
    await c.query(`CREATE DATABASE ${DATABASE}`);
    await c.end();
  } catch (e) {
    stop();
    throw e;
  }
  return { port, adminUrl: urlFor(ADMIN_USER, ADMIN_PASSWORD), urlFor, stop };
}
