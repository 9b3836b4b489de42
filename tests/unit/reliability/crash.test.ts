import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { backupBeforeMigration } from '../../../electron/domain/backups/backupService';
import { inspectBackup } from '../../../electron/domain/backups/inspectBackup';
import { partnerInput, tempDir } from '../../helpers/workspace';

/**
 * Crash safety: a child process (tests/crash/crashChild.ts) runs a long write and is SIGKILLed at a random moment;
 * the workspace is reopened and must pass integrity_check and hold exactly the state before or the state after
 * the write, never anything in between. Kill points per scenario: PWB_CRASH_POINTS, else 3 on CI (CI=true), else 6 (each point costs a child process, ~2 s).
 */
const POINTS = Number(process.env.PWB_CRASH_POINTS ?? (process.env.CI ? 3 : 6));
const CHILD = join(process.cwd(), 'tests', 'crash', 'crashChild.ts');
const work = tempDir('pwb-crash-');
afterAll(() => work.cleanup());
const summary: Record<string, { points: number; before: number; after: number }> = {};
afterAll(() => process.stdout.write(`crash kill points survived: ${JSON.stringify(summary)}\n`));

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  readyMs: number | null;
  workMs: number | null;
  stderr: string;
}

/** Runs the child; with killAfterMs, SIGKILLs it that long after it printed READY. */
function runChild(args: string[], killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PWB_USER: 'crash-test' } });
    let readyAt: number | null = null;
    let doneAt: number | null = null;
    let stderr = '';
    let out = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (readyAt === null && out.includes('READY')) {
        readyAt = Date.now();
        if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      if (doneAt === null && out.includes('DONE')) doneAt = Date.now();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      resolve({ code, signal, readyMs: readyAt === null ? null : readyAt - started, workMs: readyAt !== null && doneAt !== null ? doneAt - readyAt : null, stderr }),
    );
  });
}

type Fingerprint = Record<string, number | string | null>;

/** Opens the file as SQLite only (recovering the WAL as any next open would), checks integrity, takes the fingerprint. */
function inspect(path: string, fingerprint: (db: Database.Database) => Fingerprint): { integrity: string; fp: Fingerprint } {
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const fk = db.pragma('foreign_key_check') as unknown[];
    return { integrity: fk.length ? `${integrity}; ${fk.length} foreign key violations` : integrity, fp: fingerprint(db) };
  } finally {
    db.close();
  }
}

const n = (db: Database.Database, sql: string): number | string | null => (db.prepare(sql).pluck().get() as number | string | null) ?? null;

interface Scenario {
  name: string;
  /** Builds the template workspace; returns the child's extra argument. */
  prepare(template: string): Promise<string> | string;
  fingerprint(db: Database.Database): Fingerprint;
  /** Opens the workspace as the app would next time (and migrates). */
  reopen?(path: string, arg: string): void;
}

/** Random but reproducible kill delays, spread over the whole write (and a little after it). */
function delays(count: number, workMs: number, seed: number): number[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, (_, i) => Math.round(((i + rnd()) / count) * workMs * 1.1));
}

async function crashScenario(sc: Scenario) {
  const dir = join(work.dir, sc.name);
  const template = join(dir, 'template.sqlite');
  const arg = await sc.prepare(template);
  const before = inspect(template, sc.fingerprint);
  expect(before.integrity).toBe('ok');

  // one complete run: the state after, and how long the write takes
  const full = join(dir, 'full.sqlite');
  copyFileSync(template, full);
  const done = await runChild([sc.name, full, arg]);
  expect(done.code, done.stderr).toBe(0);
  const after = inspect(full, sc.fingerprint);
  expect(after.integrity).toBe('ok');
  expect(after.fp, 'the write must change something, or the test proves nothing').not.toEqual(before.fp);
  const workMs = Math.max(done.workMs ?? 0, 50);

  const stats = { points: 0, before: 0, after: 0 };
  const seed = Number(process.env.PWB_CRASH_SEED ?? Date.now() % 100000);
  for (const [i, delay] of delays(POINTS, workMs, seed).entries()) {
    const db = join(dir, `kill-${i}.sqlite`);
    copyFileSync(template, db);
    const r = await runChild([sc.name, db, arg], delay);
    const what = `${sc.name} kill #${i} at ${delay} ms of ~${workMs} ms (seed ${seed})`;
    expect(r.code === 0 || r.signal === 'SIGKILL', `${what}: ${r.stderr}`).toBe(true);
    const got = inspect(db, sc.fingerprint);
    expect(got.integrity, what).toBe('ok');
    const isBefore = JSON.stringify(got.fp) === JSON.stringify(before.fp);
    const isAfter = JSON.stringify(got.fp) === JSON.stringify(after.fp);
    expect(isBefore || isAfter, `${what}: state in between\n before ${JSON.stringify(before.fp)}\n after  ${JSON.stringify(after.fp)}\n got    ${JSON.stringify(got.fp)}`).toBe(true);
    stats.points++;
    if (isBefore) stats.before++;
    else stats.after++;
    // the next start works and sees a consistent workspace
    sc.reopen?.(db, arg);
    // any backup the child was writing is either complete and valid or not there under a backup's name
    const backups = join(dir, 'backups');
    if (existsSync(backups)) for (const f of readdirSync(backups).filter((x) => x.endsWith('.sqlite'))) expect(inspectBackup(join(backups, f)).problems, f).toEqual([]);
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }
  summary[sc.name] = stats;
  expect(stats.points).toBe(POINTS);
}

