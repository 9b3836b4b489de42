/**
 * npm run bench:sellthrough — sell-through and stock imports and the quarter's channel measures at scale.
 *
 *   BENCH_PARTNERS   partners (default 10,000)
 *   BENCH_LINES      sell-through lines (default 2,000,000); the same number of sales lines is the reference import
 *   BENCH_STOCK      inventory rows (default 500,000)
 *   BENCH_KEEP=1     keep the generated workspace (its folder is printed)
 *   BENCH_REUSE=DIR  time the quarter's measures on a kept workspace again (no generating, no imports)
 *   BENCH_PLAIN=1    the file of sessions before 2026-12-01 (no returns, every customer with a province, every product
 *                    with a floor price), to compare with their figures
 *   BENCH_GROUPING=sql|worker  the sell-through import groups its end customers with SQL on its own thread, or on a
 *                    second thread (default: the app's choice, a second thread with 4 cores or more): the A/B
 *
 * References in the same run: the import of as many *sales* lines (the existing kind, the same framework, keeping the
 * sales summaries as in a workspace evaluated once) for the imports — the goal is the same rows/s — and, for the measures, one bare grouped scan of the quarter's sell-through
 * lines (sum of quantity per partner, the least any measure must read). Prints wall and CPU seconds, ratios, and a final
 * JSON line {"bench":"sellthrough",…}. Each import is also timed without the safety backup it starts with (its cost
 * grows with the workspace, which holds more for each import of the run); the per-row CPU ratios compare those.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../db/database';
import { createApi } from '../electron/api/api';
import { cpuSeconds, dateOf, pad, PRODUCTS, seedPartnersAndProducts, writeCsv } from './channelFixture';
import { ensureSalesSummaries } from '../electron/domain/evaluations/salesSummaries';
import { channelMeasures } from '../electron/domain/inventory/channelMeasures';
import { customerRfm } from '../electron/domain/inventory/endCustomers';
import { stuffingSignals } from '../electron/domain/inventory/stuffingSignal';
import { DEFAULT_INVENTORY_RULES } from '../electron/model/inventory';
import { parsePeriod } from '../shared/period';
import { customerGroupingTuning } from '../electron/domain/inventory/customerGrouping';
import { purchase } from '../electron/domain/inventory/store';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);
const STOCK = Number(process.env.BENCH_STOCK ?? 500_000);
if (process.env.BENCH_GROUPING) customerGroupingTuning.enabled = process.env.BENCH_GROUPING === 'worker';
const PROVINCES = ['浙江', '江苏', '上海', '广东', '北京', '四川', '湖北', '山东'];
const PLAIN = process.env.BENCH_PLAIN === '1';
/**
 * What partners' files hold besides plain purchases (unless BENCH_PLAIN): one line in 32 is a return (−1 of the product,
 * a negative amount) by a customer of that partner, chosen by the top bits of a multiplicative hash of the line's
 * number, so no partner, customer or day pattern decides it (≈ 3 % of lines; ≈ 12 % of customers have one); two
 * customers in 40 of every partner (5 %) never have a province; every tenth product has no floor price.
 */
const isReturn = (i: number) => !PLAIN && Math.imul(i, 0x9e3779b1) >>> 27 === 0;
const withoutProvince = (customer: number) => !PLAIN && customer % 20 === 7;
const sellThroughLine = (i: number) => {
  const customer = Math.floor(i / PARTNERS) % 40;
  const price = 40 + (i % 300);
  const [quantity, amount] = isReturn(i) ? [-1, -price] : [1 + (i % 5), price * (1 + (i % 5))];
  const province = withoutProvince(customer) ? '' : PROVINCES[i % PROVINCES.length];
  return `P${pad(i % PARTNERS, 5)},${dateOf(i * 7)},SKU-${pad(i % PRODUCTS, 4)},${quantity},${amount},C${customer},${province},T${i}\r\n`;
};

