import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, writeFile, type ErrorData } from './importFixtures';

/** What real exports hold: SQL NULLs, companies' own codes, partner currencies, ERP headers. */
describe('imports: real exports', () => {
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
  const sales = () => ctx.ws.sqlite.prepare('select p.code, s.amount_minor, s.cost_minor, s.product from sales_lines s join partners p on p.id = s.partner_id order by s.id').all();
  const partners = () => ctx.ws.sqlite.prepare('select code, name, status, currency from partners order by id').all();

  it('NULL, N/A, #N/A and empty are "no value" in optional fields; in required ones they stay errors', async () => {
    await seedPartners(ctx.api, 1);
    const h = 'Partner Code,Date,Order ID,Sales,Cost,Product\r\n';
    const path = writeFile(tmp.dir, 'sql.csv', `${h}P001,2024-01-02,SO-1,10.00,NULL,A\r\nP001,2024-01-03,SO-2,20.00,n/a,NULL\r\nP001,2024-01-04,SO-3,30.00,#N/A,C\r\nP001,2024-01-05,SO-4,40.00,,D\r\nP001,2024-01-06,SO-5,50.00,12.50,E\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path })).toMatchObject({ inserted: 5, rejected: 0 });
    expect(sales()).toEqual([
      { code: 'P001', amount_minor: 1000, cost_minor: null, product: 'A' },
      { code: 'P001', amount_minor: 2000, cost_minor: null, product: null },
      { code: 'P001', amount_minor: 3000, cost_minor: null, product: 'C' },
      { code: 'P001', amount_minor: 4000, cost_minor: null, product: 'D' },
      { code: 'P001', amount_minor: 5000, cost_minor: 1250, product: 'E' },
    ]);
    const bad = writeFile(tmp.dir, 'bad.csv', `${h}P001,2024-02-02,SO-9,NULL,1,A\r\n`);
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path: bad }));
    expect((e.body.data as ErrorData).errors[0]).toMatchObject({ row: 2, column: 'Sales', message: "Amount is required but the file says 'NULL' (no value)" });
    // The mapping's nullValues replace the defaults: with none, NULL is a value (and not a number).
    const strict = writeFile(tmp.dir, 'strict.csv', `${h}P001,2024-03-02,SO-8,10.00,NULL,A\r\n`);
    const mapping = { kind: 'sales' as const, nullValues: [], columns: { partnerCode: 'Partner Code', date: 'Date', orderRef: 'Order ID', amount: 'Sales', cost: 'Cost' } };
    const e2 = await failure(ctx.api.send('imports.run', { kind: 'sales', path: strict, mapping }));
    expect((e2.body.data as ErrorData).errors[0]).toMatchObject({ row: 2, column: 'Cost' });
    const custom = writeFile(tmp.dir, 'custom.csv', `${h}P001,2024-03-03,SO-7,10.00,-,A\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path: custom, mapping: { ...mapping, nullValues: ['-'] } })).toMatchObject({ inserted: 1 });
    expect(sales().at(-1)).toEqual({ code: 'P001', amount_minor: 1000, cost_minor: null, product: null });
  });

  it('partners created by an import are active unless the file or the mapping says otherwise; updates keep theirs', async () => {
    await ctx.api.send('partners.create', { code: 'OLD', name: '老伙伴', channelType: 'dealer', status: 'suspended' });
    const path = writeFile(tmp.dir, 'p.csv', '编码,名称,渠道类型,状态\r\nNEW1,新一,经销商,\r\nNEW2,新二,经销商,考察期\r\nOLD,老伙伴,经销商,\r\n');
    await ctx.api.send('imports.run', { kind: 'partners', path });
    expect(partners()).toEqual([
      { code: 'OLD', name: '老伙伴', status: 'suspended', currency: 'CNY' },
      { code: 'NEW1', name: '新一', status: 'active', currency: 'CNY' },
      { code: 'NEW2', name: '新二', status: 'probation', currency: 'CNY' },
    ]);
    const more = writeFile(tmp.dir, 'p2.csv', '编码,名称,渠道类型\r\nNEW3,新三,经销商\r\n');
    const mapping = { kind: 'partners' as const, columns: { code: '编码', name: '名称', channelType: '渠道类型' }, defaults: { status: 'prospect', currency: 'usd' } };
    await ctx.api.send('imports.run', { kind: 'partners', path: more, mapping });
    expect(partners().at(-1)).toEqual({ code: 'NEW3', name: '新三', status: 'prospect', currency: 'USD' });
  });

  it("a partner's currency is importable", async () => {
    const path = writeFile(tmp.dir, 'p.csv', 'Partner Code,Name,Channel Type,Currency\r\nUS1,Acme,Dealer,USD\r\nCN1,华东,Dealer,人民币\r\nXX1,Bad,Dealer,dollars\r\n');
    const e = await failure(ctx.api.send('imports.run', { kind: 'partners', path }));
    expect((e.body.data as ErrorData).errors).toMatchObject([{ row: 4, column: 'Currency', message: "'dollars' is not a currency code (CNY, USD, …)" }]);
    await ctx.api.send('imports.run', { kind: 'partners', path, acceptValid: true });
    expect(partners()).toEqual([
      { code: 'US1', name: 'Acme', status: 'active', currency: 'USD' },
      { code: 'CN1', name: '华东', status: 'active', currency: 'CNY' },
    ]);
  });

  it('partner codes are any printable text without outer spaces, case-sensitive', async () => {
    const path = writeFile(tmp.dir, 'p.csv', 'Partner Code,Name,Channel Type\r\n曾惠-14485,曾惠,Dealer\r\nChannel Islands,CI,Dealer\r\nchannel islands,ci,Dealer\r\n');
    expect(await ctx.api.send('imports.run', { kind: 'partners', path })).toMatchObject({ inserted: 3 });
    const s = writeFile(tmp.dir, 's.csv', 'Partner Code,Date,Sales\r\n曾惠-14485,2024-01-02,1.00\r\nChannel Islands,2024-01-02,2.00\r\nchannel islands,2024-01-02,3.00\r\n');
    await ctx.api.send('imports.run', { kind: 'sales', path: s });
    expect(sales().map((r) => (r as { code: string }).code)).toEqual(['曾惠-14485', 'Channel Islands', 'channel islands']);
    // No case folding: a code that differs only in case, width or spaces is refused, naming the one it resembles
    const loose = writeFile(tmp.dir, 'loose.csv', 'Partner Code,Date,Sales\r\n曾惠-14485 ,2024-01-03,4.00\r\nCHANNEL ISLANDS,2024-01-03,5.00\r\nＣｈａｎｎｅｌ　Ｉｓｌａｎｄｓ,2024-01-03,6.00\r\nNOPE,2024-01-03,7.00\r\n');
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path: loose }));
    expect((e.body.data as ErrorData).errors.map((x) => [x.row, x.message])).toEqual([
      [3, "unknown partner code 'CHANNEL ISLANDS'; did you mean 'Channel Islands' or 'channel islands'? (codes match exactly, case included)"],
      [4, "unknown partner code 'Ｃｈａｎｎｅｌ　Ｉｓｌａｎｄｓ'; did you mean 'Channel Islands' or 'channel islands'? (codes match exactly, case included)"],
      [5, "unknown partner code 'NOPE' (import the partners first)"],
    ]);
    expect(sales()).toHaveLength(3);
    await ctx.api.send('imports.run', { kind: 'sales', path: loose, acceptValid: true });
    // the trimmed cell '曾惠-14485 ' is the code itself (outer spaces are never part of a code)
    expect(sales().map((r) => (r as { code: string }).code)).toEqual(['曾惠-14485', 'Channel Islands', 'channel islands', '曾惠-14485']);
    for (const code of [' X1', 'X1 ', 'a\tb', 'a\u200bb']) {
      await expect(ctx.api.send('partners.create', { code, name: 'n', channelType: 'dealer' })).rejects.toThrow(/printable text without leading or trailing spaces/);
    }
  });

  it('ERP headers (用友, 金蝶, SAP) are matched; the preview shows the partner code', async () => {
    await seedPartners(ctx.api, 1);
    const path = writeFile(tmp.dir, 'u8.csv', '经销商编码,单据日期,单据号,产品名称,客户编号,数量,价税合计\r\nP001,2024-01-02,XS-1,净水器,C-9,2,11.30\r\n');
    const preview = await ctx.api.send('imports.preview', { kind: 'sales', path });
    expect(preview.suggestedColumns).toEqual({ partnerCode: '经销商编码', date: '单据日期', orderRef: '单据号', product: '产品名称', customerRef: '客户编号', quantity: '数量', amount: '价税合计' });
    expect(preview.rows[0].stored).toMatchObject({ partnerCode: 'P001', product: '净水器', customerRef: 'C-9', amountMinor: 1130 });
    expect(preview.rows[0].stored).not.toHaveProperty('partnerId');
    const sap = writeFile(tmp.dir, 'sap.csv', 'Sold-To Party,Billing Date,Billing Document,Material Description,Billed Quantity,Net Value,Document Currency\r\nP001,2024-01-02,90001,Pump,1,5,CNY\r\n');
    expect((await ctx.api.send('imports.preview', { kind: 'sales', path: sap })).suggestedColumns).toEqual({
      partnerCode: 'Sold-To Party', date: 'Billing Date', orderRef: 'Billing Document', product: 'Material Description', quantity: 'Billed Quantity', amount: 'Net Value', currency: 'Document Currency',
    });
  });
});

