/**
 * npm run bench:firstOpen — what the first open of a big workspace by a newer app costs: the backup before migrating and
 * the pending migrations, and migration 0032 (the sales and sell-through dedupe indexes rebuilt with the order ref) alone.
 *
 *   BENCH_FILE   a workspace at a schema below 32 (default .bench/m32.sqlite: a copy of bench:evaluate's 5M-line file,
 *                schema 31); it is copied for every run and never changed
 *   BENCH_RUNS   runs (default 2)
 *
 * Per run: (a) the app's open (openAppWorkspace's steps: VACUUM INTO backup, migrations, statistics, quick check) of a fresh copy, phases timed through the backup hook; (b) on another fresh copy, the migrations before 0032
 * applied by hand, then 0032's statements timed alone in one transaction. Wall and CPU seconds; a final JSON line.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import os from 'node:os';
import Database from 'better-sqlite3';
import { defaultMigrationsFolder } from '../db/database';
import { openReopenableWorkspace } from '../electron/domain/backups/reopenableWorkspace';
import { backupBeforeMigration } from '../electron/domain/backups/backupService';
import { quickCheck } from '../electron/domain/system/workspaceHealth';
import { backupFolder } from '../electron/domain/backups/backupFolder';

const FILE = resolve(process.env.BENCH_FILE ?? '.bench/m32.sqlite');
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const DIR = resolve('.bench/firstOpen');
const round = (x: number) => Math.round(x * 100) / 100;

function timed<T>(fn: () => T): { s: number; cpu: number; value: T } {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = fn();
  const u = process.cpuUsage(c);
  return { s: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6, value };
}

function fresh(name: string): string {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const target = join(DIR, name);
  copyFileSync(FILE, target);
  return target;
}

const statements = (tag: string) =>
  readFileSync(join(defaultMigrationsFolder(), `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

const results: Array<Record<string, number>> = [];
for (let run = 1; run <= RUNS; run++) {
  // (a) the app's first open.
  const path = fresh('workspace.sqlite');
  let backup = { s: 0, cpu: 0 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // openAppWorkspace's steps (its lock and stale-partials sweep cost nothing), the backup hook timed.
  const ws = openReopenableWorkspace(path, {
    beforeMigrate: (sqlite, from, to) => {
      const b = timed(() => backupBeforeMigration(path)(sqlite, from, to));
      backup = { s: b.s, cpu: b.cpu };
    },
  });
  quickCheck(ws);
  const u0 = process.cpuUsage(c0);
  const open = { s: (performance.now() - t0) / 1000, cpu: (u0.user + u0.system) / 1e6 };
  const backups = readdirSync(backupFolder(ws.sqlite, ws.path));
  ws.close();
  // (b) 0032 alone.
  const path2 = fresh('alone.sqlite');
  const db = new Database(path2);
  db.pragma('journal_mode = WAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  const journal = (JSON.parse(readFileSync(join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> }).entries;
  db.pragma('foreign_keys = OFF');
  for (const e of journal.filter((e) => e.idx >= version && e.idx < 32)) db.transaction(() => statements(e.tag).forEach((s) => db.exec(s)))();
  const m32 = timed(() => db.transaction(() => statements(journal[32].tag).forEach((s) => db.exec(s)))());
  db.close();
  const r = { run, openS: round(open.s), openCpu: round(open.cpu), backupS: round(backup.s), backupCpu: round(backup.cpu), m0032S: round(m32.s), m0032Cpu: round(m32.cpu), load1: round(os.loadavg()[0]) };
  results.push(r);
  console.log(JSON.stringify({ ...r, fromVersion: version, backups: backups.length }));
}
rmSync(DIR, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'firstOpen', file: FILE, results }));
