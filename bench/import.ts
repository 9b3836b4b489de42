/**
 * npm run bench:import — imports a generated sales file end to end and compares it with a bare staged load.
 *
 *   BENCH_ROWS      sales lines (default 1,000,000 ≈ 100 MB of CSV; BENCH_LINES is read alike)
 *   BENCH_PARTNERS  partners (default 10,000)
 *   BENCH_LINEREF   1 (default): lines carry a line reference; 0: duplicates judged by content hash
 *   BENCH_UNDO      1 (default): also time the undo against a bare DELETE; 0: the import and the staged load only
 *
 * The reference (the bare engine, same run, same rows): better-sqlite3 loading the already parsed rows into an
 * index-free staging table (64 rows per statement), one INSERT…SELECT into sales_lines with its indexes dropped, the
 * indexes built after, one transaction. Prints the end-to-end import time (contract → job → stream → parse → validate →
 * stage → dedupe → append → indexes → commit), the reference, their ratio (goal ≤ 1.5×) and peak RSS (goal ≤ 500 MB),
 * then the undo of that import beside a bare DELETE of the same lines, and a JSON line
 * {"bench":"import","rows":…,"importS":…,"stagedS":…,"ratio":…,"peakRssMB":…,"undoS":…,"bareDeleteS":…}. On Linux it also
 * splits the wall time the CPU time does not explain: waiting for a CPU (a busy machine) or blocked (disk, sleeps).
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../db/database';
import { createApi } from '../electron/api/api';
import { IMPORT_CACHE_SIZE } from '../electron/domain/imports/importRun';
import { ensureSalesSummaries } from '../electron/domain/evaluations/salesSummaries';
import { benchCount } from './benchEnv';

const ROWS = benchCount(['BENCH_ROWS', 'BENCH_LINES'], 1_000_000);
const PARTNERS = benchCount(['BENCH_PARTNERS'], 10_000);
const LINEREF = process.env.BENCH_LINEREF !== '0';
const UNDO = process.env.BENCH_UNDO !== '0';
const CATEGORIES = ['净水器', '滤芯', '空气净化器', 'Accessories', 'Service'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const code = (i: number) => `P${pad(i % PARTNERS, 5)}`;
const DAY0 = Date.UTC(2023, 0, 1);
const dateOf = (i: number) => new Date(DAY0 + (i % 1095) * 86_400_000).toISOString().slice(0, 10);

interface Row {
  partner: number;
  date: string;
  order: string;
  line: string;
  product: string;
  category: string;
  qty: number;
  amountMinor: number;
  costMinor: number;
  customer: string;
}
function row(i: number): Row {
  const qty = 1 + (i % 9);
  const amountMinor = 1000 + ((i * 7919) % 5_000_000);
  return {
    partner: i % PARTNERS,
    date: dateOf(i * 31),
    order: `SO-${pad(i >> 2, 7)}`,
    line: `L${i}`,
    product: `SKU-${pad(i % 997, 5)}`,
    category: CATEGORIES[i % CATEGORIES.length],
    qty,
    amountMinor,
    costMinor: Math.floor(amountMinor * 0.7),
    customer: `CUST-${pad((i * 13) % 50_000, 6)}`,
  };
}
const money = (minor: number) => {
  const s = (minor / 100).toFixed(2);
  const [int, frac] = s.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`经销商编码,订单日期,订单号,${LINEREF ? '行号,' : ''}产品编码,品类,数量,金额,成本,终端客户\n`);
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const r = row(i);
    buf += `${code(r.partner)},${r.date},${r.order},${LINEREF ? `${r.line},` : ''}${r.product},${r.category},${r.qty},"${money(r.amountMinor)}",${(r.costMinor / 100).toFixed(2)},${r.customer}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

function seedPartners(ws: Workspace): Map<number, number> {
  const ins = ws.sqlite.prepare("insert into partners (code, name, channel_type, tier, status) values (?, ?, 'dealer', 'tier2', 'active')");
  const ids = new Map<number, number>();
  ws.sqlite.transaction(() => {
    for (let p = 0; p < PARTNERS; p++) ids.set(p, Number(ins.run(code(p), `伙伴 ${p}`).lastInsertRowid));
  })();
  return ids;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
/**
 * The main thread's scheduler times in seconds (Linux: /proc/thread-self/schedstat — on a CPU, and runnable but
 * waiting for one), or null elsewhere. The import and the bare load run on this thread (better-sqlite3 is
 * synchronous), so its wall time = on CPU + waiting for a CPU + blocked (disk, sleeps, locks): this tells a busy
 * machine from an import that waits on something.
 */