/**
 * An import through the contract, timed whole and without its safety backup: every import first backs up the
 * workspace (backupBefore), which costs what the workspace holds, not what the file holds — the sales reference backs
 * up a nearly empty workspace, the stock file one holding 4M lines. The progress phase 'backup' marks it.
 */
async function timedImport(what: string, api: ReturnType<typeof createApi>, input: { kind: 'sales' | 'sell-through' | 'inventory'; path: string }) {
  let backup = { s: 0, cpu: 0 };
  let at: { t: number; c: NodeJS.CpuUsage } | null = null;
  // Wall and CPU seconds by progress phase (read = 'import'; 'index' includes what follows the lines: the summaries).
  const phases: Record<string, [number, number]> = {};
  let phase = { name: '', t: performance.now(), c: process.cpuUsage() };
  const out = await timed(what, () =>
    api.send('imports.run', input, {
      onProgress: (p) => {
        if (p.phase !== phase.name) {
          const sum = (phases[phase.name] ??= [0, 0]);
          sum[0] += (performance.now() - phase.t) / 1000;
          sum[1] += cpuSeconds(process.cpuUsage(phase.c));
          phase = { name: p.phase, t: performance.now(), c: process.cpuUsage() };
        }
        if (p.phase === 'backup' && p.done === 0) at = { t: performance.now(), c: process.cpuUsage() };
        else if (at && p.phase !== 'backup') {
          backup = { s: (performance.now() - at.t) / 1000, cpu: cpuSeconds(process.cpuUsage(at.c)) };
          at = null;
        }
      },
    }),
  );
  const last = (phases[phase.name] ??= [0, 0]);
  last[0] += (performance.now() - phase.t) / 1000;
  last[1] += cpuSeconds(process.cpuUsage(phase.c));
  console.log(`  phases (wall / CPU s): ${Object.entries(phases).filter(([k]) => k).map(([k, [w, c]]) => `${k} ${w.toFixed(2)} / ${c.toFixed(2)}`).join(', ')}`);
  // The backup runs on the main thread (its CPU is the main thread's).
  const importOnly = { s: out.s - backup.s, cpu: out.cpu - backup.cpu, mainCpu: out.mainCpu - backup.cpu };
  console.log(`  of which the safety backup ${backup.s.toFixed(2)} s (CPU ${backup.cpu.toFixed(2)} s); the import itself ${importOnly.s.toFixed(2)} s (CPU ${importOnly.cpu.toFixed(2)} s)`);
  return { ...out, backup, importOnly };
}

/** CPU seconds of this process's main thread alone (Linux /proc; NaN elsewhere): what a second thread takes off it. */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function timed<T>(what: string, fn: () => Promise<T> | T): Promise<{ value: T; s: number; cpu: number; mainCpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const m = mainThreadCpu();
  const value = await fn();
  const s = (performance.now() - t) / 1000;
  const cpu = cpuSeconds(process.cpuUsage(c));
  const mainCpu = mainThreadCpu() - m;
  console.log(`${what}: ${s.toFixed(2)} s (CPU ${cpu.toFixed(2)} s, main thread ${mainCpu.toFixed(2)} s)`);
  return { value, s, cpu, mainCpu };
}

