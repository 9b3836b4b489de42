/**
 * Grid export of 200k sales lines (`npm run bench:gridExport`; LINES scales it): grids.export to XLSX and CSV beside a
 * bare writer of the same rows in the same run (exceljs's streaming WorkbookWriter / a plain write stream fed straight
 * from the same SQL, no filter, labels, safety or progress). Prints rows/s and the ratio to the bare writer, and a JSON line.
 */
import ExcelJS from 'exceljs';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMemoryWorkspace } from '../db/database';
import { createApi } from '../electron/api/api';

const LINES = Number(process.env.LINES ?? 200_000);
const ws = openMemoryWorkspace();
const api = createApi({ ws, user: 'bench' });
const dir = mkdtempSync(join(tmpdir(), 'pwb-bench-grid-'));
ws.sqlite.exec(`insert into partners (code, name, channel_type, tier, status) values ('P1', '深圳鑫睿贸易有限公司', 'dealer', 'tier1', 'active')`);
ws.sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${LINES})
  insert into sales_lines (partner_id, date, amount_minor, quantity, order_ref, product, currency, dedupe_key)
  select 1, date('2025-01-01', '+' || (i % 365) || ' days'), (i * 7919) % 10000007, 1 + i % 3, '6222021000' || printf('%09d', i), 'SKU-' || (i % 500), 'CNY', 'k' || i from n`);
const SQL = `select s.date, p.code as partnerCode, s.order_ref as orderRef, s.product, s.quantity, s.amount_minor as amountMinor
  from sales_lines s join partners p on p.id = s.partner_id order by s.amount_minor desc, s.id desc`;
const columns = [
  { colId: 'date', header: '日期', kind: 'date' as const },
  { colId: 'partnerCode', header: '伙伴编码' },
  { colId: 'orderRef', header: '订单号' },
  { colId: 'product', header: '产品' },
  { colId: 'quantity', header: '数量', kind: 'number' as const },
  { colId: 'amountMinor', header: '金额', kind: 'money' as const },
];
type Row = { date: string; partnerCode: string; orderRef: string; product: string; quantity: number; amountMinor: number };

async function bareXlsx(path: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('bare');
  sheet.addRow(columns.map((c) => c.header)).commit();
  let n = 0;
  for (const r of ws.sqlite.prepare(SQL).iterate() as IterableIterator<Row>) {
    sheet.addRow([r.date, r.partnerCode, r.orderRef, r.product, r.quantity, r.amountMinor / 100]).commit();
    if (++n % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await wb.commit();
}

async function bareCsv(path: string) {
  const out = createWriteStream(path);
  out.write(`${columns.map((c) => c.header).join(',')}\r\n`);
  for (const r of ws.sqlite.prepare(SQL).iterate() as IterableIterator<Row>) {
    if (!out.write(`${r.date},${r.partnerCode},${r.orderRef},${r.product},${r.quantity},${r.amountMinor / 100}\r\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

const figures: Record<string, number> = {};
for (const format of ['xlsx', 'csv'] as const) {
  const bare = await time(() => (format === 'xlsx' ? bareXlsx(join(dir, 'bare.xlsx')) : bareCsv(join(dir, 'bare.csv'))));
  const ours = await time(() =>
    api.send('grids.export', { grid: 'sales', query: {}, columns, sort: [{ colId: 'amountMinor', sort: 'desc' }], format, out: join(dir, `grid.${format}`) }),
  );
  figures[`${format}RowsPerS`] = Math.round(LINES / ours);
  figures[`${format}BareRowsPerS`] = Math.round(LINES / bare);
  figures[`${format}Ratio`] = Number((ours / bare).toFixed(2));
  console.log(`${format}: grids.export ${ours.toFixed(2)} s (${figures[`${format}RowsPerS`].toLocaleString()} rows/s), bare writer ${bare.toFixed(2)} s, ratio ${figures[`${format}Ratio`]}`);
}
console.log(JSON.stringify({ bench: 'gridExport', lines: LINES, ...figures }));
rmSync(dir, { recursive: true, force: true });
ws.close();
