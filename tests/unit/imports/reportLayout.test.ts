import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../electron/domain/imports/openSource';
import { isTotalRow } from '../../../electron/domain/imports/recordSource';
import { errorText } from '../../../shared/errorMessages';
import { skippedRowsText } from '../../../shared/importMessages';
import * as XLSX from '@e965/xlsx';
import { failure, importWorkspace, writeFile } from './importFixtures';
import { writeXlsx } from './xlsxFixtures';

/** How partners' reports are laid out: a title above the header, a total row below the data, codes kept by a "00000" format. */
describe('imports: report layouts (title rows, total rows, zero-padded codes)', () => {
  const w = importWorkspace(1, '产品编码,产品名称\r\n00123,智能网关 G1\r\nSL-S30,智能门锁 S30\r\n');
  const stock = () =>
    w.ctx.ws.sqlite.prepare('select p.code product, i.date, i.quantity, i.value_minor value, i.warehouse from inventory_snapshots i join products p on p.id = i.product_id order by i.id').all();

  it('a WPS weekly stock report: merged title row, header on row 2, date cells and ISO text, a code kept by "00000", a total row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存周报');
    ws.mergeCells('A1:G1');
    ws.getCell('A1').value = '库存周报（2026年第47周）';
    ws.getRow(2).values = ['序号', '经销商编码', '盘点日期', '产品编码', '库存数量', '库存金额', '仓库'];
    ws.getRow(3).values = [1, 'P001', new Date(Date.UTC(2026, 10, 20)), '00123', 120, 23880, '主仓'];
    ws.getRow(4).values = [2, 'P001', '2026-11-27', 123, 96, 19104.5, '主仓'];
    ws.getRow(4).getCell(4).numFmt = '00000';
    ws.getRow(5).values = ['合 计', null, null, null, { formula: 'SUM(E3:E4)', result: 216 }, { formula: 'SUM(F3:F4)', result: 42984.5 }];
    const path = `${w.tmp.dir}/库存周报.xlsx`;
    await wb.xlsx.writeFile(path);
    const preview = await w.ctx.api.send('imports.preview', { kind: 'inventory', path });
    expect(preview.header).toEqual(['序号', '经销商编码', '盘点日期', '产品编码', '库存数量', '库存金额', '仓库']);
    expect(preview.rows.map((r) => r.row)).toEqual([3, 4]);
    // The preview shows the row as stored with the product's code (not its id) and the value in minor units.
    expect(preview.rows[1].stored).toMatchObject({ partnerCode: 'P001', product: '00123', date: '2026-11-27', quantity: 96, valueMinor: 1910450 });
    expect(preview.rows[1].stored).not.toHaveProperty('productId');
    // The title above the header is reported before anything is imported, the total row with the result.
    expect(preview.skipped).toEqual({ titles: [{ row: 1, text: '库存周报（2026年第47周）' }], totals: 1, totalRows: [{ row: 5, text: '合 计' }] });
    const run = await w.ctx.api.send('imports.run', { kind: 'inventory', path });
    expect(run).toMatchObject({ rowsRead: 2, inserted: 2, rejected: 0 });
    expect(run.skipped).toEqual({ titles: [{ row: 1, text: '库存周报（2026年第47周）' }], totals: 1, totalRows: [{ row: 5, text: '合 计' }] });
    expect(skippedRowsText(run.skipped, 'en')).toBe('Skipped 1 title row above the header (row 1: 库存周报（2026年第47周）) and 1 total row (row 5: 合 计)');
    expect(skippedRowsText(run.skipped, 'zh-CN')).toBe('已跳过表头上方的 1 行标题（第 1 行：库存周报（2026年第47周））和 1 行合计行（第 5 行：合 计）');
    expect(stock()).toEqual([
      { product: '00123', date: '2026-11-20', quantity: 120, value: 2388000, warehouse: '主仓' },
      { product: '00123', date: '2026-11-27', quantity: 96, value: 1910450, warehouse: '主仓' },
    ]);
  });

  it('a DMS CSV export: title and export-time lines above the header, a 合计 row at the end; row numbers stay the file\'s', async () => {
    const csv = ['库存上报', '导出时间：2026-11-30 08:00', '经销商编码,日期,产品编码,数量', 'P001,2026-11-27,SL-S30,5', 'P001,2026-11-27,00123,x', '合计,,,5'].join('\r\n');
    const path = writeFile(w.tmp.dir, 'dms.csv', iconv.encode(csv, 'gb18030'));
    const e = await failure(w.ctx.api.send('imports.run', { kind: 'inventory', path }));
    expect(e.body.data).toMatchObject({ rejected: 1, rowsRead: 2, errors: [{ row: 5, column: '数量', value: 'x' }] });
    // A refused file reports what was skipped too (the wizard and the CLI show it beside the errors).
    const skipped = { titles: [{ row: 1, text: '库存上报' }, { row: 2, text: '导出时间：2026-11-30 08:00' }], totals: 1, totalRows: [{ row: 6, text: '合计' }] };
    expect(e.body.data).toMatchObject({ skipped });
    const fixed = writeFile(w.tmp.dir, 'dms2.csv', iconv.encode(csv.replace(',x', ',7'), 'gb18030'));
    const run = await w.ctx.api.send('imports.run', { kind: 'inventory', path: fixed });
    expect(run).toMatchObject({ rowsRead: 2, inserted: 2, skipped });
    expect(skippedRowsText(run.skipped, 'en')).toBe('Skipped 2 title rows above the header (row 1: 库存上报; row 2: 导出时间：2026-11-30 08:00) and 1 total row (row 6: 合计)');
  });

  it('reports every skipped total row: subtotals through a long file counted, the first ones named; a plain file skips nothing', async () => {
    const rows: string[] = ['经销商编码,单据日期,金额'];
    for (let i = 0; i < 25; i++) rows.push(`P001,2026-11-${String(1 + (i % 28)).padStart(2, '0')},${1000 + i}`, `小计,,${1000 + i}`);
    rows.push('Grand Total,,99999');
    const path = writeFile(w.tmp.dir, 'subtotals.csv', `${rows.join('\r\n')}\r\n`);
    const run = await w.ctx.api.send('imports.run', { kind: 'sales', path });
    expect(run).toMatchObject({ rowsRead: 25, inserted: 25 });
    expect(run.skipped.titles).toEqual([]);
    expect(run.skipped.totals).toBe(26);
    expect(run.skipped.totalRows).toHaveLength(20);
    expect(run.skipped.totalRows.slice(0, 2)).toEqual([{ row: 3, text: '小计' }, { row: 5, text: '小计' }]);
    expect(skippedRowsText(run.skipped, 'en')).toBe('Skipped 26 total rows (row 3: 小计; row 5: 小计; row 7: 小计; 23 more)');
    expect(skippedRowsText(run.skipped, 'zh-CN')).toBe('已跳过 26 行合计行（第 3 行：小计；第 5 行：小计；第 7 行：小计；另 23 行）');
    const plain = writeFile(w.tmp.dir, 'plain.csv', '经销商编码,单据日期,金额\r\nP001,2026-11-02,5\r\n');
    const r = await w.ctx.api.send('imports.run', { kind: 'sales', path: plain });
    expect(r.skipped).toEqual({ titles: [], totals: 0, totalRows: [] });
    expect(skippedRowsText(r.skipped, 'en')).toBeNull();
  });

  it('an .xls report (用友/金蝶 style) reports its title and total rows as the CSV and XLSX readers do', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([['销售明细表'], [], ['经销商编码', '单据日期', '金额'], ['P001', '2026-11-02', 10], ['P001', '2026-11-03', 20], ['Total', null, 30]]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '明细');
    const path = writeFile(w.tmp.dir, 'report.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const run = await w.ctx.api.send('imports.run', { kind: 'sales', path });
    expect(run).toMatchObject({ rowsRead: 2, inserted: 2, skipped: { titles: [{ row: 1, text: '销售明细表' }], totals: 1, totalRows: [{ row: 6, text: 'Total' }] } });
  });

  it('the sell-through preview shows the product code, the return and the customer as stored', async () => {
    const path = writeFile(w.tmp.dir, 'st.csv', '经销商编码,单据日期,产品编码,数量,金额,客户名称,省份\r\nP001,2026-11-08,00123,-2,-498.00,杭州西湖实验学校,浙江\r\n');
    const preview = await w.ctx.api.send('imports.preview', { kind: 'sell-through', path });
    expect(preview.rows[0].stored).toMatchObject({ partnerCode: 'P001', product: '00123', quantity: -2, amountMinor: -49800, customerName: '杭州西湖实验学校', customerProvince: '浙江' });
    expect(preview.rows[0].stored).not.toHaveProperty('productId');
  });

  it('an order number of 16+ digits stored as a number cell is refused (its last digits are lost), 15 digits are kept', async () => {
    const book = `${w.tmp.dir}/orders.xlsx`;
    const header = ['经销商编码', '单据日期', '产品编码', '数量', '金额', '客户名称', '订单号'];
    await writeXlsx(book, { sheets: [{ name: 'S', rows: [header, ['P001', '2026-11-12', '00123', 3, 897, '甲', { v: '20261112000000001' }], ['P001', '2026-11-13', '00123', 1, 299, '甲', 123456789012345]] }] });
    const e = await failure(w.ctx.api.send('imports.run', { kind: 'sell-through', path: book }));
    expect(e.body.data).toMatchObject({ rejected: 1, errors: [{ row: 2, column: '订单号', code: 'numberCellTooLong' }] });
    expect((e.body.data as { errors: Array<{ message: string }> }).errors[0].message).toContain('more than 15 digits');
    expect(await w.ctx.api.send('imports.run', { kind: 'sell-through', path: book, acceptValid: true })).toMatchObject({ inserted: 1, rejected: 1 });
    expect(w.ctx.ws.sqlite.prepare('select order_ref from sell_through_lines').all()).toEqual([{ order_ref: '123456789012345' }]);
  });

  it('line numbers counted within each order (行号 1, 2 in every order) are keys within their order, in both kinds: every line lands, and the file again adds nothing', async () => {
    const rows = ['P001,2026-11-02,00123,1,299,甲,DMS-1,1', 'P001,2026-11-02,SL-S30,1,1999,甲,DMS-1,2', 'P001,2026-11-03,00123,2,598,乙,DMS-2,1', 'P001,2026-11-03,00123,2,598,乙,DMS-2,2'];
    const path = writeFile(w.tmp.dir, 'lines.csv', `经销商编码,单据日期,产品编码,数量,金额,客户名称,订单号,行号\r\n${rows.join('\r\n')}\r\n`);
    expect(await w.ctx.api.send('imports.run', { kind: 'sell-through', path })).toMatchObject({ inserted: 4, duplicates: 0, rejected: 0 });
    expect(await w.ctx.api.send('imports.run', { kind: 'sell-through', path, force: true })).toMatchObject({ inserted: 0, duplicates: 4 });
    const sales = writeFile(w.tmp.dir, 'sales-lines.csv', `经销商编码,单据日期,产品,数量,金额,订单号,行号\r\nP001,2026-11-02,A,1,10,SO-1,10\r\nP001,2026-11-02,B,1,20,SO-2,10\r\n`);
    expect(await w.ctx.api.send('imports.run', { kind: 'sales', path: sales })).toMatchObject({ inserted: 2, duplicates: 0, rejected: 0 });
    // Line IDs unique across orders (and a line number repeated in one order: a duplicate line) stay line references.
    const unique = writeFile(w.tmp.dir, 'unique.csv', `经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\nP001,2026-11-05,00123,1,299,DMS-3,DMS-3-1\r\nP001,2026-11-05,00123,1,299,DMS-4,DMS-4-1\r\nP001,2026-11-05,00123,1,299,DMS-5,7\r\nP001,2026-11-05,00123,1,299,DMS-5,7\r\n`);
    expect(await w.ctx.api.send('imports.run', { kind: 'sell-through', path: unique })).toMatchObject({ inserted: 3, duplicates: 1 });
  });

  it('a workbook saved by WPS with its instructions on the first sheet: preview and import read the data sheet; a chosen sheet is read as chosen', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明').addRow(['请于每周五 18:00 前上报。数量单位按主计量单位。']);
    wb.addWorksheet('空白页');
    const data = wb.addWorksheet('库存周报');
    data.mergeCells('A1:D1');
    data.getCell('A1').value = '渠道库存周报（2026年第48周）';
    data.getRow(2).values = ['经销商编码', '盘点日期', '物料编码', '结存数量'];
    data.getRow(3).values = ['P001', new Date(Date.UTC(2026, 8, 30)), '00123', 25];
    data.getRow(4).values = ['P001', '2026-11-27', 'SL-S30', 6];
    const path = `${w.tmp.dir}/stock-week48.xlsx`;
    await wb.xlsx.writeFile(path);
    const preview = await w.ctx.api.send('imports.preview', { kind: 'inventory', path });
    expect(preview).toMatchObject({ sheet: '库存周报', sheets: ['填表说明', '空白页', '库存周报'], missingRequired: [], mapping: { sheet: '库存周报' } });
    expect(preview.summary).toMatchObject({ rowsChecked: 2, valid: 2 });
    // The sheet the user picks in the wizard is read even when it lacks the columns (the refusal says what it lacks).
    const chosen = await w.ctx.api.send('imports.preview', { kind: 'inventory', path, sheet: '填表说明' });
    expect(chosen).toMatchObject({ sheet: '填表说明', missingRequired: ['partnerCode', 'date', 'product', 'quantity'] });
    expect(await w.ctx.api.send('imports.run', { kind: 'inventory', path })).toMatchObject({ rowsRead: 2, inserted: 2, rejected: 0 });
    expect(stock()).toEqual([
      { product: '00123', date: '2026-09-30', quantity: 25, value: null, warehouse: '' },
      { product: 'SL-S30', date: '2026-11-27', quantity: 6, value: null, warehouse: '' },
    ]);
    expect(JSON.parse((w.ctx.ws.sqlite.prepare('select mapping from imports order by id desc limit 1').get() as { mapping: string }).mapping)).toMatchObject({ sheet: '库存周报' });
    // A workbook where no sheet fits stays on its first sheet, whose missing columns the refusal names.
    const other = new ExcelJS.Workbook();
    other.addWorksheet('说明').addRow(['无数据']);
    other.addWorksheet('汇总').addRow(['大区', '合计数量']);
    const nothing = `${w.tmp.dir}/nothing.xlsx`;
    await other.xlsx.writeFile(nothing);
    expect(await w.ctx.api.send('imports.preview', { kind: 'inventory', path: nothing })).toMatchObject({ sheet: '说明' });
  });

  it('a one-column file keeps its first row as the header and every row after it', async () => {
    const path = writeFile(w.tmp.dir, 'codes.csv', 'code\r\nA1\r\nA2\r\nA3\r\n');
    const src = await openSource(path);
    const rows = [];
    for await (const r of src.records()) rows.push(r);
    src.close();
    expect(src.header).toEqual(['code']);
    expect(rows).toEqual([
      { row: 2, cells: ['A1'] },
      { row: 3, cells: ['A2'] },
      { row: 4, cells: ['A3'] },
    ]);
    const book = `${w.tmp.dir}/codes.xlsx`;
    await writeXlsx(book, { sheets: [{ name: 'S', rows: [['code'], ['A1'], [null], ['A2']] }] });
    const preview = await w.ctx.api.send('imports.preview', { kind: 'products', path: book });
    expect(preview.header).toEqual(['code']);
    expect(preview.rows.map((r) => [r.row, r.cells])).toEqual([[2, ['A1']], [4, ['A2']]]);
  });

  it('total words: only a first filled cell that is one (a code, a name or a number is a row)', () => {
    for (const t of ['合计', '合 计：', '总计', '小计', 'Total', 'GRAND TOTAL', 'Sub-total'.replace('-', ''), '　合计']) expect(isTotalRow([null, t, null, '5'])).toBe(true);
    for (const t of ['合计金额', 'TOTAL-1', 'P001', 'Sumitomo', '5']) expect(isTotalRow([t, '2026-11-27', 'SL-S30', '5'])).toBe(false);
    expect(isTotalRow([5, '合计'])).toBe(false);
  });

  it('the same file again is refused in the reader\'s language', async () => {
    const path = writeFile(w.tmp.dir, 's.csv', '经销商编码,日期,产品编码,数量\r\nP001,2026-11-27,SL-S30,5\r\n');
    const first = await w.ctx.api.send('imports.run', { kind: 'inventory', path });
    const e = await failure(w.ctx.api.send('imports.run', { kind: 'inventory', path }));
    expect(e.body.data).toMatchObject({ reason: 'importAlreadyImported' });
    expect(errorText(e.body, 'zh-CN')).toMatch(new RegExp(`^s\\.csv 已导入过：导入 ${first.importId}（s\\.csv，.* UTC，读取 1 行，新增 1，更新 0）。再次导入可能使数据重复：替换那次导入（--replace ${first.importId}`));
    expect(errorText(e.body, 'en')).toMatch(/^s\.csv was already imported: import \d+ \(s\.csv, .* UTC, 1 row, 1 inserted, 0 updated\)/);
  });
});
