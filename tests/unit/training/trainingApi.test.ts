import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const course = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  titleZh: `课程 ${code}`,
  titleEn: `Course ${code}`,
  category: 'compliance' as const,
  validityMonths: 12 as number | null,
  requiredTiers: ['tier2' as const],
  requiredChannelTypes: [] as never[],
  passingScore: 80 as number | null,
  ...extra,
});

async function setup() {
  const { ws, api } = memoryApi();
  const p = await api.send('partners.create', partnerInput('P001'));
  const q = await api.send('partners.create', partnerInput('P002', { tier: 'tier1' }));
  const { course: c } = await api.send('training.courses.save', course('CMP-1'));
  return { ws, api, p, q, c };
}

describe('training records and courses', () => {
  it('computes the expiry from the course and derives passed from the score', async () => {
    const { api, p, c } = await setup();
    const ok = await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: '张三', completedOn: '2024-01-31', score: 85 });
    expect(ok.passed).toBe(true);
    expect(ok.expiresOn).toBe('2025-01-31');
    const fail = await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: '李四', completedOn: '2024-02-29', score: 60 });
    expect(fail.passed).toBe(false);
    expect(fail.expiresOn).toBeNull();
    await expect(
      api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: '张三', completedOn: '2024-01-31', score: 90 }),
    ).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    await expect(
      api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'x', completedOn: '2024-01-01', expiresOn: '2030-01-01' } as never),
    ).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });

  it('recomputes expiries when the course validity changes, and only then', async () => {
    const { api, p, c } = await setup();
    const r1 = await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'A', completedOn: '2024-02-29', score: 90 });
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'B', completedOn: '2024-03-01', score: 10 });
    expect(r1.expiresOn).toBe('2025-02-28');
    const same = await api.send('training.courses.save', { ...course('CMP-1', { titleEn: 'Renamed' }), id: c.id });
    expect(same.recomputed).toBe(0);
    const longer = await api.send('training.courses.save', { ...course('CMP-1'), id: c.id, validityMonths: 48 });
    expect(longer.recomputed).toBe(1);
    const rows = (await api.send('training.records.list', { courseId: c.id })).rows;
    expect(rows.find((r) => r.trainee === 'A')!.expiresOn).toBe('2028-02-29');
    expect(rows.find((r) => r.trainee === 'B')!.expiresOn).toBeNull();
    await api.send('training.courses.save', { ...course('CMP-1'), id: c.id, validityMonths: null });
    expect((await api.send('training.records.list', { courseId: c.id })).rows.every((r) => r.expiresOn === null)).toBe(true);
  });

  it('refuses duplicate course codes and deleting a course with records', async () => {
    const { api, p, c } = await setup();
    await expect(api.send('training.courses.save', course('CMP-1'))).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'A', completedOn: '2024-01-01', passed: true });
    await expect(api.send('training.courses.delete', { id: c.id })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    const { course: other } = await api.send('training.courses.save', course('OPT-1', { requiredTiers: [] }));
    await api.send('training.courses.delete', { id: other.id });
    expect((await api.send('training.courses.list', {})).map((x) => x.code)).toEqual(['CMP-1']);
  });

  it('reports compliance at dates, ignoring failed records and deleted partners', async () => {
    const { api, p, q, c } = await setup();
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'A', completedOn: '2024-06-30', score: 95 });
    await api.send('training.records.save', { partnerId: q.id, courseId: c.id, trainee: 'B', completedOn: '2024-06-30', score: 95 });
    const rowOf = async (asOf: string) => (await api.send('training.compliance', { asOf })).rows.find((r) => r.partnerCode === 'P001')!;
    expect(await rowOf('2024-06-29')).toMatchObject({ required: 1, valid: 0, compliance: 0 });
    expect(await rowOf('2025-06-30')).toMatchObject({ required: 1, valid: 1, expiringIn90Days: 1, compliance: 1 });
    expect(await rowOf('2025-07-01')).toMatchObject({ valid: 0, compliance: 0 });
    // The tier-1 partner needs nothing.
    const all = (await api.send('training.compliance', { asOf: '2025-01-01' })).rows;
    expect(all.find((r) => r.partnerCode === 'P002')).toMatchObject({ required: 0, compliance: null });
    await api.send('partners.delete', { id: q.id });
    expect((await api.send('training.compliance', { asOf: '2025-01-01' })).rows.map((r) => r.partnerCode)).toEqual(['P001']);
  });
});