async function main() {
  const reuse = process.env.BENCH_REUSE ?? null;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'pwb-bench-st-'));
  try {
    const ws = openWorkspace(join(dir, 'ws.sqlite'));
    if (reuse) {
      console.log(`reusing ${dir}: the quarter's measures only`);
      await quarter(ws, null);
      ws.close();
      return;
    }
    const api = createApi({ ws, user: 'bench' });
    await seedPartnersAndProducts(ws, api, dir, PARTNERS, !PLAIN);

    const sales = join(dir, 'sales.csv');
    const through = join(dir, 'sellthrough.csv');
    const stock = join(dir, 'stock.csv');
    await writeCsv(sales, 'partnerCode,date,product,quantity,amount,lineRef\r\n', LINES, (i) => `P${pad(i % PARTNERS, 5)},${dateOf(i * 7)},SKU-${pad(i % PRODUCTS, 4)},${1 + (i % 9)},${(100 + (i % 400)) * (1 + (i % 9))},S${i}\r\n`);
    await writeCsv(
      through,
      'partnerCode,date,product,quantity,amount,customerRef,customerProvince,lineRef\r\n',
      LINES,
      sellThroughLine,
    );
    // Month-end stock reports: partner × product × month until STOCK rows.
    await writeCsv(stock, 'partnerCode,date,product,quantity\r\n', STOCK, (i) => {
      const month = Math.floor(i / (PARTNERS * 2));
      const d = new Date(Date.UTC(2024, month + 1, 0)).toISOString().slice(0, 10);
      return `P${pad(i % PARTNERS, 5)},${d},SKU-${pad((Math.floor(i / PARTNERS) % 2) + ((i % PARTNERS) % 100) * 2, 4)},${i % 50}\r\n`;
    });
    console.log(`${PARTNERS.toLocaleString('en-US')} partners, ${LINES.toLocaleString('en-US')} sales and sell-through lines, ${STOCK.toLocaleString('en-US')} stock rows${PLAIN ? ' (plain: no returns, every province and floor)' : ''}`);

    // A workspace that has been evaluated once keeps the sales summaries with every sales import (as the sell-through
    // import keeps its own): start the reference in that state, so both imports pay for what follows their lines.
    ensureSalesSummaries(ws.sqlite);
    const ref = await timedImport(`import ${LINES} sales lines (reference)`, api, { kind: 'sales', path: sales });
    const st = await timedImport(`import ${LINES} sell-through lines`, api, { kind: 'sell-through', path: through });
    const inv = await timedImport(`import ${STOCK} stock rows`, api, { kind: 'inventory', path: stock });
    if (st.value.inserted !== LINES || inv.value.inserted !== STOCK) throw new Error(`imported ${st.value.inserted} / ${inv.value.inserted}`);
    await quarter(ws, { ref, st, inv });
    ws.close();
  } finally {
    if (process.env.BENCH_KEEP === '1' || reuse) console.log(`workspace kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

type Timed = { s: number; cpu: number };
type TimedImport = Timed & { backup: Timed; importOnly: Timed & { mainCpu: number } };
/** The quarter's channel measures, stuffing signal and RFM against a bare grouped scan; the final JSON line. */
async function quarter(ws: Workspace, imports: { ref: TimedImport; st: TimedImport; inv: TimedImport } | null) {
  const partners = (ws.sqlite.prepare('select count(*) from partners').pluck().get() as number);
  const lines = (ws.sqlite.prepare('select count(*) from sell_through_lines').pluck().get() as number);
  const stockRows = (ws.sqlite.prepare('select count(*) from inventory_snapshots').pluck().get() as number);
  const returnLines = (ws.sqlite.prepare(`select count(*) from sell_through_lines where not ${purchase()}`).pluck().get() as number);
  const q = parsePeriod('2025-Q2');
  const ids = (ws.sqlite.prepare('select id from partners').all() as Array<{ id: number }>).map((r) => r.id);
  const bare = await timed('bare scan: sum of the quarter\'s sell-through per partner (reference)', () =>
    ws.sqlite.prepare('select partner_id, sum(quantity) from sell_through_lines where date between ? and ? group by partner_id').all(q.start, q.end),
  );
  const measures = await timed('channel measures of the quarter, all partners', () => channelMeasures(ws, q, ids));
  const stuffing = await timed('stuffing signal (three quarters of measures)', () => stuffingSignals(ws, q, ids, DEFAULT_INVENTORY_RULES));
  const rfm = await timed('RFM of every partner\'s customers (12-month window)', () => customerRfm(ws, { asOf: q.end, windowMonths: 12 }));
  const quarterS = measures.s + rfm.s;
  const rate = (n: number, t: Timed | undefined) => (t ? Math.round(n / t.s) : null);
  const round = (x: number, d = 100) => Math.round(x * d) / d;
  const result = {
    bench: 'sellthrough',
    partners,
    lines,
    stockRows,
    returnLines,
    salesImportRowsPerS: rate(lines, imports?.ref),
    sellThroughImportRowsPerS: rate(lines, imports?.st),
    salesImportCpuS: imports ? round(imports.ref.cpu) : null,
    sellThroughImportCpuS: imports ? round(imports.st.cpu) : null,
    importRatio: imports ? round(imports.st.s / imports.ref.s) : null,
    importCpuRatio: imports ? round(imports.st.cpu / imports.ref.cpu) : null,
    stockImportRowsPerS: rate(stockRows, imports?.inv),
    stockImportCpuS: imports ? round(imports.inv.cpu) : null,
    // Without each import's safety backup (a cost of the workspace's size, not of the file's rows).
    salesRowsPerS: rate(lines, imports?.ref.importOnly),
    sellThroughRowsPerS: rate(lines, imports?.st.importOnly),
    stockRowsPerS: rate(stockRows, imports?.inv.importOnly),
    salesCpuS: imports ? round(imports.ref.importOnly.cpu) : null,
    sellThroughCpuS: imports ? round(imports.st.importOnly.cpu) : null,
    stockCpuS: imports ? round(imports.inv.importOnly.cpu) : null,
    backupCpuS: imports ? [imports.ref.backup.cpu, imports.st.backup.cpu, imports.inv.backup.cpu].map((x) => round(x)) : null,
    sellThroughCpuPerRowRatio: imports ? round(imports.st.importOnly.cpu / imports.ref.importOnly.cpu) : null,
    // Wall: the rows/s the issue names (the end-customer grouping may run on a second thread; CPU counts every thread).
    sellThroughWallPerRowRatio: imports ? round(imports.st.importOnly.s / imports.ref.importOnly.s) : null,
    sellThroughMainThreadCpuPerRowRatio: imports ? round(imports.st.importOnly.mainCpu / imports.ref.importOnly.mainCpu) : null,
    grouping: customerGroupingTuning.enabled ? 'worker' : 'sql',
    loadAverage: loadavg().map((x) => round(x)),
    stockCpuPerRowRatio: imports ? round(imports.inv.importOnly.cpu / stockRows / (imports.ref.importOnly.cpu / lines)) : null,
    bareScanS: round(bare.s),
    bareScanCpuS: round(bare.cpu),
    measuresS: round(measures.s),
    measuresCpuS: round(measures.cpu),
    stuffingS: round(stuffing.s),
    stuffingCpuS: round(stuffing.cpu),
    rfmS: round(rfm.s),
    rfmCpuS: round(rfm.cpu),
    rfmCustomers: rfm.value.length,
    quarterMeasuresWithRfmS: round(quarterS),
    quarterMeasuresWithRfmCpuS: round(measures.cpu + rfm.cpu),
    measuresVsBare: round(quarterS / bare.s, 10),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(`quarter's measures + RFM: ${quarterS.toFixed(2)} s (CPU ${(measures.cpu + rfm.cpu).toFixed(2)} s)`);
  if (imports) {
    const perRow = (t: Timed, n: number) => `${Math.round(n / t.s).toLocaleString('en-US')} rows/s, ${((t.cpu / n) * 1e6).toFixed(1)} µs CPU a row`;
    console.log(`sell-through against sales, the import itself: wall ${(imports.st.importOnly.s / imports.ref.importOnly.s).toFixed(2)}×, CPU (all threads) ${(imports.st.importOnly.cpu / imports.ref.importOnly.cpu).toFixed(2)}×, main thread's CPU ${(imports.st.importOnly.mainCpu / imports.ref.importOnly.mainCpu).toFixed(2)}×`);
    console.log(`imports without their backup: sales ${perRow(imports.ref.importOnly, lines)}; sell-through ${perRow(imports.st.importOnly, lines)}; stock ${perRow(imports.inv.importOnly, stockRows)}`);
  }
  console.log(JSON.stringify(result));
}

void main();
