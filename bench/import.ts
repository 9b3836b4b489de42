/**
 * npm run bench:import — imports a generated sales file end to end and compares it with a bare prepared insert.
 *
 *   BENCH_ROWS      sales lines (default 1,000,000 ≈ 100 MB of CSV)
 *   BENCH_PARTNERS  partners (default 10,000)
 *   BENCH_LINEREF   1 (default): lines carry a line reference; 0: duplicates judged by content hash
 *
 * Prints: file size, end-to-end import time (contract → job → stream → parse → validate → insert → commit),
 * the bare better-sqlite3 insert of the same rows into the same table and indexes, their ratio, and peak RSS.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../db/database';
import { createApi } from '../electron/api/api';
import { IMPORT_CACHE_SIZE } from '../electron/domain/imports/importRun';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const LINEREF = process.env.BENCH_LINEREF !== '0';
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
    const api = createApi({ ws, user: 'bench' });
    t = performance.now();
    const r = await api.send('imports.run', { kind: 'sales', path: csv });
    const importMs = performance.now() - t;
    const rssAfterImport = process.resourceUsage().maxRSS * 1024;
    ws.close();
    if (r.inserted !== ROWS) throw new Error(`expected ${ROWS} inserted, got ${JSON.stringify({ ...r, errors: r.errors.slice(0, 3) })}`);

    // Bare: the same rows, prepared insert, one transaction, same table and indexes.
    const bare = openWorkspace(join(dir, 'bare.sqlite'));
    const ids = seedPartners(bare);
    // The same page cache the import uses for large files, so the ratio compares like with like.
    bare.sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
    const ins = bare.sqlite.prepare(
      `insert into sales_lines (partner_id, date, order_ref, line_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, currency, dedupe_key, import_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?, null, ?)`,
    );
    const now = new Date().toISOString();
    t = performance.now();
    bare.sqlite.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const x = row(i);
        ins.run(ids.get(x.partner), x.date, x.order, LINEREF ? x.line : null, x.product, x.category, x.qty, x.amountMinor, x.costMinor, x.customer, `ref:${x.line}`, now);
      }
    })();
    const bareMs = performance.now() - t;
    bare.close();

    console.log(`import (end to end): ${(importMs / 1000).toFixed(2)} s  — ${Math.round(ROWS / (importMs / 1000)).toLocaleString('en-US')} rows/s  [goal ≤ 10 s for 1M]`);
    console.log(`bare prepared insert: ${(bareMs / 1000).toFixed(2)} s`);
    console.log(`ratio import / bare: ${(importMs / bareMs).toFixed(2)}×  [goal ≤ 3×]`);
    console.log(`peak RSS during import: ${mb(rssAfterImport)}  [goal ≤ 500 MB]`);
    console.log(`result: ${JSON.stringify({ rowsRead: r.rowsRead, inserted: r.inserted, duplicates: r.duplicates, rejected: r.rejected })}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
