import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, snapshot, writeFile } from './importFixtures';

const HEADER = 'Partner Code,Order Date,Order ID,Product,Quantity,Sales\r\n';

describe('imports: dedupe, undo, cancel, accept-valid, mappings', () => {
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
  const count = (t: string) => (ctx.ws.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;

  it('re-importing a file adds nothing; genuine look-alike lines are all kept', async () => {
    // Two identical lines (same order, product, amount): both real sales. Plus a line with a line reference.
    const path = writeFile(tmp.dir, 's.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\nP001,2024-01-02,SO-1,A,1,10\r\nP002,2024-01-03,SO-2,B,2,20\r\n`);
    const first = await ctx.api.send('imports.run', { kind: 'sales', path });
    expect(first).toMatchObject({ inserted: 3, duplicates: 0 });
    // The same file again is refused (it could double lines after a mapping change); forced, its lines are duplicates.
    const refused = await failure(ctx.api.send('imports.run', { kind: 'sales', path }));
    expect(refused.body).toMatchObject({ code: 'CONFLICT', data: { alreadyImported: { importId: first.importId, rowsRead: 3, inserted: 3 } } });
    const again = await ctx.api.send('imports.run', { kind: 'sales', path, force: true });
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 });
    // A later export that repeats one of the look-alikes and adds a third identical line: only the third is new.
    const later = writeFile(tmp.dir, 's2.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\nP001,2024-01-02,SO-1,A,1,10\r\nP001,2024-01-02,SO-1,A,1,10\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path: later })).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(count('sales_lines')).toBe(4);
    // Formatting differences are the same content: "10" and "¥10.00".
    const formatted = writeFile(tmp.dir, 's3.csv', `${HEADER}P002,2024/1/3,SO-2,B,2.0,¥20.00\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path: formatted })).toMatchObject({ inserted: 0, duplicates: 1 });
  });

  it('line references decide duplicates per partner', async () => {
    const h = 'Partner Code,Date,Row ID,Sales\r\n';
    const a = writeFile(tmp.dir, 'a.csv', `${h}P001,2024-01-02,L1,10\r\nP002,2024-01-02,L1,10\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path: a })).toMatchObject({ inserted: 2 });
    const b = writeFile(tmp.dir, 'b.csv', `${h}P001,2024-01-02,L1,10\r\nP001,2024-01-05,L2,99\r\n`);
    expect(await ctx.api.send('imports.run', { kind: 'sales', path: b })).toMatchObject({ inserted: 1, duplicates: 1 });
    // P001's L1 again with other values is a row error now (issue 16), not a quiet duplicate.
    const c = writeFile(tmp.dir, 'c.csv', `${h}P001,2024-01-05,L1,99\r\n`);
    expect((await failure(ctx.api.send('imports.run', { kind: 'sales', path: c }))).body.data).toMatchObject({ errors: [{ row: 2, code: 'changedDuplicate' }] });
  });

  it('undo removes exactly what an import inserted; a second undo is refused', async () => {
    const a = writeFile(tmp.dir, 'a.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path: a });
    const b = writeFile(tmp.dir, 'b.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\nP002,2024-01-09,SO-7,A,1,70\r\n`);
    const rb = await ctx.api.send('imports.run', { kind: 'sales', path: b });
    expect(rb).toMatchObject({ inserted: 1, duplicates: 1 });
    const u = await ctx.api.send('imports.undo', { id: rb.importId });
    expect(u).toEqual({ importId: rb.importId, removed: 1, restored: 0 });
    expect(ctx.ws.sqlite.prepare('select order_ref from sales_lines').all()).toEqual([{ order_ref: 'SO-1' }]);
    expect((await ctx.api.send('imports.get', { id: rb.importId })).status).toBe('undone');
    expect((await failure(ctx.api.send('imports.undo', { id: rb.importId }))).body.code).toBe('CONFLICT');
  });

  it('partners: upsert by code with undo restoring the updated rows; refused after a later edit', async () => {
    const h = '合作伙伴代码,名称,渠道类型,级别,大区,城市\r\n';
    const path = writeFile(tmp.dir, 'p.csv', `${h}P001,改名伙伴,代理商,一级渠道,华南,广州\r\nN001,新伙伴,Retailer,Tier 3,East China,\r\nP002,测试伙伴 P002,dealer,tier2,华东,\r\n`);
    const before = await ctx.api.send('partners.getByCode', { code: 'P001' });
    const r = await ctx.api.send('imports.run', { kind: 'partners', path });
    expect(r).toMatchObject({ inserted: 1, updated: 1, duplicates: 1 });
    const after = await ctx.api.send('partners.getByCode', { code: 'P001' });
    expect(after).toMatchObject({ name: '改名伙伴', channelType: 'agent', tier: 'tier1', territory: 'HN', territoryName: '华南', city: '广州' });
    // 'East China' is the English name of the seeded 华东 territory: an exact name, so it matches.
    expect((await ctx.api.send('partners.getByCode', { code: 'N001' })).territory).toBe('HD');
    // Undo restores P001 exactly and removes N001.
    await ctx.api.send('imports.undo', { id: r.importId });
    expect(await ctx.api.send('partners.getByCode', { code: 'P001' })).toEqual(before);
    expect((await failure(ctx.api.send('partners.getByCode', { code: 'N001' }))).body.code).toBe('NOT_FOUND');
    // Import again, edit by hand, then undo is refused and nothing changes.
    const r2 = await ctx.api.send('imports.run', { kind: 'partners', path });
    await ctx.api.send('partners.update', { id: after.id, patch: { city: '深圳' } });
    const snap = snapshot(ctx.ws);
    const e = await failure(ctx.api.send('imports.undo', { id: r2.importId }));
    expect(e.body.code).toBe('CONFLICT');
    expect(e.message).toMatch(/P001.*changed after import/);
    expect(snapshot(ctx.ws)).toEqual(snap);
  });

  it('undo of a partners import is refused while later sales use an inserted partner', async () => {
    const p = writeFile(tmp.dir, 'p.csv', 'code,name,channelType\r\nN9,新,dealer\r\n');
    const rp = await ctx.api.send('imports.run', { kind: 'partners', path: p });
    await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 's.csv', `${HEADER}N9,2024-01-02,SO-1,A,1,10\r\n`) });
    const e = await failure(ctx.api.send('imports.undo', { id: rp.importId }));
    expect(e.body.code).toBe('CONFLICT');
    expect(e.message).toMatch(/used by data added after/);
    expect(count('partners')).toBe(4);
  });

  it('cancel rolls everything back', async () => {
    let body = HEADER;
    for (let i = 0; i < 6000; i++) body += `P00${1 + (i % 3)},2024-01-02,SO-${i},A,1,${i}\r\n`;
    const path = writeFile(tmp.dir, 'big.csv', body);
    const before = snapshot(ctx.ws);
    const abort = new AbortController();
    const phases: string[] = [];
    const e = await failure(
      ctx.api.send('imports.run', { kind: 'sales', path }, {
        signal: abort.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'import') abort.abort();
        },
      }),
    );
    expect(e.body.code).toBe('CANCELLED');
    expect(phases).toContain('import');
    expect(snapshot(ctx.ws)).toEqual(before);
    expect(ctx.ws.sqlite.inTransaction).toBe(false);
  });

  it('accept-valid commits the good rows and writes the rejected ones; the corrected file re-imports', async () => {
    const path = writeFile(tmp.dir, 'mixed.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\nP404,2024-01-02,SO-2,A,-1,-5\r\nP002,2024-13-01,SO-3,"=cmd()",1,30\r\n`);
    const r = await ctx.api.send('imports.run', { kind: 'sales', path, acceptValid: true });
    expect(r).toMatchObject({ rowsRead: 3, inserted: 1, rejected: 2 });
    expect(r.rejectedFile).toBeTruthy();
    const text = readFileSync(r.rejectedFile!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Partner Code,Order Date,Order ID,Product,Quantity,Sales,错误'); // the file's headers, the error column's in the workspace's language
    // No language from the caller and none saved: the workspace's default, Chinese (never English by default).
    expect(lines[1]).toMatch(/^P404,2024-01-02,SO-2,A,'-1,'-5,.*未知的伙伴编码“P404”/);
    expect(lines[2]).toContain("'=cmd()");
    const got = await ctx.api.send('imports.get', { id: r.importId });
    expect(got.errors.map((e) => e.row)).toEqual([3, 4]);
    // Fix the rejected file (partner code, date), drop the error column, and import it.
    const fixed = text.replace('P404', 'P003').replace('2024-13-01', '2024-12-01');
    const again = await ctx.api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'fixed.csv', fixed) });
    expect(again).toMatchObject({ inserted: 2, rejected: 0 });
    expect(ctx.ws.sqlite.prepare("select amount_minor, product from sales_lines where order_ref in ('SO-2','SO-3') order by order_ref").all()).toEqual([
      { amount_minor: -500, product: 'A' },
      { amount_minor: 3000, product: '=cmd()' },
    ]);
  });

  it('the mapping file: columns by name, dateFormat for day-first dates, value maps for enumerations, profit → cost', async () => {
    const sales = writeFile(tmp.dir, 'superstore.csv', 'Row ID,Order ID,Order Date,Customer ID,Segment,Sales,Quantity,Profit\r\n1,CA-1,08/11/16,P001,Consumer,261.96,2,41.9136\r\n2,CA-1,13/11/16,P001,Consumer,731.94,3,-219.58\r\n');
    const mapping = {
      kind: 'sales' as const,
      sheet: null,
      encoding: 'auto' as const,
      delimiter: 'auto' as const,
      dateFormat: 'DD/MM/YY' as const,
      columns: { partnerCode: 'Customer ID', date: 'Order Date', orderRef: 'Order ID', lineRef: 'Row ID', quantity: 'Quantity', amount: 'Sales', profit: 'Profit' },
    };
    const r = await ctx.api.send('imports.run', { kind: 'sales', path: sales, mapping });
    expect(r.inserted).toBe(2);
    expect(ctx.ws.sqlite.prepare('select date, amount_minor, cost_minor, dedupe_key from sales_lines order by id').all()).toEqual([
      { date: '2016-11-08', amount_minor: 26196, cost_minor: 26196 - 4191, dedupe_key: 'ref:1' },
      { date: '2016-11-13', amount_minor: 73194, cost_minor: 73194 + 21958, dedupe_key: 'ref:2' },
    ]);
    // Without dateFormat the same file is refused rather than guessed.
    const e = await failure(ctx.api.send('imports.run', { kind: 'sales', path: sales, mapping: { ...mapping, dateFormat: null }, force: true }));
    expect(e.message).toMatch(/ambiguous date/);
    // Preview suggests the format from the sample (13/11 can only be day-first).
    const pv = await ctx.api.send('imports.preview', { kind: 'sales', path: sales, mapping: { ...mapping, dateFormat: null } });
    expect(pv.suggestedDateFormat).toBe('DD/MM/YY');

    const partners = writeFile(tmp.dir, 'p.csv', 'Customer ID,Customer Name,Segment\r\nC1,Claire Gute,Consumer\r\nC2,Darrin Van Huff,Corporate\r\n');
    const pm = { kind: 'partners' as const, columns: { code: 'Customer ID', name: 'Customer Name', channelType: 'Segment' }, values: { channelType: { Consumer: 'retail', corporate: 'direct' } } };
    expect(await ctx.api.send('imports.run', { kind: 'partners', path: partners, mapping: pm })).toMatchObject({ inserted: 2 });
    expect((await ctx.api.send('partners.getByCode', { code: 'C2' })).channelType).toBe('direct');
    const bad = await failure(ctx.api.send('imports.run', { kind: 'partners', path: partners, mapping: { ...pm, values: {} }, force: true }));
    expect(bad.message).toMatch(/'Consumer' is not a channel type/);
    // Unknown field names and columns are refused with the valid names.
    const e2 = await failure(ctx.api.send('imports.run', { kind: 'partners', path: partners, mapping: { ...pm, columns: { ...pm.columns, colour: 'Segment' } }, force: true }));
    expect(e2.message).toMatch(/'colour' is not a field of partners imports/);
  });

  it('templates are saved in the setting imports.templates and listed by kind', async () => {
    const mapping = { kind: 'sales' as const, columns: { partnerCode: 'Customer ID', date: 'Order Date', amount: 'Sales' }, dateFormat: 'MM/DD/YYYY' as const };
    await ctx.api.send('imports.templates.save', { name: 'Superstore', mapping });
    await ctx.api.send('imports.templates.save', { name: 'Superstore', mapping: { ...mapping, dateFormat: 'DD/MM/YYYY' } });
    expect(await ctx.api.send('imports.templates.list', { kind: 'sales' })).toEqual([expect.objectContaining({ name: 'Superstore', mapping: { ...mapping, dateFormat: 'DD/MM/YYYY' } })]);
    expect(await ctx.api.send('imports.templates.list', { kind: 'partners' })).toEqual([]);
    expect((await ctx.api.send('system.settings.get', { key: 'imports.templates' })).value).toHaveLength(1);
    expect(await ctx.api.send('imports.templates.delete', { name: 'Superstore' })).toEqual({ deleted: true });
  });

  it('targets, feedback and training imports; undo restores an updated target', async () => {
    const t = writeFile(tmp.dir, 't.csv', '经销商编码,期间,指标,目标值\r\nP001,2024年第1季度,销售额,"1,000,000.005"\r\nP001,2024-03,quantity,12\r\n');
    const rt = await ctx.api.send('imports.run', { kind: 'targets', path: t });
    expect(rt.inserted).toBe(2);
    expect(ctx.ws.sqlite.prepare('select period, metric, value from targets order by id').all()).toEqual([
      { period: '2024-Q1', metric: 'revenue', value: 100000001 },
      { period: '2024-03', metric: 'quantity', value: 12 },
    ]);
    const t2 = writeFile(tmp.dir, 't2.csv', 'Partner Code,Period,Metric,Target\r\nP001,2024-Q1,revenue,2000000\r\n');
    const rt2 = await ctx.api.send('imports.run', { kind: 'targets', path: t2 });
    expect(rt2.updated).toBe(1);
    await ctx.api.send('imports.undo', { id: rt2.importId });
    expect(ctx.ws.sqlite.prepare("select value from targets where period = '2024-Q1'").get()).toEqual({ value: 100000001 });

    const f = writeFile(tmp.dir, 'f.csv', 'Partner Code,Date,Score,Comment\r\nP001,2024-05-01,4.5,好\r\nP001,2024-05-01,4.5,好\r\nP002,2024-05-02,6,太高\r\n');
    const rf = await ctx.api.send('imports.run', { kind: 'feedback', path: f, acceptValid: true });
    expect(rf).toMatchObject({ inserted: 2, rejected: 1 });
    expect(rf.errors[0]).toMatchObject({ row: 4, column: 'Score', value: '6' });

    ctx.ws.sqlite
      .prepare("insert into training_courses (code, title_zh, title_en, category, validity_months, passing_score) values ('C-SALES', '销售', 'Sales', 'sales', 12, 60)")
      .run();
    const tr = writeFile(tmp.dir, 'tr.csv', '经销商编码,学员,课程编码,完成日期,成绩\r\nP001,张三,C-SALES,2024-01-31,80\r\nP001,李四,C-SALES,2024-02-29,50\r\n');
    expect(await ctx.api.send('imports.run', { kind: 'training', path: tr })).toMatchObject({ inserted: 2 });
    expect(ctx.ws.sqlite.prepare('select trainee, passed, expires_on from training_records order by id').all()).toEqual([
      { trainee: '张三', passed: 1, expires_on: '2025-01-31' },
      { trainee: '李四', passed: 0, expires_on: null },
    ]);
  });

  it('risks go through the register with history; undo removes them', async () => {
    const path = writeFile(tmp.dir, 'r.csv', '风险编号,风险名称,风险类别,经销商编码,可能性,影响程度,状态\r\nR-IMP-1,窜货,价格冲突,P001,4,5,处理中\r\nR-IMP-2,bad,credit,P001,9,1,open\r\n');
    const r = await ctx.api.send('imports.run', { kind: 'risks', path, acceptValid: true });
    expect(r).toMatchObject({ inserted: 1, rejected: 1 });
    expect(ctx.ws.sqlite.prepare("select category, status, likelihood from risks where code = 'R-IMP-1'").get()).toEqual({ category: 'price_conflict', status: 'mitigating', likelihood: 4 });
    expect(count('risk_history')).toBe(1);
    await ctx.api.send('imports.undo', { id: r.importId });
    expect(count('risks')).toBe(0);
    expect(count('risk_history')).toBe(0);
  });

  it('history lists imports newest first with counts and the file hash', async () => {
    const path = writeFile(tmp.dir, 'a.csv', `${HEADER}P001,2024-01-02,SO-1,A,1,10\r\n`);
    await ctx.api.send('imports.run', { kind: 'sales', path });
    await ctx.api.send('imports.run', { kind: 'sales', path, force: true });
    const list = await ctx.api.send('imports.list', {});
    expect(list.total).toBe(2);
    expect(list.rows[0]).toMatchObject({ kind: 'sales', fileName: 'a.csv', status: 'committed', inserted: 0, duplicates: 1 });
    const { createHash } = await import('node:crypto');
    expect(list.rows[1].sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(list.rows[1].fileSize).toBe(readFileSync(path).length);
  });
});