describe('compliance matrix', () => {
  it('classifies cells as valid / expiring 30/60/90 / expired / missing', async () => {
    const { api, p } = await setup();
    const mk = async (code: string) => (await api.send('training.courses.save', course(code, { validityMonths: 12, passingScore: null }))).course;
    const [a, b, c2, d, e] = [await mk('A1'), await mk('A2'), await mk('A3'), await mk('A4'), await mk('A5')];
    const asOf = '2025-06-01';
    const rec = (courseId: number, completedOn: string, passed = true) =>
      api.send('training.records.save', { partnerId: p.id, courseId, trainee: 'T', completedOn, passed });
    await rec(a.id, '2024-12-01'); // expires 2025-12-01: valid
    await rec(b.id, '2024-06-20'); // expires 2025-06-20: 19 days
    await rec(c2.id, '2024-07-20'); // 2025-07-20: 49 days
    await rec(d.id, '2024-08-20'); // 2025-08-20: 80 days
    await rec(e.id, '2024-05-31'); // expired 2025-05-31
    await rec(e.id, '2025-01-01', false); // a failed retake does not help
    const m = await api.send('training.matrix', { asOf });
    const row = m.rows.find((r) => r.partnerCode === 'P001')!;
    const states = Object.fromEntries(Object.entries(row.cells).map(([k, v]) => [k, v.state]));
    expect(states).toMatchObject({ A1: 'valid', A2: 'expiring30', A3: 'expiring60', A4: 'expiring90', A5: 'expired', 'CMP-1': 'missing' });
    expect(row).toMatchObject({ required: 6, valid: 4, expiringIn90Days: 3 });
    expect(m.totals.expired).toBe(1);
    expect(m.rows.find((r) => r.partnerCode === 'P002')!.cells).toEqual({});
    // The last valid day is the expiry day itself.
    const onDay = await api.send('training.matrix', { asOf: '2025-05-31' });
    expect(onDay.rows.find((r) => r.partnerCode === 'P001')!.cells.A5.state).toBe('expiring30');
    const filtered = await api.send('training.matrix', { asOf, states: ['expired'] });
    expect(filtered.rows.map((r) => r.partnerCode)).toEqual(['P001']);
  });
});

describe('expiring certificates', () => {
  it('lists certificates expiring within N days, skipping renewed ones', async () => {
    const { api, p, c } = await setup();
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'A', completedOn: '2024-07-01', score: 90 });
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'B', completedOn: '2024-08-15', score: 90 });
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'B', completedOn: '2025-05-01', score: 90 });
    await api.send('training.records.save', { partnerId: p.id, courseId: c.id, trainee: 'C', completedOn: '2024-01-01', score: 90 });
    const r = await api.send('training.expiring', { asOf: '2025-06-01', days: 90 });
    expect(r.rows.map((x) => [x.trainee, x.expiresOn, x.daysLeft])).toEqual([['A', '2025-07-01', 30]]);
    expect(r.rows[0]).toMatchObject({ required: true, partnerCovered: true });
    expect((await api.send('training.expiring', { asOf: '2025-06-01', days: 29 })).rows).toEqual([]);
  });

  it("carries the partner's English name, and the English export writes it (the Chinese one keeps the Chinese name)", async () => {
    const { api, c } = await setup();
    const named = await api.send('partners.create', partnerInput('P004', { name: '深圳新锐科技有限公司', nameEn: 'Shenzhen Xinrui Technology' }));
    await api.send('training.records.save', { partnerId: named.id, courseId: c.id, trainee: 'D', completedOn: '2024-07-01', score: 90 });
    const r = await api.send('training.expiring', { asOf: '2025-06-01', days: 90 });
    expect(r.rows.find((x) => x.partnerCode === 'P004')).toMatchObject({ partnerName: '深圳新锐科技有限公司', partnerNameEn: 'Shenzhen Xinrui Technology' });
    const { dir, cleanup } = tempDir();
    try {
      const en = await api.send('training.exportExpiring', { asOf: '2025-06-01', days: 90, format: 'csv', lang: 'en', out: join(dir, 'en.csv') });
      const enText = readFileSync(en.path, 'utf8');
      expect(enText).toContain('P004,Shenzhen Xinrui Technology,');
      expect(enText).not.toContain('深圳新锐');
      const zh = await api.send('training.exportExpiring', { asOf: '2025-06-01', days: 90, format: 'csv', lang: 'zh-CN', out: join(dir, 'zh.csv') });
      expect(readFileSync(zh.path, 'utf8')).toContain('P004,深圳新锐科技有限公司,');
    } finally {
      cleanup();
    }
  });

  it('exports CSV and XLSX with formula-looking text neutralised', async () => {
    const { api, c } = await setup();
    const evil = await api.send('partners.create', partnerInput('P003', { name: '=HYPERLINK("http://x","y")' }));
    await api.send('training.records.save', { partnerId: evil.id, courseId: c.id, trainee: '@SUM(A1)', completedOn: '2024-07-01', score: 90, certificateNo: '+86-1' });
    const { dir, cleanup } = tempDir();
    try {
      const csv = await api.send('training.exportExpiring', { asOf: '2025-06-01', days: 90, format: 'csv', lang: 'en', out: join(dir, 'x.csv') });
      expect(csv.rows).toBe(1);
      const text = readFileSync(csv.path, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      expect(text).toContain("'@SUM(A1)");
      expect(text).toContain("'+86-1");
      expect(text).not.toMatch(/,=|,@|,\+/);
      const xlsx = await api.send('training.exportExpiring', { asOf: '2025-06-01', days: 90, format: 'xlsx', lang: 'zh-CN', out: join(dir, 'x.xlsx') });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx.path);
      const sheet = wb.worksheets[0];
      const values = sheet.getRow(3).values as unknown[];
      expect(values).toContain('=HYPERLINK("http://x","y")');
      expect(values).toContain('@SUM(A1)');
      expect(values).toContain(30);
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    } finally {
      cleanup();
    }
  });
});
