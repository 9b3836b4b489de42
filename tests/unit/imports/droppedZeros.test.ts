import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { failure, writeFile, type ErrorData } from './importFixtures';

/**
 * A DMS export opened in Excel and saved again as CSV: its codes 00123 and 0045 became the numbers 123 and 45. Those
 * rows were refused as an unknown partner or product without a hint, the user left to guess why a partner on the list
 * was "unknown". Now the error names the stored code with its zeros, and never matches it silently (123 may be a code
 * of its own, and then it is that one).
 */
const tmp = tempDir('pwb-dropped-zeros-');
afterAll(() => tmp.cleanup());

let ws: Workspace;
let api: Api;
beforeEach(async () => {
  ({ ws, api } = memoryApi());
  for (const code of ['00123', 'D001']) await api.send('partners.create', partnerInput(code));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', 'code,nameZh\r\n0045,网关\r\n00123,摄像头\r\n077,门锁\r\n77,另一把门锁\r\n') });
});
const count = (table: string) => (ws.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** GB18030 bytes as Excel on Chinese Windows saves them: the header written out byte by byte, the data rows ASCII. */
const gb18030Csv = (headerHex: string, rows: string[]) => Buffer.concat([Buffer.from(headerHex, 'hex'), Buffer.from(`\r\n${rows.join('\r\n')}\r\n`, 'latin1')]);
// 经销商编码,日期,物料编码,数量,金额,单号,行号
const SELL_THROUGH_HEADER = 'beadcffac9ccb1e0c2eb2cc8d5c6da2cceefc1cfb1e0c2eb2ccafdc1bf2cbdf0b6ee2cb5a5bac52cd0d0bac5';
// 经销商编码,日期,物料编码,仓库,库存数量
const STOCK_HEADER = 'beadcffac9ccb1e0c2eb2cc8d5c6da2cceefc1cfb1e0c2eb2cb2d6bfe22cbfe2b4e6cafdc1bf';

describe('a code a spreadsheet stripped of its leading zeros', () => {
  it('sell-through: the partner and the product are row errors naming 00123 and 0045, in both languages; a code of its own still matches', async () => {
    const path = writeFile(
      tmp.dir,
      'excel-saved.csv',
      gb18030Csv(SELL_THROUGH_HEADER, ['123,2026/11/3,45,2,398,20261103000000001,1', 'D001,2026/11/3,123,1,1200,20261103000000002,1', 'D001,2026/11/4,77,1,800,20261104000000003,1']),
    );
    const zh = await api.send('imports.run', { kind: 'sell-through', path, acceptValid: true, language: 'zh-CN' });
    expect(zh).toMatchObject({ inserted: 1, rejected: 2 });
    expect(zh.errors.map((e) => [e.row, e.column, e.value, e.code, e.params?.zeros])).toEqual([
      [2, '经销商编码', '123', 'unknownPartner', ['00123']],
      [2, '物料编码', '45', 'unknownProduct', ['0045']],
      [3, '物料编码', '123', 'unknownProduct', ['00123']],
    ]);
    const rejected = readFileSync(zh.rejectedFile!, 'utf8');
    expect(rejected).toContain('未知的伙伴编码“123”；是否为 “00123”？（表格软件把编码当作数字，去掉了开头的 0');
    expect(rejected).toContain('未知的产品“45”；是否为 “0045”？');
    // 77 is a product of its own: the row is that product's, not 077's.
    expect(ws.sqlite.prepare('select p.code from sell_through_lines l join products p on p.id = l.product_id').all()).toEqual([{ code: '77' }]);

    await api.send('imports.undo', { id: zh.importId! });
    const en = await api.send('imports.run', { kind: 'sell-through', path, acceptValid: true, language: 'en', force: true });
    expect(en.errors[0].message).toBe("unknown partner code '123'; did you mean '00123'? (a spreadsheet read the code as a number and dropped its leading zeros; format the column as Text and export again, or put the zeros back)");
  });

  it('stock report: all or nothing refuses the file naming the code with its zeros; without one to name, the plain words', async () => {
    const path = writeFile(tmp.dir, 'stock.csv', gb18030Csv(STOCK_HEADER, ['D001,20261130,123,,5', 'D001,20261130,999,,1']));
    const refused = ((await failure(api.send('imports.run', { kind: 'inventory', path, language: 'zh-CN' }))).body.data as ErrorData).errors;
    expect(refused.map((e) => [e.code, e.params?.zeros, e.message])).toEqual([
      ['unknownProduct', ['00123'], "unknown product '123'; did you mean '00123'? (a spreadsheet read the code as a number and dropped its leading zeros; format the column as Text and export again, or put the zeros back)"],
      ['unknownProduct', undefined, "unknown product '999' (import the products first)"],
    ]);
    expect(count('inventory_snapshots')).toBe(0);
  });
});