const reopenApp = (path: string) => {
  const ws = openWorkspace(path);
  const r = ws.sqlite.pragma('integrity_check', { simple: true });
  ws.close();
  expect(r).toBe('ok');
};

describe(`crash safety: SIGKILL at ${POINTS} random points`, () => {
  it('a large transactional write of our own (the harness itself)', async () => {
    await crashScenario({
      name: 'bulk',
      prepare(template) {
        openWorkspace(template).close();
        return '150000';
      },
      fingerprint: (db) => ({ rows: n(db, "select count(*) from settings where key like 'bulk.%'"), audit: n(db, 'select count(*) from audit_log') }),
      reopen: reopenApp,
    });
  }, 600_000);

  it('a large import (imports.run, with its backup before)', async () => {
    await crashScenario({
      name: 'import',
      async prepare(template) {
        const ws = openWorkspace(template);
        const api = createApi({ ws, user: 'setup' });
        for (let p = 1; p <= 40; p++) await api.send('partners.create', partnerInput(`P${String(p).padStart(3, '0')}`));
        ws.close();
        const csv = join(template, '..', 'sales.csv');
        const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
        for (let i = 0; i < 60000; i++) lines.push(`P${String((i % 40) + 1).padStart(3, '0')},2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},SO${i},SO${i}-1,${(i % 997) + 0.25}`);
        writeFileSync(csv, `${lines.join('\n')}\n`);
        return csv;
      },
      fingerprint: (db) => ({
        sales: n(db, 'select count(*) from sales_lines'),
        amount: n(db, 'select total(amount_minor) from sales_lines'),
        imports: n(db, "select count(*) from imports where status = 'committed'"),
        importRows: n(db, 'select count(*) from imports'),
        audit: n(db, "select count(*) from audit_log where operation = 'imports.run'"),
      }),
      reopen: reopenApp,
    });
  }, 600_000);

  it('a payout calculation (incentives.payouts.calculate)', async () => {
    await crashScenario({
      name: 'payout',
      async prepare(template) {
        const ws = openWorkspace(template);
        await createApi({ ws, user: 'setup' }).send('system.loadDemo', { scale: 0.3, asOf: '2026-01-15' });
        ws.close();
        return 'REB-2025-Q:2025-Q1';
      },
      fingerprint: (db) => ({
        runs: n(db, 'select count(*) from payout_runs'),
        lines: n(db, 'select count(*) from payout_lines'),
        total: n(db, 'select total(amount_minor) from payout_lines'),
        runTotals: n(db, 'select total(total_minor) from payout_runs'),
        audit: n(db, "select count(*) from audit_log where operation = 'incentives.payouts.calculate'"),
      }),
      reopen: reopenApp,
    });
  }, 600_000);

  it('a migration with a large data-rewriting step (and its backup before)', async () => {
    const migrations = join(work.dir, 'migration-folder');
    await crashScenario({
      name: 'migration',
      prepare(template) {
        const base = defaultMigrationsFolder();
        cpSync(base, migrations, { recursive: true });
        const journalPath = join(migrations, 'meta', '_journal.json');
        const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }> };
        const last = journal.entries.at(-1)!;
        journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag: '9999_crash_rewrite', breakpoints: true });
        writeFileSync(journalPath, JSON.stringify(journal));
        writeFileSync(
          join(migrations, '9999_crash_rewrite.sql'),
          [
            'CREATE TABLE `crash_copy` (`key` text PRIMARY KEY NOT NULL, `v` text NOT NULL);',
            "INSERT INTO `crash_copy` SELECT `key`, `value` FROM `settings` WHERE `key` LIKE 'bulk.%';",
            "UPDATE `settings` SET `value` = json_object('wrapped', json(`value`), 'n', length(`key`)) WHERE `key` LIKE 'bulk.%';",
            'CREATE INDEX `crash_copy_v_idx` ON `crash_copy` (`v`);',
          ].join('\n--> statement-breakpoint\n'),
        );
        const ws = openWorkspace(template, { migrationsFolder: base });
        const ins = ws.sqlite.prepare("insert into settings (key, value, updated_at) values (?, ?, '2025-01-01')");
        ws.sqlite.transaction(() => {
          for (let i = 0; i < 150000; i++) ins.run(`bulk.k${String(i).padStart(7, '0')}`, JSON.stringify({ i, text: '迁移'.repeat(15) }));
        })();
        ws.close();
        return migrations;
      },
      fingerprint: (db) => ({
        migrations: n(db, 'select count(*) from __drizzle_migrations'),
        copyTable: n(db, "select count(*) from sqlite_master where name = 'crash_copy'"),
        copied: n(db, "select count(*) from sqlite_master where name = 'crash_copy'") ? n(db, 'select count(*) from crash_copy') : null,
        settings: n(db, "select total(length(value)) from settings where key like 'bulk.%'"),
        index: n(db, "select count(*) from sqlite_master where name = 'crash_copy_v_idx'"),
      }),
      reopen(path) {
        // the next start finishes (or finds finished) the migration, with its backup first
        const ws = openWorkspace(path, { migrationsFolder: migrations, beforeMigrate: backupBeforeMigration(path) });
        const version = ws.sqlite.pragma('user_version', { simple: true });
        const wrapped = ws.sqlite.prepare("select count(*) from settings where key like 'bulk.%' and json_extract(value, '$.wrapped') is not null").pluck().get();
        ws.close();
        expect(version).toBe(JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')).entries.length);
        expect(wrapped).toBe(150000);
      },
    });
  }, 600_000);
});
