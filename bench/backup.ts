/**
 * npm run bench:backup — what the safety backup before an import costs on a big workspace, split into its steps.
 *
 *   BENCH_LINES      sales lines in the workspace (default 2,000,000; imported through the real sales import)
 *   BENCH_PARTNERS   partners (default 10,000)
 *   BENCH_ENCRYPTED  0 to skip the encrypted workspace's steps (default: measured too)
 *   BENCH_KEEP=1     keep the generated folder (printed)
 *
 * Reference in the same run: a bare copy of the workspace file's bytes (copyFileSync after a checkpoint), the least any
 * backup must do. Steps: SQLite's online backup into a new file (the plain workspace's copy), PRAGMA integrity_check and
 * PRAGMA quick_check of that copy, VACUUM INTO (the encrypted workspace's copy; also timed on the plain one), and the
 * whole before-import backup as it was (copy + integrity_check), as it is now (copy + quick_check), and when nothing was
 * written since the newest backup (no copy: one read of the newest backup's audit mark). Prints wall and CPU seconds,
 * ratios to the bare copy, and a final JSON line {"bench":"backup",…}.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openWorkspace, type Workspace } from '../db/database';
import { openSqliteFile, rekeyFile } from '../db/encryption';
import { createApi } from '../electron/api/api';
import { cpuSeconds, dateOf, pad, PRODUCTS, seedPartnersAndProducts, writeCsv } from './channelFixture';
import { backupBeforeOperation, ownerOnlyEmptyFile, writeCheckedCopy } from '../electron/domain/backups/backupService';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);
const ENCRYPTED = process.env.BENCH_ENCRYPTED !== '0';
const round = (x: number) => Math.round(x * 1000) / 1000;

interface Timed {
  s: number;
  cpu: number;
}

async function timed<T>(what: string, fn: () => Promise<T> | T): Promise<Timed & { value: T }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await fn();
  const s = (performance.now() - t) / 1000;
  const cpu = cpuSeconds(process.cpuUsage(c));
  console.log(`${what}: ${s.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
  return { value, s, cpu };
}

function check(path: string, pragma: 'integrity_check' | 'quick_check', key?: string): void {
  const db = openSqliteFile(path, { readonly: true, key });
  try {
    const r = db.pragma(pragma, { simple: true });
    if (r !== 'ok') throw new Error(`${pragma} of ${path}: ${String(r)}`);
  } finally {
    db.close();
  }
}

/** The steps of one copy of `ws` into `dir`: the copy itself, then each check of it. */
async function steps(ws: Workspace, dir: string, label: string) {
  const online = join(dir, `${label}-online.sqlite`);
  const vacuum = join(dir, `${label}-vacuum.sqlite`);
  let copy: Timed | null = null;
  if (!ws.key) {
    ownerOnlyEmptyFile(online);
    copy = await timed(`${label}: online backup copy`, async () => {
      await ws.sqlite.backup(online);
      const db = new Database(online);
      db.pragma('journal_mode = DELETE');
      db.close();
    });
  }
  ownerOnlyEmptyFile(vacuum);
  const vacuumInto = await timed(`${label}: VACUUM INTO`, () => ws.sqlite.prepare('VACUUM INTO ?').run(vacuum));
  const target = ws.key ? vacuum : online;
  const integrity = await timed(`${label}: integrity_check of the copy`, () => check(target, 'integrity_check', ws.key));
  const quick = await timed(`${label}: quick_check of the copy`, () => check(target, 'quick_check', ws.key));
  rmSync(online, { force: true });
  rmSync(vacuum, { force: true });
  return { copy, vacuumInto, integrity, quick };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pwb-bench-backup-'));
  try {
    const path = join(dir, 'ws.sqlite');
    const ws = openWorkspace(path);
    const api = createApi({ ws, user: 'bench' });
    await seedPartnersAndProducts(ws, api, dir, PARTNERS);
    const sales = join(dir, 'sales.csv');
    await writeCsv(sales, 'partnerCode,date,product,quantity,amount,customerRef,lineRef\r\n', LINES, (i) => `P${pad(i % PARTNERS, 5)},${dateOf(i * 7)},SKU-${pad(i % PRODUCTS, 4)},${1 + (i % 9)},${(100 + (i % 400)) * (1 + (i % 9))},C${i % 50_000},S${i}\r\n`);
    await timed(`import ${LINES.toLocaleString('en-US')} sales lines (builds the workspace)`, () => api.send('imports.run', { kind: 'sales', path: sales }));
    rmSync(sales, { force: true });
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = statSync(path).size;
    console.log(`workspace: ${(bytes / 2 ** 20).toFixed(0)} MiB, ${LINES.toLocaleString('en-US')} sales lines, ${PARTNERS.toLocaleString('en-US')} partners`);

    const bare = await timed('reference: bare copy of the file', () => copyFileSync(path, join(dir, 'bare.sqlite')));
    rmSync(join(dir, 'bare.sqlite'), { force: true });
    const plain = await steps(ws, dir, 'plain');

    // The before-import backup as a whole: as it was (copy + integrity_check), as it is now (copy + quick_check), and with
    // nothing written since the newest backup (no copy).
    const before = await timed('before-import backup as it was (online copy + integrity_check)', async () => {
      const p = join(dir, 'was.sqlite');
      ownerOnlyEmptyFile(p);
      await writeCheckedCopy(ws, p, 'integrity');
      rmSync(p, { force: true });
    });
    const now = await timed('before-import backup now, after a change (online copy + quick_check)', () => backupBeforeOperation(ws, 'imports.run'));
    if (now.value?.reused !== false) throw new Error('expected a new copy');
    const unchanged = await timed('before-import backup now, nothing written since (no copy)', () => backupBeforeOperation(ws, 'imports.run'));
    if (unchanged.value?.reused !== true) throw new Error('expected the newest backup to be reused');
    ws.close();

    let encrypted: Awaited<ReturnType<typeof steps>> | null = null;
    if (ENCRYPTED) {
      const enc = join(dir, 'enc.sqlite');
      copyFileSync(path, enc);
      await timed('encrypting a copy of the workspace (setup, not part of a backup)', () => rekeyFile(enc, null, 'bench-passphrase'));
      const ews = openWorkspace(enc, { key: 'bench-passphrase' });
      encrypted = await steps(ews, dir, 'encrypted');
      ews.close();
    }

    const ratio = (t: Timed | null) => (t ? round(t.cpu / Math.max(bare.cpu, 1e-3)) : null);
    const wallRatio = (t: Timed | null) => (t ? round(t.s / Math.max(bare.s, 1e-3)) : null);
    console.log(`\nCPU × a bare copy of the file (${bare.cpu.toFixed(2)} s CPU, ${bare.s.toFixed(2)} s wall):`);
    console.log(`  plain: online copy ${ratio(plain.copy)}×, integrity_check ${ratio(plain.integrity)}×, quick_check ${ratio(plain.quick)}×, VACUUM INTO ${ratio(plain.vacuumInto)}×`);
    if (encrypted) console.log(`  encrypted: VACUUM INTO ${ratio(encrypted.vacuumInto)}×, integrity_check ${ratio(encrypted.integrity)}×, quick_check ${ratio(encrypted.quick)}×`);
    console.log(`  before-import backup: was ${ratio(before)}× (${before.cpu.toFixed(2)} s CPU), now ${ratio(now)}× (${now.cpu.toFixed(2)} s), unchanged ${ratio(unchanged)}× (${unchanged.cpu.toFixed(3)} s)`);
    const t = (x: Timed | null) => (x ? { s: round(x.s), cpu: round(x.cpu) } : null);
    console.log(
      JSON.stringify({
        bench: 'backup',
        lines: LINES,
        partners: PARTNERS,
        mib: Math.round(bytes / 2 ** 20),
        bare: t(bare),
        plain: { copy: t(plain.copy), integrity: t(plain.integrity), quick: t(plain.quick), vacuumInto: t(plain.vacuumInto) },
        encrypted: encrypted ? { vacuumInto: t(encrypted.vacuumInto), integrity: t(encrypted.integrity), quick: t(encrypted.quick) } : null,
        beforeImport: { was: t(before), now: t(now), unchanged: t(unchanged) },
        cpuRatio: { was: ratio(before), now: ratio(now), unchanged: ratio(unchanged) },
        wallRatio: { was: wallRatio(before), now: wallRatio(now) },
      }),
    );
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
