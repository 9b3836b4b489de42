import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openXlsxSource } from '../../../electron/domain/imports/xlsxSource';
import { XLSX_LIMITS } from '../../../electron/domain/imports/xlsx/limits';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, writeFile, type ErrorData } from './importFixtures';
import { writeXlsx, type XCell } from './xlsxFixtures';

describe('imports: reading XLSX workbooks', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    ctx = memoryApi();
    tmp = tempDir();
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });

  it('imports a multi-sheet workbook 50 times, any sheet, without an error (no temp-file race)', async () => {
    // exceljs writes the sheets before the shared strings, the layout that made its streaming reader buffer sheets in
    // temp files and delete an unread one under an opening stream (an unhandled ENOENT, which fails this run).
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Orders').addRows([['code', 'name', 'channel type'], ['NEW1', '新伙伴', '分销商']]);
    wb.addWorksheet('Returns').addRows([['x'], ['y'], ['z']]);
    wb.addWorksheet('More').addRows([['code', 'name', 'channel type'], ['NEW2', '第二', '零售商']]);
    wb.addWorksheet('Notes').addRows([['note'], ['n']]);
    const path = `${tmp.dir}/multi.xlsx`;
    await wb.xlsx.writeFile(path);
    for (let i = 0; i < 50; i++) {
      const sheet = i % 2 === 0 ? undefined : 'More';
      const r = await ctx.api.send('imports.run', { kind: 'partners', path, sheet, force: true });
      expect([r.rowsRead, r.rejected]).toEqual([1, 0]);
    }
    const partners = ctx.ws.sqlite.prepare('select code, name, channel_type from partners order by code').all();
    expect(partners).toEqual([
      { code: 'NEW1', name: '新伙伴', channel_type: 'distributor' },
      { code: 'NEW2', name: '第二', channel_type: 'retail' },
    ]);
  });

  const SALES_HEADER = ['经销商编码', '日期', '订单号', '金额', '数量'];
  const sales = () =>
    ctx.ws.sqlite.prepare('select p.code, s.date, s.order_ref, s.amount_minor, s.quantity from sales_lines s join partners p on p.id = s.partner_id order by s.id').all();

  for (const strict of [true, false]) {
    it(`${strict ? 'Strict' : 'transitional'} OOXML: ISO date cells (t="d") are dates, the first tab is the first sheet, numbers as Excel shows them`, async () => {
      await seedPartners(ctx.api, 2);
      const path = `${tmp.dir}/book.xlsx`;
      // The tab order is 订单, 退货; the zip holds 退货's part first and names it sheet1.xml.
      await writeXlsx(path, {
        strict,
        scrambleParts: true,
        styles: [14, 'yyyy"年"m"月"d"日"', '#,##0.00'],
        sheets: [
          {
            name: '订单',
            rows: [
              SALES_HEADER,
              ['P001', { t: 'd', v: '2024-03-05' }, 'SO-1', { v: '35621.354999999996', s: 3 }, 2],
              ['P002', { t: 'd', v: '2024-12-31T00:00:00' }, { t: 'inlineStr', v: 'SO-2' }, { v: '0.1' }, { v: '3' }],
              ['P001', { v: '45356', s: 1 }, { t: 'str', v: 'SO-3' }, 1234.5, 1],
              ['P002', { v: '45357.75', s: 2 }, 'SO-4', { v: '1.0049999999999999' }, 1],
            ],
          },
          { name: '退货', rows: [SALES_HEADER, ['P001', { t: 'd', v: '2023-01-01' }, 'RET-1', -5, 1]] },
        ],
      });
      const preview = await ctx.api.send('imports.preview', { kind: 'sales', path });
      expect([preview.sheet, preview.sheets]).toEqual(['订单', ['订单', '退货']]);
      const r = await ctx.api.send('imports.run', { kind: 'sales', path });
      expect([r.inserted, r.rejected]).toEqual([4, 0]);
      expect(sales()).toEqual([
        { code: 'P001', date: '2024-03-05', order_ref: 'SO-1', amount_minor: 3562136, quantity: 2 },
        { code: 'P002', date: '2024-12-31', order_ref: 'SO-2', amount_minor: 10, quantity: 3 },
        { code: 'P001', date: '2024-03-05', order_ref: 'SO-3', amount_minor: 123450, quantity: 1 },
        { code: 'P002', date: '2024-03-06', order_ref: 'SO-4', amount_minor: 101, quantity: 1 },
      ]);
    });
  }

  it('a workbook and the CSV Excel saves of it give the same figures', async () => {
    await seedPartners(ctx.api, 1);
    const book = `${tmp.dir}/same.xlsx`;
    await writeXlsx(book, { sheets: [{ name: 'S', rows: [SALES_HEADER, ['P001', '2024-03-05', 'SO-1', { v: '35621.354999999996' }, 1]] }] });
    const csv = writeFile(tmp.dir, 'same.csv', `${SALES_HEADER.join(',')}\r\nP001,2024-03-05,SO-2,35621.355,1\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path: book });
    await ctx.api.send('imports.run', { kind: 'sales', path: csv });
    expect(sales().map((s) => (s as { amount_minor: number }).amount_minor)).toEqual([3562136, 3562136]);
  });

  it('the 1904 date system (old Mac workbooks) shifts serial dates; ISO cells stay as written', async () => {
    await seedPartners(ctx.api, 1);
    const path = `${tmp.dir}/mac.xlsx`;
    await writeXlsx(path, {
      date1904: true,
      styles: [14],
      sheets: [{ name: 'S', rows: [SALES_HEADER, ['P001', { v: '43894', s: 1 }, 'SO-1', 1, 1], ['P001', { t: 'd', v: '2024-03-05' }, 'SO-2', 1, 1]] }],
    });
    await ctx.api.send('imports.run', { kind: 'sales', path });
    expect(sales().map((s) => (s as { date: string }).date)).toEqual(['2024-03-05', '2024-03-05']);
  });

  it('reads booleans, error cells and hidden tabs; a named sheet is found by its tab name', async () => {
    const path = `${tmp.dir}/p.xlsx`;
    const rows: XCell[][] = [
      ['code', 'name', 'channel type'],
      ['NEW1', { t: 'inlineStr', v: '新伙伴' }, '分销商'],
    ];
    await writeXlsx(path, { scrambleParts: true, sheets: [{ name: 'Hidden', hidden: true, rows: [['x'], [{ t: 'e', v: '#N/A' }]] }, { name: '伙伴', rows }] });
    const preview = await ctx.api.send('imports.preview', { kind: 'partners', path, sheet: 'Hidden' });
    expect(preview.sheets).toEqual(['Hidden', '伙伴']);
    const r = await ctx.api.send('imports.run', { kind: 'partners', path, sheet: '伙伴' });
    expect(r.inserted).toBe(1);
    expect(ctx.ws.sqlite.prepare('select code, name, channel_type from partners').all()).toEqual([{ code: 'NEW1', name: '新伙伴', channel_type: 'distributor' }]);
  });

  it('refuses a cell beyond the limits, naming file, sheet, row and cell', async () => {
    const path = `${tmp.dir}/big.xlsx`;
    await writeXlsx(path, { sheets: [{ name: '数据', rows: [['code', 'name'], ['A', 'short'], ['B', 'x'.repeat(40)]] }] });
    // Six shared strings: code, name, A, short, B, xxx…
    const source = await openXlsxSource(path, 0, null, { ...XLSX_LIMITS, sharedStrings: 6 });
    source.close();
    await expect(openXlsxSource(path, 0, null, { ...XLSX_LIMITS, sharedStrings: 5 })).rejects.toThrow('big.xlsx: it has more than 5 shared strings (the limit)');
    await expect(openXlsxSource(path, 0, null, { ...XLSX_LIMITS, sharedStringsChars: 20 })).rejects.toThrow('big.xlsx: its shared strings hold more than 20 characters');
    await writeXlsx(path, { sheets: [{ name: '数据', rows: [['code', 'name'], ['A', { t: 'inlineStr', v: 'short' }], ['B', { t: 'inlineStr', v: 'x'.repeat(40) }]] }] });
    const s2 = await openXlsxSource(path, 0, null, { ...XLSX_LIMITS, cellChars: 20 });
    const read = async () => {
      for await (const _ of s2.records()) void _;
    };
    await expect(read()).rejects.toThrow("big.xlsx, sheet '数据', row 3, cell B3: the cell holds more than 20 characters");
    s2.close();
  });

  it('a date cell that is not a date is a row error, not a wrong date', async () => {
    await seedPartners(ctx.api, 1);
    const path = `${tmp.dir}/bad.xlsx`;
    await writeXlsx(path, { sheets: [{ name: 'S', rows: [SALES_HEADER, ['P001', { t: 'd', v: '2024-02-30' }, 'SO-1', 1, 1]] }] });
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path }));
    expect((e.body.data as ErrorData).errors[0]).toMatchObject({ row: 2, column: '日期', value: '2024-02-30' });
    expect(sales()).toEqual([]);
  });
});
