import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addImportToSalesSummaries, ensureSalesSummaries, rebuildSalesSummaries } from '../../../electron/domain/evaluations/salesSummaries';
import { salesSummarySql } from '../../../electron/domain/evaluations/store';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedPartners, writeFile } from '../imports/importFixtures';

/**
 * The sales summaries the evaluation reads instead of earlier periods' lines (issue 20) are kept by the sales import and
 * its undo in their transaction: after every step they must equal a rebuild from the lines, and lines written some
 * other way must be noticed (max line id) and rebuilt before they are read.
 */
const HEADER = 'Partner Code,Order Date,Order ID,Customer,Quantity,Sales,Cost\r\n';

describe('sales summaries kept with the lines', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    ctx = memoryApi();
    tmp = tempDir();
    await seedPartners(ctx.api, 3);
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });
  const s = () => ctx.ws.sqlite;
  const months = () => s().prepare('select * from sales_partner_months order by partner_id, month').all();
  const customers = () => s().prepare('select partner_id, customer_ref, span, first_month, months from sales_customer_months order by 1, 2, 3').all();
  const state = () => (s().prepare('select max_line_id as m from sales_summary_state').get() as { m: number } | undefined)?.m;
  const maxLine = () => (s().prepare('select coalesce(max(id), 0) as m from sales_lines').get() as { m: number }).m;
  /** The summaries as kept, then as rebuilt from the lines (in a transaction rolled back): they must be equal. */
  const keptAndRebuilt = () => {
    const kept = { months: months(), customers: customers() };
    s().exec('savepoint rebuild');
    rebuildSalesSummaries(s());
    const rebuilt = { months: months(), customers: customers() };
    s().exec('rollback to rebuild; release rebuild');
    return { kept, rebuilt };
  };

  it('an import adds its months and customers, another one merges into them, undo takes them out again', async () => {
    ensureSalesSummaries(s());
    const a = writeFile(
      tmp.dir,
      'a.csv',
      `${HEADER}P001,2019-01-05,O1,C1,1,100,60\r\nP001,2019-01-20,O2,C2,2,50,\r\nP001,2019-03-02,O3,C1,-1,-20,-10\r\nP002,2018-12-31,O4,,1,70,40\r\nP002,2024-02-01,O5,C9,3,10,5\r\n`,
    );
    const first = await ctx.api.send('imports.run', { kind: 'sales', path: a });
    expect(first.inserted).toBe(5);
    let { kept, rebuilt } = keptAndRebuilt();
    expect(kept).toEqual(rebuilt);
    // P001 January: 150 revenue, costed revenue 100 (the line without a cost is left out), cost 60, 2 lines.
    expect(kept.months[0]).toMatchObject({ partner_id: 1, month: 2019 * 12, revenue_minor: 15_000, costed_revenue_minor: 10_000, cost_minor: 6_000, quantity: 3, lines: 2 });
    // C1 bought in January and March 2019 (span 2019×12 div 60 = 403, bits 24228−24180 = 48 and 50); C9 five years later in another span.
    const c1 = kept.customers.find((c) => (c as { customer_ref: string }).customer_ref === 'C1') as { span: number; first_month: number; months: number };
    expect(c1.span).toBe(Math.floor((2019 * 12) / 60));
    expect(BigInt(c1.months)).toBe((1n << BigInt(2019 * 12 - c1.span * 60)) | (1n << BigInt(2019 * 12 + 2 - c1.span * 60)));
    expect(c1.first_month).toBe(2019 * 12);
    expect(state()).toBe(maxLine());

    // A second file: an earlier purchase of C1 (its first month moves back) and a new month for P002.
    const b = writeFile(tmp.dir, 'b.csv', `${HEADER}P001,2018-11-11,O9,C1,1,5,\r\nP002,2019-01-15,O10,C7,1,30,20\r\n`);
    const second = await ctx.api.send('imports.run', { kind: 'sales', path: b });
    ({ kept, rebuilt } = keptAndRebuilt());
    expect(kept).toEqual(rebuilt);
    expect(kept.customers.filter((c) => (c as { customer_ref: string }).customer_ref === 'C1').map((c) => (c as { first_month: number }).first_month)).toEqual([2018 * 12 + 10]);

    // Undo the first import: only the second one's lines remain, and so in the summaries.
    await ctx.api.send('imports.undo', { id: first.importId });
    ({ kept, rebuilt } = keptAndRebuilt());
    expect(kept).toEqual(rebuilt);
    expect(kept.months).toHaveLength(2);
    expect(state()).toBe(maxLine());
    await ctx.api.send('imports.undo', { id: second.importId });
    expect(months()).toEqual([]);
    expect(customers()).toEqual([]);
  });

  it('random imports (costs missing, duplicates, customers over many years), replaces and undos keep them equal to a rebuild', async () => {
    // Imports add their lines' sums into what the summaries hold (no recomputing from all lines): months that gain
    // costed and uncosted lines, a customer's first month moving back across 60-month spans, a new span of a known
    // customer, lines skipped as duplicates, replacing an import and undoing — after each step equal to a rebuild.
    ensureSalesSummaries(s());
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    const file = (name: string, rows: number) => {
      let text = HEADER;
      for (let i = 0; i < rows; i++) {
        const year = 2008 + rand(16);
        const day = `${year}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
        const cost = rand(3) === 0 ? '' : String(rand(50));
        const customer = rand(4) === 0 ? '' : `C${rand(6)}`;
        text += `P00${1 + rand(3)},${day},O${rand(40)},${customer},${1 + rand(3)},${10 + rand(90)},${cost}\r\n`;
      }
      return writeFile(tmp.dir, name, text);
    };
    const imported: number[] = [];
    for (let step = 0; step < 6; step++) {
      const r = await ctx.api.send('imports.run', { kind: 'sales', path: file(`f${step}.csv`, 40 + rand(40)), force: true });
      imported.push(r.importId!);
      const { kept, rebuilt } = keptAndRebuilt();
      expect(kept).toEqual(rebuilt);
      expect(state()).toBe(maxLine());
    }
    // The same file again: every line a duplicate, nothing added twice.
    const again = writeFile(tmp.dir, 'again.csv', `${HEADER}P001,2012-05-05,O1,C1,1,10,\r\nP001,2012-05-05,O1,C1,1,10,\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path: again });
    const second = await ctx.api.send('imports.run', { kind: 'sales', path: again, force: true });
    expect(second.duplicates).toBe(2);
    expect(keptAndRebuilt().kept).toEqual(keptAndRebuilt().rebuilt);
    // Replace one import (undo and import in one transaction), then undo two others.
    const replaced = await ctx.api.send('imports.run', { kind: 'sales', path: file('f1.csv', 30), replace: imported[1], force: true });
    expect(replaced.replaced).toBe(imported[1]);
    let { kept, rebuilt } = keptAndRebuilt();
    expect(kept).toEqual(rebuilt);
    for (const id of [imported[4], imported[0]]) {
      await ctx.api.send('imports.undo', { id });
      ({ kept, rebuilt } = keptAndRebuilt());
      expect(kept).toEqual(rebuilt);
    }
    expect(kept.customers.length).toBeGreaterThan(10);
    expect(state()).toBe(maxLine());
  });

  it('a large undo subtracts its lines: months, costs that go back to none, customer months and first months equal a rebuild', async () => {
    ensureSalesSummaries(s());
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    const line = () => {
      const day = `${2008 + rand(16)}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
      const cost = rand(3) === 0 ? '' : String(rand(50));
      const customer = rand(5) === 0 ? '' : `C${rand(40)}`;
      return `P00${1 + rand(3)},${day},O${rand(500)},${customer},${1 + rand(3)},${10 + rand(90)},${cost}\r\n`;
    };
    // Hand-made months: 2030-01 keeps a costed line of 0 (its costed revenue and cost stay 0, not "none"); 2030-02
    // keeps only a line without a cost (none again); 2030-03 is the big file's only (the month goes); customer K1's
    // first month moves from 2030-01 to 2030-02, K2 disappears.
    let big = `${HEADER}P001,2030-01-05,X1,K1,1,100,60\r\nP001,2030-02-05,X2,K2,1,100,60\r\nP001,2030-03-05,X3,K2,1,100,60\r\n`;
    for (let i = 0; i < 6000; i++) big += line();
    let small = `${HEADER}P001,2030-01-20,Y1,,1,0,0\r\nP001,2030-02-20,Y2,K1,1,50,\r\n`;
    for (let i = 0; i < 400; i++) small += line();
    const a = await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'big.csv', big), force: true });
    const b = await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'small.csv', small), force: true });
    expect(a.inserted + b.inserted).toBeGreaterThan(6000);
    let { kept, rebuilt } = keptAndRebuilt();
    expect(kept).toEqual(rebuilt);
    await ctx.api.send('imports.undo', { id: a.importId! });
    ({ kept, rebuilt } = keptAndRebuilt());
    expect(kept).toEqual(rebuilt);
    expect(state()).toBe(maxLine());
    const month = (m: number) => (kept.months as Array<{ partner_id: number; month: number }>).find((r) => r.partner_id === 1 && r.month === m);
    expect(month(2030 * 12)).toMatchObject({ revenue_minor: 0, costed_revenue_minor: 0, cost_minor: 0, lines: 1 });
    expect(month(2030 * 12 + 1)).toMatchObject({ revenue_minor: 5_000, costed_revenue_minor: null, cost_minor: null, lines: 1 });
    expect(month(2030 * 12 + 2)).toBeUndefined();
    const ofCustomer = (ref: string) => (kept.customers as Array<{ customer_ref: string; first_month: number }>).filter((c) => c.customer_ref === ref);
    expect(ofCustomer('K1').map((c) => c.first_month)).toEqual([2030 * 12 + 1]);
    expect(ofCustomer('K2')).toEqual([]);
    // The rest of the lines go too: nothing is left in the summaries.
    await ctx.api.send('imports.undo', { id: b.importId! });
    expect(months()).toEqual([]);
    expect(customers()).toEqual([]);
  });

  it('lines written without the summaries are noticed by their id and rebuilt before an evaluation reads them', async () => {
    const a = writeFile(tmp.dir, 'a.csv', `${HEADER}P001,2019-01-05,O1,C1,1,100,60\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path: a });
    expect(ensureSalesSummaries(s())).toBe(true); // never built in this workspace
    expect(ensureSalesSummaries(s())).toBe(false);
    s().prepare("insert into sales_lines (partner_id, date, amount_minor, customer_ref, dedupe_key) values (1, '2019-02-01', 700, 'C2', 'direct')").run();
    expect(ensureSalesSummaries(s())).toBe(true);
    expect(months()).toHaveLength(2);
    // An import after such a write does not mark the summaries current: they did not describe the lines before it.
    s().prepare("insert into sales_lines (partner_id, date, amount_minor, customer_ref, dedupe_key) values (2, '2019-02-01', 300, 'C3', 'direct2')").run();
    const b = writeFile(tmp.dir, 'b.csv', `${HEADER}P001,2019-03-05,O2,C1,1,100,60\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path: b });
    expect(state()).not.toBe(maxLine());
    expect(ensureSalesSummaries(s())).toBe(true);
    const { kept, rebuilt } = keptAndRebuilt();
    expect(kept).toEqual(rebuilt);
    expect(kept.months).toHaveLength(4);
  });

  it('the evaluation counts active, new and retained customers from the summaries as from the lines', async () => {
    // C1 buys in 2018-Q4 and 2019-Q1 (retained, not new), C2 only in 2018-Q4 (lost), C3 first in 2019-Q1 (new),
    // C4 bought in 2017 and again in 2019-Q1 (active, not new, not retained).
    const f = writeFile(
      tmp.dir,
      'c.csv',
      `${HEADER}P001,2018-11-01,O1,C1,1,100,\r\nP001,2018-12-31,O2,C2,1,100,\r\nP001,2019-01-01,O3,C1,1,100,\r\nP001,2019-03-31,O4,C3,1,100,\r\nP001,2017-05-05,O5,C4,1,100,\r\nP001,2019-02-02,O6,C4,1,100,\r\n`,
    );
    await ctx.api.send('imports.run', { kind: 'sales', path: f });
    await ctx.api.send('evaluations.run', { period: '2019-Q1' });
    const card = s().prepare('select active_customers, new_customers, retention, orders, revenue_minor from scorecards where partner_id = 1').get();
    expect(card).toEqual({ active_customers: 3, new_customers: 1, retention: 0.5, orders: 3, revenue_minor: 30_000 });
  });

  it('an import reads its new lines by their rowid range, or all of the covering indexes when it is most of the table; both add the same sums', async () => {
    // The plans: the planner, left alone, scanned the whole covering index even for a few lines at the end of a large
    // table (every incremental import paid for the whole table); `index` is chosen only after a bulk index build.
    const st = salesSummarySql(s());
    const plan = (sql: string) => (s().prepare(`explain query plan ${sql}`).all(0) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan(st.addMonths.rowid.source)).toMatch(/SEARCH sales_lines USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(plan(st.stageCustomers.rowid.source)).toMatch(/SEARCH sales_lines USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(plan(st.addMonths.index().source)).toMatch(/SCAN sales_lines USING COVERING INDEX sales_partner_date_idx/);
    expect(plan(st.stageCustomers.index().source)).toMatch(/SCAN sales_lines USING COVERING INDEX sales_customer_idx/);

    // The same lines added by either plan give the same summaries (and a rebuild's).
    ensureSalesSummaries(s());
    const rows = Array.from({ length: 300 }, (_, i) => `P00${1 + (i % 3)},20${19 + (i % 5)}-0${1 + (i % 9)}-1${i % 10},O${i},${i % 7 ? `C${i % 11}` : ''},${1 + (i % 4)},${(i * 37) % 900}.5${i % 10},${i % 5 ? (i * 11) % 300 : ''}`);
    const first = await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'first.csv', `${HEADER}${rows.slice(0, 100).join('\r\n')}\r\n`) });
    expect(first.inserted).toBe(100);
    const before = maxLine();
    s().exec('savepoint plans');
    s().prepare(`insert into sales_lines (partner_id, date, order_ref, customer_ref, quantity, amount_minor, cost_minor, currency, dedupe_key, created_at)
      select partner_id, date, order_ref || '-2', customer_ref, quantity, amount_minor + 1, cost_minor, currency, dedupe_key || '-2', created_at from sales_lines`).run();
    const summed = (scan: 'rowid' | 'index') => {
      s().exec('savepoint one');
      addImportToSalesSummaries(s(), before, scan);
      const kept = { months: months(), customers: customers() };
      s().exec('rollback to one; release one');
      return kept;
    };
    const byRowid = summed('rowid');
    expect(byRowid.months.length).toBeGreaterThan(20);
    expect(summed('index')).toEqual(byRowid);
    s().exec('savepoint rebuild2');
    rebuildSalesSummaries(s());
    expect({ months: months(), customers: customers() }).toEqual(byRowid);
    s().exec('rollback to rebuild2; release rebuild2; rollback to plans; release plans');
  });
});