function schedSeconds(): { run: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return { run: run / 1e9, wait: wait / 1e9 };
  } catch {
    return null;
  }
}
/** Since `start` (schedSeconds), for a span of `wallS`: waiting for a CPU, and blocked (neither on a CPU nor waiting). */
const schedSince = (start: ReturnType<typeof schedSeconds>, wallS: number) => {
  const now = schedSeconds();
  if (!start || !now) return null;
  const wait = now.wait - start.wait;
  return { waitS: +wait.toFixed(3), blockedS: +Math.max(0, wallS - (now.run - start.run) - wait).toFixed(3) };
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pwb-bench-import-'));
  try {
    const csv = join(dir, 'sales.csv');
    let t = performance.now();
    await generate(csv);
    console.log(`generated ${ROWS.toLocaleString('en-US')} sales lines for ${PARTNERS.toLocaleString('en-US')} partners: ${mb(statSync(csv).size)} in ${((performance.now() - t) / 1000).toFixed(1)} s (line refs: ${LINEREF ? 'yes' : 'no, content hashes'})`);

    // End to end through the contract (the CLI's path: in-process API, inline job).
    const ws = openWorkspace(join(dir, 'import.sqlite'));
    seedPartners(ws);
    // A workspace that was evaluated once keeps its sales summaries current: the import pays their refresh.
    ensureSalesSummaries(ws.sqlite);
    const api = createApi({ ws, user: 'bench' });
    t = performance.now();
    let cpu = process.cpuUsage();
    let sched = schedSeconds();
    // CPU time per progress phase (reading, saving, indexes, summaries, commit): where the import's time goes.
    const phases = new Map<string, number>();
    // Wall time per phase beside it: where the import waits (disk, fsync) rather than computes.
    const phaseWalls = new Map<string, number>();
    let phase = 'start';
    let phaseCpu = process.cpuUsage();
    let phaseWall = performance.now();
    const endPhase = () => {
      phases.set(phase, (phases.get(phase) ?? 0) + cpuSeconds(process.cpuUsage(phaseCpu)));
      phaseWalls.set(phase, (phaseWalls.get(phase) ?? 0) + (performance.now() - phaseWall) / 1000);
      phaseCpu = process.cpuUsage();
      phaseWall = performance.now();
    };
    const r = await api.send(
      'imports.run',
      { kind: 'sales', path: csv },
      {
        onProgress: (p) => {
          if (p.phase === phase) return;
          endPhase();
          phase = p.phase;
        },
      },
    );
    endPhase();
    const importMs = performance.now() - t;
    const importCpu = cpuSeconds(process.cpuUsage(cpu));
    const importSched = schedSince(sched, importMs / 1000);
    const rssAfterImport = process.resourceUsage().maxRSS * 1024;
    if (r.inserted !== ROWS) throw new Error(`expected ${ROWS} inserted, got ${JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })}`);
    // Undo of the same import (the summaries' sums subtracted set-based, the lines deleted), against a bare DELETE of
    // the same lines below.
    let undoMs = NaN;
    let undoCpu = NaN;
    if (UNDO) {
      t = performance.now();
      cpu = process.cpuUsage();
      const undone = await api.send('imports.undo', { id: r.importId! });
      undoMs = performance.now() - t;
      undoCpu = cpuSeconds(process.cpuUsage(cpu));
      if (undone.removed !== ROWS) throw new Error(`expected ${ROWS} removed by undo, got ${undone.removed}`);
    }
    ws.close();

    // The bare staged load: the same rows, already parsed, into an index-free staging table, then one INSERT…SELECT.
    const bare = openWorkspace(join(dir, 'bare.sqlite'));
    const ids = seedPartners(bare);
    bare.sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
    const cols = 'partner_id, date, order_ref, line_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, currency, dedupe_key';
    const stage = (n: number) => bare.sqlite.prepare(`insert into temp.stage (${cols}) values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const now = new Date().toISOString();
    t = performance.now();
    cpu = process.cpuUsage();
    sched = schedSeconds();
    bare.sqlite.exec(`create temp table stage (${cols})`);
    const bareSteps: Array<[string, number]> = [];
    const bareWalls: Array<[string, number]> = [];
    let stepCpu = process.cpuUsage();
    let stepWall = performance.now();
    const step = (name: string) => {
      bareSteps.push([name, cpuSeconds(process.cpuUsage(stepCpu))]);
      bareWalls.push([name, (performance.now() - stepWall) / 1000]);
      stepCpu = process.cpuUsage();
      stepWall = performance.now();
    };
    bare.sqlite.transaction(() => {
      const batch = stage(64);
      let params: unknown[] = [];
      for (let i = 0; i < ROWS; i++) {
        const x = row(i);
        params.push(ids.get(x.partner), x.date, x.order, LINEREF ? x.line : null, x.product, x.category, x.qty, x.amountMinor, x.costMinor, x.customer, 'CNY', `ref:${x.line}`);
        if (params.length === 64 * 12) {
          batch.run(params);
          params = [];
        }
      }
      if (params.length) stage(params.length / 12).run(params);
      step('stage');
      const idx = bare.sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'sales_lines' and sql is not null`).all() as Array<{ name: string; sql: string }>;
      for (const i of idx) bare.sqlite.exec(`drop index "${i.name}"`);
      bare.sqlite.prepare(`insert into sales_lines (${cols}, import_id, created_at) select ${cols}, null, ? from temp.stage`).run(now);
      step('insert…select');
      for (const i of idx) bare.sqlite.exec(i.sql);
      step('indexes');
    })();
    step('commit');
    const stagedMs = performance.now() - t;
    const stagedCpu = cpuSeconds(process.cpuUsage(cpu));
    const stagedSched = schedSince(sched, stagedMs / 1000);
    let bareDeleteMs = NaN;
    let bareDeleteCpu = NaN;
    if (UNDO) {
      t = performance.now();
      cpu = process.cpuUsage();
      // A WHERE clause, so SQLite deletes row by row with its indexes as the undo does (no truncate optimisation).
      bare.sqlite.transaction(() => bare.sqlite.prepare('delete from sales_lines where id > 0').run())();
      bareDeleteMs = performance.now() - t;
      bareDeleteCpu = cpuSeconds(process.cpuUsage(cpu));
    }
    bare.close();

    const ratio = importMs / stagedMs;
    console.log(`import (end to end): ${(importMs / 1000).toFixed(2)} s  — ${Math.round(ROWS / (importMs / 1000)).toLocaleString('en-US')} rows/s`);
    console.log(`bare staged load (parsed rows → staging table → one INSERT…SELECT → indexes): ${(stagedMs / 1000).toFixed(2)} s`);
    console.log(`ratio import / staged: ${ratio.toFixed(2)}×  [goal ≤ 1.5×]`);
    console.log(`CPU time (less sensitive to a busy machine): import ${importCpu.toFixed(2)} s, staged ${stagedCpu.toFixed(2)} s, ${(importCpu / stagedCpu).toFixed(2)}×`);
    if (importSched && stagedSched) {
      console.log(
        `main thread waiting for a CPU (a busy machine): import ${importSched.waitS.toFixed(2)} s, staged ${stagedSched.waitS.toFixed(2)} s; blocked (disk, sleeps, locks): import ${importSched.blockedS.toFixed(2)} s, staged ${stagedSched.blockedS.toFixed(2)} s`,
      );
    }
    console.log(`staged CPU by step: ${bareSteps.map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', ')}`);
    console.log(`staged wall by step: ${bareWalls.map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', ')}`);
    console.log(`import CPU by phase: ${[...phases].map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', ')}`);
    console.log(`import wall by phase: ${[...phaseWalls].map(([p, s]) => `${p} ${s.toFixed(2)} s`).join(', ')}`);
    console.log(`peak RSS during import: ${mb(rssAfterImport)}  [goal ≤ 500 MB]`);
    if (UNDO) console.log(`undo of the import: ${(undoMs / 1000).toFixed(2)} s (CPU ${undoCpu.toFixed(2)} s); bare DELETE of the same lines: ${(bareDeleteMs / 1000).toFixed(2)} s (CPU ${bareDeleteCpu.toFixed(2)} s), ${(undoCpu / bareDeleteCpu).toFixed(2)}× CPU`);
    console.log(`result: ${JSON.stringify({ rowsRead: r.rowsRead, inserted: r.inserted, duplicates: r.duplicates, rejected: r.rejected })}`);
    console.log(
      JSON.stringify({ bench: 'import', rows: ROWS, importS: +(importMs / 1000).toFixed(3), stagedS: +(stagedMs / 1000).toFixed(3), ratio: +ratio.toFixed(2), importCpuS: +importCpu.toFixed(3), stagedCpuS: +stagedCpu.toFixed(3), cpuRatio: +(importCpu / stagedCpu).toFixed(2), peakRssMB: Math.round(rssAfterImport / 1024 / 1024), importWaitCpuS: importSched?.waitS ?? null, importBlockedS: importSched?.blockedS ?? null, stagedWaitCpuS: stagedSched?.waitS ?? null, stagedBlockedS: stagedSched?.blockedS ?? null, undoS: +(undoMs / 1000).toFixed(3), undoCpuS: +undoCpu.toFixed(3), bareDeleteS: +(bareDeleteMs / 1000).toFixed(3), bareDeleteCpuS: +bareDeleteCpu.toFixed(3), load1: +loadavg()[0].toFixed(1) }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
