import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaMessageText } from '../../../shared/validationMessages';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, writeFile } from './importFixtures';

/** A partner file is checked as finance checks it: credit code with its check character, phone, bank account digits. */
describe('partner import: identifiers checked like the partner form', () => {
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
  const HEADER = '经销商编码,经销商名称,渠道类型,统一社会信用代码,联系电话,开户行,银行账号\r\n';

  it('a bad check character is an error of its row and column, in words for both languages; nothing is imported', async () => {
    const path = writeFile(tmp.dir, 'p.csv', `${HEADER}P1,甲公司,经销商,91350100M000100Y43,138 0013 8000,招商银行,6222 0212 3456 7890\r\nP2,乙公司,经销商,91350100M000100Y44,021-62881234,,\r\nP3,丙公司,经销商,,12345,,6222-ABC\r\n`);
    const err = await failure(ctx.api.send('imports.run', { kind: 'partners', path }));
    const errors = (err.body.data as { errors: Array<{ row: number; column: string; message: string }> }).errors;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '联系电话'],
      [4, '银行账号'],
    ]);
    expect(schemaMessageText(errors[0].message, 'zh-CN')).toBe('校验位（第 18 位）不符，请核对是否输错');
    expect(schemaMessageText(errors[0].message, 'en')).toMatch(/check character/);
    expect(schemaMessageText(errors[1].message, 'zh-CN')).toMatch(/^应为手机号/);
    expect(schemaMessageText(errors[2].message, 'zh-CN')).toBe('应为 6 至 32 位数字');
    expect((ctx.ws.sqlite.prepare('select count(*) as n from partners').get() as { n: number }).n).toBe(0);
  });

  it('valid rows are stored normalised: code upper case, mobile digits, account digits', async () => {
    const path = writeFile(tmp.dir, 'ok.csv', `${HEADER}P1,甲公司,经销商,91350100m000100y43,+86 138 0013 8000,招商银行,6222 0212 3456 7890\r\nP2,乙公司,经销商,,(021) 6288 1234,,\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'partners', path })).toMatchObject({ inserted: 2 });
    expect(ctx.ws.sqlite.prepare('select code, credit_code as c, phone, bank_name as bank, bank_account as account from partners order by code').all()).toEqual([
      { code: 'P1', c: '91350100M000100Y43', phone: '13800138000', bank: '招商银行', account: '6222021234567890' },
      { code: 'P2', c: null, phone: '021-62881234', bank: null, account: null },
    ]);
  });
});
