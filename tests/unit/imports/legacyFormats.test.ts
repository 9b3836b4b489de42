import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, writeFile } from './importFixtures';

const HEADER = ['经销商编码', '日期', '订单号', '金额', '数量'];

/** A two-tab workbook written by SheetJS in the given format: 订单 first, then 退货. */
function workbook(bookType: 'biff8' | 'ods', date1904 = false): Buffer {
  const orders = XLSX.utils.aoa_to_sheet([
    HEADER,
    ['P001', { t: 'n', v: 45356, z: 'yyyy-mm-dd' }, 'SO-1', { t: 'n', v: 35621.354999999996, z: '#,##0.00' }, 2],
    ['P002', '2024-12-31', 'SO-2', 0.1, 3],
    ['P001', { t: 'n', v: 45357.75, z: 'yyyy"年"m"月"d"日" hh:mm' }, 12345, 1.0049999999999999, 1],
  ] as unknown[][]);
  const returns = XLSX.utils.aoa_to_sheet([HEADER, ['P001', '2023-01-01', 'RET-1', -5, -1]]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, orders, '订单');
  XLSX.utils.book_append_sheet(wb, returns, '退货');
  if (date1904) wb.Workbook = { WBProps: { date1904: true } };
  return XLSX.write(wb, { bookType, type: 'buffer' }) as Buffer;
}

describe('imports: .xls, .et and .ods workbooks', () => {
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
  const sales = () => ctx.ws.sqlite.prepare('select p.code, s.date, s.order_ref, s.amount_minor, s.quantity from sales_lines s join partners p on p.id = s.partner_id order by s.id').all();
  const expected = [
    { code: 'P001', date: '2024-03-05', order_ref: 'SO-1', amount_minor: 3562136, quantity: 2 },
    { code: 'P002', date: '2024-12-31', order_ref: 'SO-2', amount_minor: 10, quantity: 3 },
    { code: 'P001', date: '2024-03-06', order_ref: '12345', amount_minor: 101, quantity: 1 },
  ];

  for (const [ext, bookType, format] of [
    ['xls', 'biff8', 'xls'],
    ['et', 'biff8', 'xls'],
    ['ods', 'ods', 'ods'],
  ] as const) {
    it(`.${ext}: the first tab, dates by number format, numbers as Excel shows them`, async () => {
      const path = writeFile(tmp.dir, `book.${ext}`, workbook(bookType));
      const preview = await ctx.api.send('imports.preview', { kind: 'sales', path });
      expect([preview.format, preview.sheet, preview.sheets]).toEqual([format, '订单', ['订单', '退货']]);
      expect(await ctx.api.send('imports.run', { kind: 'sales', path })).toMatchObject({ inserted: 3, rejected: 0 });
      expect(sales()).toEqual(expected);
      const refused = await failure(ctx.api.send('imports.run', { kind: 'sales', path }));
      expect(refused.body.code).toBe('CONFLICT');
      expect(await ctx.api.send('imports.run', { kind: 'sales', path, sheet: '退货' })).toMatchObject({ inserted: 1 });
    });
  }

  it('a damaged .xls is refused with how to save it as .xlsx', async () => {
    const bytes = Buffer.alloc(4096, 0);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const path = `${tmp.dir}/broken.xls`;
    writeFileSync(path, bytes);
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path }));
    expect(e.message).toMatch(/^broken\.xls: not a readable Excel 97–2003 \/ WPS \(\.xls, \.et\) workbook .*save it as \.xlsx$/);
  });
});
