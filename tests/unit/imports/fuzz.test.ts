import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedPartners, snapshot, writeFile } from './importFixtures';

/**
 * Thousands of random files through the whole parser path (sniffing, decoding, csv-parse, header matching, value
 * parsing, writing): an import either commits or fails with a structured DOMAIN error; it never crashes, and a failed
 * import leaves the database exactly as it was.
 */
describe('imports: fuzzing the parser path', () => {
  const ctx = memoryApi();
  const tmp = tempDir();
  beforeAll(async () => {
    await seedPartners(ctx.api, 3);
  });
  afterAll(() => {
    ctx.ws.close();
    tmp.cleanup();
  });

  const cell = fc.oneof(
    fc.constantFrom('P001', 'P002', 'P404', '', '2024-01-02', '2024/2/30', '05/06/24', '¥1,234.50', '(12)', '1,23', '12%', '"', '""', ',', ';', '\t', '\n', '\r\n', '=SUM(A1)', '中文', '\u0000'),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
  );
  const header = fc.constantFrom('Partner Code,Order Date,Sales', '经销商编码;日期;金额', 'a,b,c', '', 'Partner Code\tDate\tAmount\tRow ID');
  const body = fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 8 });
  const joiner = fc.constantFrom(',', ';', '\t');
  const raw = fc.uint8Array({ maxLength: 300 });

  let n = 0;
  async function attempt(content: string | Buffer, acceptValid: boolean) {
    const path = writeFile(tmp.dir, `f${n++}.csv`, content);
    const before = snapshot(ctx.ws);
    try {
      const r = await ctx.api.send('imports.run', { kind: 'sales', path, acceptValid });
      expect(r.rowsRead).toBe(r.inserted + r.updated + r.duplicates + r.rejected);
      expect(snapshot(ctx.ws).sales_lines - before.sales_lines).toBe(r.inserted);
    } catch (e) {
      if (!ApiError.is(e) || e.body.code !== 'DOMAIN') throw e;
      expect(snapshot(ctx.ws)).toEqual(before);
    }
    expect(ctx.ws.sqlite.inTransaction).toBe(false);
  }

  it('random delimited text', async () => {
    await fc.assert(
      fc.asyncProperty(header, body, joiner, fc.boolean(), async (h, rows, d, acceptValid) => {
        await attempt(`${h}\r\n${rows.map((r) => r.join(d)).join('\n')}`, acceptValid);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(raw, fc.boolean(), async (bytes, acceptValid) => {
        await attempt(Buffer.concat([Buffer.from('Partner Code,Order Date,Sales\n'), Buffer.from(bytes)]), acceptValid);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
