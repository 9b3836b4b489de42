import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSalesSummaries, rebuildSalesSummaries } from '../../../electron/domain/evaluations/salesSummaries';
import { partnerMonthStore } from '../../../electron/domain/inventory/store/partnerMonths';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedPartners, writeFile } from '../imports/importFixtures';

/**
 * Fractional quantities (kg, m, litres) in the sales and sell-through summaries per partner and month: an import adds its lines' quantities to the month,
 * its undo subtracts them. In binary floating point 0.1 + 0.2 − 0.1 is 0.20000000000000004, so the summary drifted
 * from the lines; each add and subtract now rounds to 6 decimal places (the summaries' precision), as the rebuild does.
 */
const HEADER = 'Partner Code,Order Date,Order ID,Customer,Quantity,Sales\r\n';

describe('fractional quantities in the sales summaries', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    ctx = memoryApi();
    tmp = tempDir();
    await seedPartners(ctx.api, 2);
    ensureSalesSummaries(ctx.ws.sqlite);
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });
  const months = () => ctx.ws.sqlite.prepare('select partner_id, month, quantity, lines from sales_partner_months order by partner_id, month').all();
  const rebuilt = () => {
    ctx.ws.sqlite.exec('savepoint rebuild');
    rebuildSalesSummaries(ctx.ws.sqlite);
    const r = months();
    ctx.ws.sqlite.exec('rollback to rebuild; release rebuild');
    return r;
  };
  const file = (name: string, rows: string[]) => writeFile(tmp.dir, name, `${HEADER}${rows.join('\r\n')}\r\n`);
  const run = async (name: string, rows: string[]) => (await ctx.api.send('imports.run', { kind: 'sales', path: file(name, rows) })).importId;

  it('0.1 + 0.2 − 0.1: importing and undoing leaves the summaries exactly as before, and as a rebuild from the lines gives', async () => {
    const a = await run('a.csv', ['P001,2025-03-01,A1,C1,0.1,10', 'P002,2025-03-01,A2,C1,0.7,10']);
    const before = months();
    expect(before).toEqual([
      { partner_id: 1, month: 2025 * 12 + 2, quantity: 0.1, lines: 1 },
      { partner_id: 2, month: 2025 * 12 + 2, quantity: 0.7, lines: 1 },
    ]);

    const b = await run('b.csv', ['P001,2025-03-02,B1,C2,0.2,20', 'P002,2025-03-02,B2,C2,0.1,20', 'P002,2025-03-03,B3,C2,0.2,20']);
    // 0.7 + 0.1 + 0.2 is 0.9999999999999999 in floating point; the summary holds 1, as a rebuild does.
    expect(months()).toEqual([
      { partner_id: 1, month: 2025 * 12 + 2, quantity: 0.3, lines: 2 },
      { partner_id: 2, month: 2025 * 12 + 2, quantity: 1, lines: 3 },
    ]);
    expect(months()).toEqual(rebuilt());

    await ctx.api.send('imports.undo', { id: b });
    expect(months()).toEqual(before);

    const c = await run('c.csv', ['P001,2025-03-04,C1,C3,0.2,20']);
    await ctx.api.send('imports.undo', { id: a });
    // What is left is C's 0.2 alone: 0.1 + 0.2 − 0.1 without the rounding would be 0.20000000000000004.
    expect(months()).toEqual([{ partner_id: 1, month: 2025 * 12 + 2, quantity: 0.2, lines: 1 }]);
    expect(months()).toEqual(rebuilt());

    await ctx.api.send('imports.undo', { id: c });
    expect(months()).toEqual([]);
  });

  it('quantities that cancel out to zero leave zero, not a remainder in the last bits', async () => {
    const a = await run('a.csv', ['P001,2025-05-01,A1,C1,0.3,30']);
    const returns = await run('r.csv', ['P001,2025-05-02,R1,C1,-0.1,-10', 'P001,2025-05-03,R2,C1,-0.2,-20']);
    expect(months()).toEqual([{ partner_id: 1, month: 2025 * 12 + 4, quantity: 0, lines: 3 }]);
    expect(months()).toEqual(rebuilt());
    await ctx.api.send('imports.undo', { id: returns });
    expect(months()).toEqual([{ partner_id: 1, month: 2025 * 12 + 4, quantity: 0.3, lines: 1 }]);
    await ctx.api.send('imports.undo', { id: a });
    expect(months()).toEqual([]);
  });

  it('sell-through: the same steps leave the summary per partner and month exactly as before, and equal to its lines', async () => {
    await ctx.api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
    const st = async (name: string, rows: string[]) =>
      (await ctx.api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, name, `partnerCode,date,product,quantity,amount,customerRef,lineRef\r\n${rows.join('\r\n')}\r\n`) })).importId;
    const stored = () => partnerMonthStore.stored(ctx.ws).map(({ partnerId, month, quantity, lines }) => ({ partnerId, month, quantity, lines }));
    const a = await st('a.csv', ['P001,2025-03-01,X,0.1,10,K1,A1']);
    const before = stored();
    expect(before).toEqual([{ partnerId: 1, month: 2025 * 12 + 2, quantity: 0.1, lines: 1 }]);
    const b = await st('b.csv', ['P001,2025-03-02,X,0.2,20,K2,B1']);
    expect(stored()).toEqual([{ partnerId: 1, month: 2025 * 12 + 2, quantity: 0.3, lines: 2 }]);
    expect(partnerMonthStore.stored(ctx.ws)).toEqual(partnerMonthStore.fromLines(ctx.ws));
    await ctx.api.send('imports.undo', { id: a });
    // 0.1 + 0.2 − 0.1: exactly B's 0.2, as a file with B alone gives.
    expect(stored()).toEqual([{ partnerId: 1, month: 2025 * 12 + 2, quantity: 0.2, lines: 1 }]);
    expect(partnerMonthStore.stored(ctx.ws)).toEqual(partnerMonthStore.fromLines(ctx.ws));
    await ctx.api.send('imports.undo', { id: b });
    expect(stored()).toEqual([]);
    const again = await st('a2.csv', ['P001,2025-03-01,X,0.1,10,K1,A1']);
    expect(stored()).toEqual(before);
    await ctx.api.send('imports.undo', { id: again });
  });
});
