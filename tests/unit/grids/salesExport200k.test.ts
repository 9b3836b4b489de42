import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { streamSales } from '../../../electron/domain/sales/store';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

// A full collection on demand, so the test compares live memory rather than garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const t = tempDir();
afterAll(() => t.cleanup());
const LINES = 200_000;

async function workspace() {
  const { ws, api } = memoryApi();
  for (let i = 0; i < 20; i++) await api.send('partners.create', partnerInput(`P${String(i).padStart(2, '0')}`) as never);
  // Amounts with every fen pattern, some negative (returns); order refs of 19 digits that Excel would round.
  ws.sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${LINES})
    insert into sales_lines (partner_id, date, amount_minor, quantity, order_ref, currency, dedupe_key)
    select (i % 20) + 1, date('2025-01-01', '+' || (i % 365) || ' days'), (i * 7919) % 10000007 - 500000, 1 + i % 3,
           '6222021000' || printf('%09d', i), 'CNY', 'k' || i from n`);
  return { ws, api };
}

describe('grid export of 200,000 sales lines', () => {
  it('streams the filtered, sorted lines to CSV: the file equals the rows of the filter, money exact to the fen', async () => {
    const { ws, api } = await workspace();
    gc();
    const base = process.memoryUsage().heapUsed;
    // What the export keeps alive while it runs: the heap after a full collection, at each progress report.
    const live: number[] = [];
    const r = await api.send(
      'grids.export',
      {
        grid: 'sales',
        query: { dateFrom: '2025-02-01', dateTo: '2025-11-30' },
        columns: [
          { colId: 'orderRef', header: '订单号' },
          { colId: 'amountMinor', header: '金额', kind: 'money' },
          { colId: 'date', header: '日期', kind: 'date' },
          { colId: 'partnerCode', header: '伙伴编码' },
        ],
        sort: [{ colId: 'amountMinor', sort: 'desc' }],
        format: 'csv',
        out: join(t.dir, 'sales.csv'),
      },
      {
        onProgress: () => {
          gc();
          live.push(process.memoryUsage().heapUsed - base);
        },
      },
    );
    const expected = ws.sqlite
      .prepare(
        `select s.order_ref as o, s.amount_minor as a, s.date as d, p.code as c from sales_lines s join partners p on p.id = s.partner_id
         where s.date between '2025-02-01' and '2025-11-30' order by s.amount_minor desc, s.id desc`,
      )
      .all() as Array<{ o: string; a: number; d: string; c: string }>;
    // Memory stays bounded: the export's peak heap growth is a fraction of what holding the lines it read takes.
    gc();
    const before = process.memoryUsage().heapUsed;
    const all = [...streamSales(ws.sqlite, { dateFrom: '2025-02-01', dateTo: '2025-11-30', sort: 'amountMinor', direction: 'desc' }).rows];
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(all).toHaveLength(expected.length);
    expect(live.length).toBeGreaterThan(5);
    expect(Math.max(...live)).toBeLessThan(held / 10);
    expect(expected.length).toBeGreaterThan(150_000);
    expect([r.rows, r.scanned]).toEqual([expected.length, expected.length]);
    const lines = readFileSync(r.path, 'utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('订单号,金额,日期,伙伴编码');
    const yuan = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}${Math.abs(minor) % 100 ? `.${String(Math.abs(minor) % 100).padStart(2, '0')}`.replace(/0$/, '') : ''}`;
    expect(lines.slice(1, -1)).toEqual(expected.map((e) => `${e.o},${yuan(e.a)},${e.d},${e.c}`));
    // Totals add up to the fen when read back.
    const fen = lines.slice(1, -1).reduce((s, l) => s + Math.round(Number(l.split(',')[1]) * 100), 0);
    expect(fen).toBe(expected.reduce((s, e) => s + e.a, 0));
  }, 300_000);

  it('streams them to XLSX: order refs stay text, amounts are numbers, the row count is the filter\'s', async () => {
    const { api } = await workspace();
    gc();
    const base = process.memoryUsage().heapUsed;
    const live: number[] = [];
    const r = await api.send('grids.export', {
      grid: 'sales',
      query: {},
      columns: [
        { colId: 'partnerCode', header: 'Partner' },
        { colId: 'orderRef', header: 'Order' },
        { colId: 'amountMinor', header: 'Amount', kind: 'money' },
      ],
      sort: [{ colId: 'orderRef', sort: 'asc' }],
      format: 'xlsx',
      out: join(t.dir, 'all.xlsx'),
    }, { onProgress: () => { gc(); live.push(process.memoryUsage().heapUsed - base); } });
    expect(r.rows).toBe(LINES);
    expect(live.length).toBeGreaterThan(5);
    // Bounded: exceljs's streaming writer keeps little more than a row and the zip's window alive.
    expect(Math.max(...live)).toBeLessThan(16 * 2 ** 20);
    const p07 = await api.send('grids.export', {
      grid: 'sales',
      query: { partnerCode: 'P07' },
      columns: [
        { colId: 'partnerCode', header: 'Partner' },
        { colId: 'orderRef', header: 'Order' },
        { colId: 'amountMinor', header: 'Amount', kind: 'money' },
      ],
      sort: [{ colId: 'orderRef', sort: 'asc' }],
      format: 'xlsx',
      out: join(t.dir, 'p07.xlsx'),
    });
    expect(p07.rows).toBe(LINES / 20);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p07.path);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(LINES / 20 + 1);
    expect(sheet.getCell('B2').value).toBe('6222021000000000007');
    expect(sheet.getCell('C2').value).toBe(((7 * 7919) % 10000007 - 500000) / 100);
  }, 300_000);
});