describe('imports: the same file again', () => {
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
  const lines = () => ctx.ws.sqlite.prepare('select p.code, s.date, s.amount_minor, s.product, s.import_id from sales_lines s join partners p on p.id = s.partner_id order by s.id').all();
  const revenue = () => (ctx.ws.sqlite.prepare('select sum(amount_minor) as t from sales_lines').get() as { t: number }).t;

  it('after remapping, a re-import is refused with the earlier import, replaced in one transaction, or forced', async () => {
    const path = writeFile(tmp.dir, 'm.csv', '经销商编码,日期,产品名称,金额\r\nP001,2024-03-01,净水器,100.00\r\nP001,2024-03-01,净水器,100.00\r\nP002,2024-03-02,滤芯,50.00\r\n');
    const without = { kind: 'sales' as const, columns: { partnerCode: '经销商编码', date: '日期', amount: '金额' } };
    const first = await ctx.api.send('imports.run', { kind: 'sales', path, mapping: without });
    expect(first).toMatchObject({ inserted: 3 });
    const withProduct = { ...without, columns: { ...without.columns, product: '产品名称' } };
    const preview = await ctx.api.send('imports.preview', { kind: 'sales', path, mapping: withProduct });
    expect(preview.alreadyImported).toMatchObject({ importId: first.importId, fileName: 'm.csv', rowsRead: 3, inserted: 3 });
    const refused = await failure(ctx.api.send('imports.run', { kind: 'sales', path, mapping: withProduct }));
    expect(refused.message).toContain(`m.csv was already imported: import ${first.importId} (m.csv,`);
    expect(refused.message).toContain(`--replace ${first.importId}`);
    expect(revenue()).toBe(25000);
    const replaced = await ctx.api.send('imports.run', { kind: 'sales', path, mapping: withProduct, replace: first.importId });
    expect(replaced).toMatchObject({ inserted: 3, duplicates: 0, replaced: first.importId });
    expect(lines()).toEqual([
      { code: 'P001', date: '2024-03-01', amount_minor: 10000, product: '净水器', import_id: replaced.importId },
      { code: 'P001', date: '2024-03-01', amount_minor: 10000, product: '净水器', import_id: replaced.importId },
      { code: 'P002', date: '2024-03-02', amount_minor: 5000, product: '滤芯', import_id: replaced.importId },
    ]);
    expect((await ctx.api.send('imports.get', { id: first.importId })).status).toBe('undone');
    // A replace whose import fails leaves the earlier import in place (one transaction).
    const broken = writeFile(tmp.dir, 'broken.csv', '经销商编码,日期,产品名称,金额\r\nP001,2024-03-01,净水器,abc\r\n');
    await failure(ctx.api.send('imports.run', { kind: 'sales', path: broken, mapping: withProduct, replace: replaced.importId }));
    expect((await ctx.api.send('imports.get', { id: replaced.importId })).status).toBe('committed');
    expect(revenue()).toBe(25000);
    // Forced: imported again, line by line duplicates are skipped where the content is the same.
    expect(await ctx.api.send('imports.run', { kind: 'sales', path, mapping: withProduct, force: true })).toMatchObject({ inserted: 0, duplicates: 3 });
    expect(revenue()).toBe(25000);
  });
});
