import { describe, expect, it } from 'vitest';
import { scientificLongNumber } from '../../../electron/domain/imports/valueParsers';
import { importMessage } from '../../../shared/importMessages';
import { failure, importWorkspace, writeFile } from './importFixtures';

/**
 * A DMS export opened in Excel and saved again as CSV: the 18-digit order numbers now read 2.02611E+17. Before, three
 * different orders of one partner read as one order, and two of their lines were skipped as duplicates of the first
 * without a word (1 inserted, 2 duplicates). Such a text is a row error naming the column and the value.
 */
describe('imports: long numbers saved in scientific notation (2.02611E+17) are refused, not merged', () => {
  const w = importWorkspace(1, '产品编码,产品名称\r\nCAM-1,摄像机\r\n');

  const resaved = '单据编号,单据日期,经销商代码,客户名称,省,物料编码,数量,价税合计,客户编码,行号\r\n' +
    '2.02611E+17,2026/10/5,P001,杭州甲五金店,浙江省,CAM-1,1,250,C001,1\r\n' +
    '2.02611E+17,2026/10/6,P001,杭州甲五金店,浙江省,CAM-1,1,250,C001,1\r\n' +
    '2.02611E+17,2026/10/6,P001,苏州戊建材,江苏省,CAM-1,2,500,C005,1\r\n';

  it('a sell-through file: every such row is an error of its order column, nothing is merged or skipped as a duplicate', async () => {
    const e = await failure(w.ctx.api.send('imports.run', { kind: 'sell-through', path: writeFile(w.tmp.dir, 'st.csv', resaved) }));
    expect(e.body.data).toMatchObject({ rejected: 3 });
    const errors = (e.body.data as { errors: Array<{ row: number; column: string; code: string; message: string }> }).errors;
    expect(errors.map((x) => [x.row, x.column, x.code])).toEqual([2, 3, 4].map((row) => [row, '单据编号', 'numberTextScientific']));
    expect(errors[0].message).toContain('scientific notation');
    expect(w.ctx.ws.sqlite.prepare('select count(*) from sell_through_lines').pluck().get()).toBe(0);
  });

  it('a sales file alike (the fast path and the full reader refuse it the same way)', async () => {
    const sales = '订单号,日期,经销商编码,金额,客户\r\n2.02611E+17,2026-10-05,P001,250.00,C001\r\n 2.02611E+17 ,2026-10-06,P001,250.00,C002\r\nSO-1,2026-10-06,P001,1.2E+05,C003\r\n';
    const r = await w.ctx.api.send('imports.run', { kind: 'sales', path: writeFile(w.tmp.dir, 'sales.csv', sales), acceptValid: true });
    expect(r).toMatchObject({ inserted: 1, rejected: 2, duplicates: 0 });
    expect(r.errors.map((x) => [x.row, x.code])).toEqual([[2, 'numberTextScientific'], [3, 'numberTextScientific']]);
    // An amount keeps its exponent (1.2E+05 is exact): only text fields refuse the long number's display.
    expect(w.ctx.ws.sqlite.prepare('select order_ref, amount_minor from sales_lines').all()).toEqual([{ order_ref: 'SO-1', amount_minor: 12_000_000 }]);
  });

  it('takes only the display of a number of 12 or more digits, and words it in both languages', () => {
    for (const s of ['2.02611E+17', '1.23457E+11', '2E+17', '9.99999999999999E+100', '2.02611e+17']) expect(scientificLongNumber(s), s).toBe(true);
    for (const s of ['1.2E+05', '1E+10', '2.02611E17', '2.02611E-17', 'E+17', 'A2.02611E+17', '202611000000000000', 'SO-2.0E+17', '2.02611E+17 号']) expect(scientificLongNumber(s), s).toBe(false);
    expect(importMessage('numberTextScientific', {}, 'zh-CN')).toContain('科学计数法');
    expect(importMessage('numberTextScientific', {}, 'en')).toContain('format the column as Text');
  });
});
