import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedPartners, writeFile } from './importFixtures';

const ROWS = [
  ['经销商编码', '日期', '订单号', '产品', '金额', '数量', '备注客户'],
  ['P001', '2024-03-05', 'SO-1', '净水器 A1', '1,234.50', '2', '华东客户, "甲"'],
  ['P002', '2024/3/6', 'SO-2', 'Filter "Pro"', '¥99.99', '1', '多行\n地址'],
];

function csv(rows: string[][], delimiter = ',', eol = '\r\n'): string {
  const q = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(q).join(delimiter)).join(eol) + eol;
}

describe('imports: encodings and formats', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    ctx = memoryApi();
    tmp = tempDir();
    await seedPartners(ctx.api, 2);
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });

  const stored = () =>
    ctx.ws.sqlite.prepare('select p.code, s.date, s.order_ref, s.product, s.amount_minor, s.quantity from sales_lines s join partners p on p.id = s.partner_id order by s.id').all();

  const expected = [
    { code: 'P001', date: '2024-03-05', order_ref: 'SO-1', product: '净水器 A1', amount_minor: 123450, quantity: 2 },
    { code: 'P002', date: '2024-03-06', order_ref: 'SO-2', product: 'Filter "Pro"', amount_minor: 9999, quantity: 1 },
  ];

  const cases: Array<[string, () => Buffer, string, string]> = [
    ['UTF-8 without BOM', () => Buffer.from(csv(ROWS), 'utf8'), 'utf8', ','],
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(ROWS), 'utf8')]), 'utf8', ','],
    ['UTF-16LE with BOM, tab-separated (Excel "Unicode text")', () => iconv.encode(csv(ROWS, '\t'), 'utf-16le', { addBOM: true }), 'utf16le', '\t'],
    ['UTF-16BE with BOM', () => iconv.encode(csv(ROWS), 'utf-16be', { addBOM: true }), 'utf16be', ','],
    ['GB18030 (Excel on Chinese Windows), semicolons', () => iconv.encode(csv(ROWS, ';'), 'gb18030'), 'gb18030', ';'],
  ];

  for (const [what, make, encoding, delimiter] of cases) {
    it(`reads ${what}`, async () => {
      const path = writeFile(tmp.dir, 'sales.csv', make());
      const preview = await ctx.api.send('imports.preview', { kind: 'sales', path });
      expect(preview.encoding).toBe(encoding);
      expect(preview.delimiter).toBe(delimiter);
      expect(preview.header[0]).toBe('经销商编码');
      expect(preview.mapping.columns).toMatchObject({ partnerCode: '经销商编码', date: '日期', orderRef: '订单号', amount: '金额' });
      const r = await ctx.api.send('imports.run', { kind: 'sales', path });
      expect(r).toMatchObject({ rowsRead: 2, inserted: 2, rejected: 0 });
      expect(stored()).toEqual(expected);
    });
  }

  it('keeps embedded quotes, delimiters and newlines of quoted fields', async () => {
    const path = writeFile(tmp.dir, 'q.csv', csv(ROWS));
    await ctx.api.send('imports.run', {
      kind: 'sales',
      path,
      mapping: { kind: 'sales', columns: { partnerCode: '经销商编码', date: '日期', amount: '金额', customerRef: '备注客户' } },
    });
    const refs = ctx.ws.sqlite.prepare('select customer_ref from sales_lines order by id').all() as Array<{ customer_ref: string }>;
    expect(refs.map((r) => r.customer_ref)).toEqual(['华东客户, "甲"', '多行\n地址']);
  });

  it('an explicit encoding overrides detection', async () => {
    // Forcing UTF-8 on GB18030 bytes gives undecodable text: refused with a hint, never stored as mojibake.
    const path = writeFile(tmp.dir, 'gb.csv', iconv.encode(csv(ROWS), 'gb18030'));
    const forced = await ctx.api.send('imports.preview', { kind: 'sales', path, encoding: 'gb18030' });
    expect(forced.header[0]).toBe('经销商编码');
    const wrong = await ctx.api.send('imports.run', { kind: 'sales', path, encoding: 'utf8' }).catch((e: Error) => e);
    expect(String(wrong)).toMatch(/gb\.csv.*(binary|undecodable)/);
    expect(ctx.ws.sqlite.prepare('select count(*) as n from sales_lines').get()).toEqual({ n: 0 });
  });

  it('reads XLSX: a chosen sheet, Excel serial dates, numbers and rich cells', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('说明');
    first.addRow(['This sheet is notes']);
    const ws = wb.addWorksheet('销售明细');
    ws.addRow(['Partner Code', 'Order Date', 'Order ID', 'Sales', 'Quantity']);
    ws.addRow(['P001', 45356, 'SO-9', 1234.565, 3]); // 45292 = 2024-01-01, so 45356 = 2024-03-05 (leap year)
    ws.addRow(['P002', new Date(Date.UTC(2024, 1, 29)), 'SO-10', { formula: '10*2', result: 20 }, 1]);
    ws.addRow(['P002', 1, 'SO-11', 5, 1]); // serial 1 = 1900-01-01
    ws.addRow(['P002', 61, 'SO-12', 5, 1]); // serial 61 = 1900-03-01 (after Excel's phantom 29 Feb 1900)
    const path = `${tmp.dir}/book.xlsx`;
    await wb.xlsx.writeFile(path);
    const preview = await ctx.api.send('imports.preview', { kind: 'sales', path, sheet: '销售明细' });
    expect(preview.format).toBe('xlsx');
    expect(preview.sheets).toEqual(['说明', '销售明细']);
    expect(preview.rows[0].stored).toMatchObject({ date: '2024-03-05', amountMinor: 123457, quantity: 3 });
    const r = await ctx.api.send('imports.run', { kind: 'sales', path, sheet: '销售明细' });
    expect(r).toMatchObject({ rowsRead: 4, inserted: 4 });
    const dates = (ctx.ws.sqlite.prepare('select date, amount_minor from sales_lines order by id').all() as Array<{ date: string; amount_minor: number }>);
    expect(dates).toEqual([
      { date: '2024-03-05', amount_minor: 123457 },
      { date: '2024-02-29', amount_minor: 2000 },
      { date: '1900-01-01', amount_minor: 500 },
      { date: '1900-03-01', amount_minor: 500 },
    ]);
    const missing = await ctx.api.send('imports.run', { kind: 'sales', path, sheet: 'Nope' }).catch((e: Error) => e);
    expect(String(missing)).toContain("no sheet named 'Nope'");
  });

  it('the first XLSX sheet is the default', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRows([['code', 'name', 'channel type'], ['NEW1', '新伙伴', '分销商']]);
    wb.addWorksheet('B').addRows([['x'], ['y']]);
    const path = `${tmp.dir}/p.xlsx`;
    await wb.xlsx.writeFile(path);
    const r = await ctx.api.send('imports.run', { kind: 'partners', path });
    expect(r.inserted).toBe(1);
    expect((await ctx.api.send('partners.getByCode', { code: 'NEW1' })).channelType).toBe('distributor');
  });
});
