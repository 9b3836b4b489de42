import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, snapshot, writeFile, type ErrorData } from './importFixtures';

const HEADER = 'Partner Code,Order Date,Sales,Customer\r\n';

describe('imports: malformed files give a clear error and change nothing', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  let before: Record<string, number>;
  beforeEach(async () => {
    ctx = memoryApi();
    tmp = tempDir();
    await seedPartners(ctx.api, 2);
    // One committed import so "unchanged" covers history too.
    await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'ok.csv', `${HEADER}P001,2024-01-02,10,c\r\n`) });
    before = snapshot(ctx.ws);
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });

  async function expectFailure(name: string, content: string | Buffer, opts: { acceptValid?: boolean } = {}) {
    const path = writeFile(tmp.dir, name, content);
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path, ...opts }));
    expect(e.body.code).toBe('DOMAIN');
    expect(e.message).toContain(name);
    expect(snapshot(ctx.ws)).toEqual(before);
    return { message: e.message, data: e.body.data as ErrorData };
  }

  it('truncated quoted field: names the row and column', async () => {
    const { message, data } = await expectFailure('truncated.csv', `${HEADER}P001,2024-01-02,10,c\r\nP001,2024-01-03,5,"never closed\r\nP002,2024-01-04,1,x\r\n`);
    expect(message).toMatch(/row 3, column 'Customer'.*never closed/);
    expect(data.errors[0]).toMatchObject({ row: 3, column: 'Customer' });
  });

  it('truncated quotes fail even with acceptValid (the rest of the file cannot be read)', async () => {
    await expectFailure('truncated2.csv', `${HEADER}P001,2024-01-02,10,"oops\r\n`, { acceptValid: true });
  });

  it('ragged rows: a row with more fields than the header', async () => {
    const { data } = await expectFailure('ragged.csv', `${HEADER}P001,2024-01-02,10,c\r\nP001,2024-01-03,1,234.50,c\r\n`);
    expect(data.errors).toEqual([expect.objectContaining({ row: 3, message: expect.stringMatching(/5 fields but the header has 4/) })]);
  });

  it('ragged rows: a short row misses a required value', async () => {
    const { data } = await expectFailure('short.csv', `${HEADER}P001,2024-01-02\r\n`);
    expect(data.errors[0]).toMatchObject({ row: 2, column: 'Sales', message: expect.stringMatching(/required/) });
  });

  it('binary garbage', async () => {
    const junk = Buffer.concat([Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x07]), randomBytes(4096)]);
    // Not starting with a BOM: make sure the first bytes are not FF FE / FE FF / EF BB BF / PK.
    junk[0] = 0x13;
    const { message, data } = await expectFailure('garbage.bin', junk);
    expect(message).toMatch(/does not look like a CSV or XLSX/);
    expect(data.errors[0].row).toBe(1);
    expect(data.errors[0].value).toMatch(/^[0-9a-f]+$/);
  });

  it('NUL bytes after the first 64 KB (beyond what the sniffer reads) are refused with row and column, not stored (defect 9)', async () => {
    const good = Array.from({ length: 3000 }, (_, i) => `P001,2024-01-02,${i + 1},customer ${i}`).join('\r\n');
    expect(good.length).toBeGreaterThan(64 * 1024);
    const { message, data } = await expectFailure('nul-tail.csv', Buffer.concat([Buffer.from(`${HEADER}${good}\r\nP002,2024-01-05,7,bad`), Buffer.from([0, 0, 0]), Buffer.from('tail\r\n')]), { acceptValid: true });
    expect(message).toMatch(/row 3002, column 'Customer': holds a control character \(U\+0000: binary data\)/);
    expect(data.errors[0]).toMatchObject({ row: 3002, column: 'Customer', value: 'bad???tail' });
  });

  it('a column beyond the header is named by its position, not "#5"', async () => {
    const { message } = await expectFailure('quote-beyond.csv', `${HEADER}P001,2024-01-02,10,c,"never closed\r\n`);
    expect(message).toContain("row 2, column 5 (the header has 4)");
    expect(message).not.toContain('#5');
  });

  it('a fake XLSX (zip signature, garbage after)', async () => {
    const { message } = await expectFailure('fake.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(2000)]));
    expect(message).toMatch(/fake\.xlsx/);
  });

  it('empty file', async () => {
    const { message, data } = await expectFailure('empty.csv', '');
    expect(message).toMatch(/empty/);
    expect(data.errors[0].row).toBe(1);
  });

  it('header only', async () => {
    const { message, data } = await expectFailure('header.csv', HEADER);
    expect(message).toMatch(/header but no data rows/);
    expect(data.errors[0].row).toBe(2);
  });

  it('a 10 MB single field', async () => {
    const { message, data } = await expectFailure('huge.csv', `${HEADER}P001,2024-01-02,10,"${'x'.repeat(10 * 1024 * 1024)}"\r\n`);
    expect(message).toMatch(/row 2.*longer than 1,000,000 characters/);
    expect(data.errors[0]).toMatchObject({ row: 2 });
  });

  it('a missing required column names the field and lists the file\'s columns', async () => {
    const { message } = await expectFailure('nocol.csv', 'Partner Code,Sales\r\nP001,1\r\n');
    expect(message).toMatch(/required field date.*Partner Code, Sales/);
  });

  it('row errors: all-or-nothing lists every bad row with column and value', async () => {
    const { data } = await expectFailure(
      'rows.csv',
      `${HEADER}P001,2024-01-02,10,a\r\nP404,2024-01-02,10,b\r\nP001,2024-02-30,10,c\r\nP001,2024-01-02,"1,23",d\r\n`,
    );
    expect(data.rowsRead).toBe(4);
    expect(data.errors).toEqual([
      { row: 3, column: 'Partner Code', value: 'P404', message: expect.stringMatching(/unknown partner code/), code: 'unknownPartner', params: { code: 'P404', alike: [] } },
      { row: 4, column: 'Order Date', value: '2024-02-30', message: expect.stringMatching(/day 30 does not exist/), code: 'noSuchDay', params: { day: 30, month: '2024-02' } },
      { row: 5, column: 'Sales', value: '1,23', message: expect.stringMatching(/thousands separator/), code: 'groupedNumber', params: {} },
    ]);
  });
});
