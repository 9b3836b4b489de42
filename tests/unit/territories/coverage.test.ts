import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { partnerTerritoryCheck } from '../../../electron/domain/territories/places';
import { fileWorkspace, memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { pwb } from '../../helpers/cli';
import { sale, target } from '../evaluations/fixtures';

let ws: Workspace;
let api: Api;
beforeEach(() => {
  ({ ws, api } = memoryApi());
});
afterEach(() => ws.close());

const add = async (code: string, extra: Record<string, unknown>) => (await api.send('partners.create', partnerInput(code, extra) as never)).id;

/**
 * The fixture, counted by hand:
 * 西北 (5 provinces, no targets → one active partner wanted in each): 陕西 (P1 by short name), 甘肃 (P2 assigned to the
 * province itself), 新疆 (P3 by its English name) covered; 宁夏 only has a suspended partner, 青海 only a deleted one.
 * → 3 / 5.
 * 华东 targets: T1 浙江 ≥ 2 dealers (Q1, Q2 → met: 1/1), T2 ≥ 3 e-commerce partners anywhere in 华东 (Q3, Q4 → 2/3),
 * T3 上海 ≥ 1 partner of any type (none → 0/1). → 3 / 5.
 * The five other regions have 21 provinces and no partner → 0 / 21. Company: 6 / 31.
 */
async function fixture() {
  await add('P1', { territory: 'XB', province: '陕西' });
  await add('P2', { territory: '620000' });
  await add('P3', { territory: 'XB', province: 'Xinjiang', channelType: 'agent' });
  await add('P4', { territory: 'XB', province: '宁夏', status: 'suspended' });
  const p5 = await add('P5', { territory: 'XB', province: '青海省' });
  await api.send('partners.delete', { id: p5 });
  const q1 = await add('Q1', { territory: 'HD', province: '浙江省' });
  const q2 = await add('Q2', { territory: 'HD', province: '浙江', city: '杭州市' });
  const q3 = await add('Q3', { territory: 'HD', province: '江苏', channelType: 'ecommerce' });
  const q4 = await add('Q4', { territory: '330000', channelType: 'ecommerce' });
  const t1 = await api.send('territories.coverage.targets.add', { territory: 'HD', area: '330000', channelType: 'dealer', minPartners: 2 });
  const t2 = await api.send('territories.coverage.targets.add', { territory: 'HD', channelType: 'ecommerce', minPartners: 3 });
  const t3 = await api.send('territories.coverage.targets.add', { territory: 'HD', area: '310000', minPartners: 1 });
  return { q1, q2, q3, q4, t1, t2, t3 };
}

describe('coverage (渠道覆盖率)', () => {
  it('counts covered ÷ wanted per territory against the hand-counted fixture, by default and by target', async () => {
    const { t1, t2, t3 } = await fixture();
    const r = await api.send('territories.coverage.report', {});
    const byCode = new Map(r.territories.map((t) => [t.code, t]));
    expect(byCode.get('XB')).toMatchObject({ wanted: 5, covered: 3, ratio: 0.6, byDefault: true, gaps: 2, activePartners: 3 });
    expect(byCode.get('HD')).toMatchObject({ wanted: 5, covered: 3, ratio: 0.6, byDefault: false, gaps: 2, activePartners: 4 });
    // 浙江 carries 华东's target on it; 江苏 falls back to the default rule
    expect(byCode.get('330000')).toMatchObject({ wanted: 1, covered: 1, byDefault: false, activePartners: 3 });
    expect(byCode.get('320000')).toMatchObject({ wanted: 1, covered: 1, byDefault: true });
    expect(byCode.get('HZ')).toMatchObject({ wanted: 3, covered: 0, ratio: 0 });
    expect(r.total).toEqual({ wanted: 31, covered: 6, ratio: 6 / 31 });
    expect(r.byChannelType).toEqual(
      expect.arrayContaining([
        { channelType: null, wanted: 27, covered: 3, ratio: 3 / 27 },
        { channelType: 'dealer', wanted: 1, covered: 1, ratio: 1 },
        { channelType: 'ecommerce', wanted: 3, covered: 2, ratio: 2 / 3 },
      ]),
    );

    const hd = await api.send('territories.coverage.report', { territory: 'HD' });
    expect(hd.total).toEqual({ wanted: 5, covered: 3, ratio: 0.6 });
    expect(hd.gaps.map((g) => [g.targetId, g.area, g.channelType, g.actual, g.wanted, g.covered])).toEqual([
      [t2.id, null, 'ecommerce', 2, 3, 2],
      [t3.id, '310000', null, 0, 1, 0],
    ]);
    expect(hd.lines.find((l) => l.targetId === t1.id)).toMatchObject({ actual: 2, covered: 1, areaNameZh: '浙江省' });
    const xb = await api.send('territories.coverage.report', { territory: 'XB' });
    expect(xb.gaps.map((g) => g.areaNameZh).sort()).toEqual(['宁夏回族自治区', '青海省']);
    expect(xb.territories.map((t) => t.code)).toEqual(['XB', '610000', '620000', '630000', '640000', '650000']);
  });

  it('follows the partners: a status change, an inactive province, a target met, a merge that carries the targets', async () => {
    const { t2 } = await fixture();
    const p4 = (await api.send('partners.list', { search: 'P4' })).rows.find((p) => p.code === 'P4')!;
    await api.send('partners.update', { id: p4.id, patch: { status: 'active' } });
    expect((await api.send('territories.coverage.report', { territory: 'XB' })).total).toMatchObject({ wanted: 5, covered: 4 });
    await api.send('territories.setActive', { code: '630000', active: false });
    expect((await api.send('territories.coverage.report', { territory: 'XB' })).total).toEqual({ wanted: 4, covered: 4, ratio: 1 });

    await add('Q5', { territory: 'HD', province: 'Anhui', channelType: 'ecommerce' });
    await add('Q6', { territory: 'HD', province: '山东', channelType: 'ecommerce' });
    const line = (await api.send('territories.coverage.report', { territory: 'HD' })).lines.find((l) => l.targetId === t2.id)!;
    expect(line).toMatchObject({ actual: 4, wanted: 3, covered: 3 });

    await api.send('territories.add', { nameZh: '东部大区', nameEn: 'East', code: 'EAST' });
    await api.send('territories.merge', { from: 'HD', into: 'EAST' });
    expect((await api.send('territories.coverage.targets.list', { territory: 'EAST' })).map((t) => t.territory)).toEqual(['EAST', 'EAST', 'EAST']);
    expect((await api.send('territories.coverage.report', { territory: 'EAST' })).total).toEqual({ wanted: 5, covered: 4, ratio: 0.8 });
  });

  it('refuses a target on an area outside the territory, a duplicate, and an unknown territory', async () => {
    await expect(api.send('territories.coverage.targets.add', { territory: 'XB', area: '330000', minPartners: 1 })).rejects.toThrow(/does not lie under/);
    await api.send('territories.coverage.targets.add', { territory: 'XB', area: '640000', channelType: 'dealer', minPartners: 1 });
    await expect(api.send('territories.coverage.targets.add', { territory: 'XB', area: '640000', channelType: 'dealer', minPartners: 2 })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    await expect(api.send('territories.coverage.targets.add', { territory: 'NOPE', minPartners: 1 })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
    await expect(api.send('territories.coverage.targets.add', { territory: 'XB', minPartners: 0 })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });

  it('gives the tile map each province: active partners, the period’s revenue, the average health score, coverage', async () => {
    const { q1, q2, q3, q4 } = await fixture();
    sale(ws, q1, '2025-02-01', 100_00);
    sale(ws, q2, '2025-03-31', 50_00);
    sale(ws, q3, '2025-01-15', 30_00);
    sale(ws, q4, '2025-04-01', 999_00); // next quarter
    for (const id of [q1, q2, q3, q4]) target(ws, id, '2025-Q1', 100_00);
    await api.send('evaluations.run', { period: '2025-Q1' });
    const map = await api.send('territories.coverage.provinces', { period: '2025-Q1' });
    expect(map.period).toBe('2025-Q1');
    expect(map.provinces).toHaveLength(34);
    const zj = map.provinces.find((p) => p.code === '330000')!;
    expect(zj).toMatchObject({ region: 'HD', activePartners: 3, revenueMinor: 150_00, coverage: { wanted: 1, covered: 1, ratio: 1 } });
    const cards = await api.send('evaluations.scorecards.list', { period: '2025-Q1' });
    const zjCards = cards.rows.filter((c) => c.partnerId === q1 || c.partnerId === q2 || c.partnerId === q4);
    expect(zjCards).toHaveLength(3);
    expect(zj.healthScore).toBe(Math.round((zjCards.reduce((s, c) => s + c.healthScore, 0) / 3) * 10) / 10);
    expect(map.provinces.find((p) => p.code === '320000')).toMatchObject({ activePartners: 1, revenueMinor: 30_00 });
    expect(map.provinces.find((p) => p.code === '310000')).toMatchObject({ activePartners: 0, revenueMinor: 0, healthScore: null, coverage: { wanted: 1, covered: 0 } });
    expect(map.unplaced).toBe(0);
    // what a click on the 浙江 tile lists: assigned to 浙江 (Q4) or located there by province text (Q1, Q2)
    expect((await api.send('partners.list', { places: ['330000'] })).rows.map((p) => p.code).sort()).toEqual(['Q1', 'Q2', 'Q4']);
    expect((await api.send('partners.list', { places: ['HD'] })).rows.map((p) => p.code).sort()).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});

describe('cross-territory check (for 窜货)', () => {
  it('answers inside / outside / unknown along the tree, sub-territories and cities included', async () => {
    const hd = await add('H1', { territory: 'HD' });
    await api.send('territories.add', { nameZh: '苏南区', nameEn: 'South Jiangsu', code: 'SUNAN', parent: 'HD' });
    await api.send('territories.move', { code: '320000', parent: 'SUNAN' });
    await api.send('territories.add', { nameZh: '苏州市', nameEn: 'Suzhou', code: '320500', parent: '320000', kind: 'city' });
    const sunan = await add('S1', { territory: 'SUNAN' });
    const suzhou = await add('S2', { territory: '320500' });
    const none = await add('N1', { territory: null });
    const check = partnerTerritoryCheck(ws);
    expect(check(hd, { province: '浙江' }).verdict).toBe('inside');
    expect(check(hd, { province: '江苏省', city: '苏州' })).toEqual({ verdict: 'inside', territory: 'HD', place: '320500' });
    expect(check(hd, { province: '广东省' })).toEqual({ verdict: 'outside', territory: 'HD', place: '440000' });
    expect(check(sunan, { province: 'Jiangsu' }).verdict).toBe('inside');
    expect(check(sunan, { province: '浙江省' }).verdict).toBe('outside');
    expect(check(suzhou, { province: '江苏', city: '苏州市' }).verdict).toBe('inside');
    expect(check(suzhou, { province: '江苏', city: '南京市' })).toMatchObject({ verdict: 'unknown', reason: 'placeTooCoarse' });
    expect(check(suzhou, { province: '浙江' }).verdict).toBe('outside');
    expect(check(hd, { province: 'Tibet' })).toMatchObject({ verdict: 'outside', place: '540000' });
    expect(check(hd, { province: ' Ｚｈｅｊｉａｎｇ ' })).toMatchObject({ verdict: 'inside', place: '330000' });
    expect(check(hd, { province: 'Atlantis' })).toMatchObject({ verdict: 'unknown', reason: 'unknownPlace', place: null });
    expect(check(hd, { province: null })).toMatchObject({ verdict: 'unknown', reason: 'noPlace' });
    expect(check(none, { province: '浙江' })).toMatchObject({ verdict: 'unknown', reason: 'partnerWithoutTerritory' });
    expect(check(99_999, { province: '浙江' })).toMatchObject({ verdict: 'unknown', reason: 'unknownPartner' });
  });
});

describe('pwb coverage', () => {
  it('prints the report and manages targets from the command line; pwb territories list works', () => {
    const f = fileWorkspace();
    f.ws.close();
    try {
      const db = ['--db', f.path];
      const env = { PWB_DB: `${f.dir}/not-this-one.sqlite` };
      const added = pwb(['coverage', 'targets', 'add', 'XB', '--area', '640000', '--channel-type', 'dealer', '--min', '2', ...db, '--json'], env);
      expect(added.code, added.stderr).toBe(0);
      expect(added.json()).toMatchObject({ territory: 'XB', area: '640000', channelType: 'dealer', minPartners: 2 });
      const report = pwb(['coverage', 'report', '--territory', 'XB', ...db, '--json'], env);
      expect(report.code, report.stderr).toBe(0);
      expect(report.json()).toMatchObject({ territory: 'XB', total: { wanted: 1, covered: 0, ratio: 0 }, gaps: [{ area: '640000', channelType: 'dealer', actual: 0 }] });
      const human = pwb(['coverage', 'report', ...db], env);
      expect(human.stdout).toMatch(/Coverage: 0\/30 0\.0%/);
      expect(human.stdout).toMatch(/西北 宁夏回族自治区 Dealer: 0 active partners, 2 wanted/);
      const zh = pwb(['coverage', 'report', ...db, '--lang', 'zh'], env);
      expect(zh.stdout).toMatch(/^覆盖率：0\/30 0\.0%/m);
      expect(zh.stdout).toContain('西北 宁夏回族自治区 经销商：合作中伙伴 0 个，目标 2 个');
      const list = pwb(['territories', 'list', ...db, '--json'], env);
      expect(list.code, list.stderr).toBe(0);
      expect(list.json<Array<{ code: string }>>()).toHaveLength(41);
      const bad = pwb(['coverage', 'targets', 'add', 'XB', '--area', '330000', ...db], env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/Zhejiang does not lie in Northwest China: the area must be a province or city under the territory/);
      // every command used the --db workspace, none the default one
      expect(existsSync(env.PWB_DB)).toBe(false);
    } finally {
      f.cleanup();
    }
  });
});

describe('the reassignment day comes from the workspace clock', () => {
  afterEach(() => vi.useRealTimers());
  it('dates a reassignment, a new partner’s first line and an edit on the company’s calendar day, not the UTC day', async () => {
    await api.send('system.settings.set', { key: 'company.timeZone', value: 'Asia/Shanghai' });
    const a = await api.send('channelManagers.create', { name: '王磊' });
    const b = await api.send('channelManagers.create', { name: '李娜' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-31T23:30:00Z')); // 07:30 on 1 April in Beijing
    const p = await add('C1', { channelManagerId: a.id });
    await api.send('channelManagers.reassign', { partnerIds: [p], to: b.id, reason: '区域调整' });
    await api.send('partners.update', { id: p, patch: { channelManagerId: a.id } });
    const history = await api.send('channelManagers.history', { partnerId: p });
    expect(history.map((h) => [h.from, h.to, h.changedOn])).toEqual([
      ['李娜', '王磊', '2025-04-01'],
      ['王磊', '李娜', '2025-04-01'],
      [null, '王磊', '2025-04-01'],
    ]);
  });
});

describe('"Mine" on scorecards', () => {
  it('lists the scorecards of the partners a channel manager owns now; nobody gives none', async () => {
    const a = await api.send('channelManagers.create', { name: '王磊' });
    const b = await api.send('channelManagers.create', { name: '李娜' });
    const p1 = await add('M1', { channelManagerId: a.id });
    const p2 = await add('M2', { channelManagerId: b.id });
    for (const id of [p1, p2]) {
      sale(ws, id, '2025-02-01', 100_00);
      target(ws, id, '2025-Q1', 100_00);
    }
    await api.send('evaluations.run', { period: '2025-Q1' });
    const codes = async (ids: number[]) => (await api.send('evaluations.scorecards.list', { period: '2025-Q1', channelManagerIds: ids })).rows.map((r) => r.partnerCode).sort();
    expect(await codes([a.id])).toEqual(['M1']);
    expect(await codes([a.id, b.id])).toEqual(['M1', 'M2']);
    expect(await codes([])).toEqual([]);
    // reassigned after the run: the scorecard follows today's owner
    await api.send('channelManagers.reassign', { partnerIds: [p2], to: a.id, reason: '区域调整' });
    expect(await codes([a.id])).toEqual(['M1', 'M2']);
  });
});

describe('"Mine" on overdue risk reviews, the risk register and expiring certificates', () => {
  it('keeps overdue reviews and actions, and register rows, of my partners or owned by me (name or e-mail); nobody gives none', async () => {
    const me = await api.send('channelManagers.create', { name: '王磊', email: 'wang.lei@example.com' });
    const other = await api.send('channelManagers.create', { name: '李娜' });
    const mine = await add('R1', { channelManagerId: me.id });
    const theirs = await add('R2', { channelManagerId: other.id });
    const risk = (title: string, partnerId: number | null, owner: string | null, actionOwner: string | null = null) =>
      api.send('risks.save', {
        fields: { title, category: 'market', likelihood: 3, impact: 3, nextReviewOn: '2025-01-31', partnerId, owner },
        actions: [{ description: `${title} action`, owner: actionOwner, dueOn: '2025-02-01' }],
      });
    await risk('my partner', mine, '李娜');
    await risk('owned by me', theirs, 'Wang.Lei@example.com ');
    await risk('not mine', theirs, '李娜');
    await risk('my action only', null, '李娜', '王磊');
    const overdue = async (ids?: number[]) => {
      const o = await api.send('risks.overdue', { asOf: '2025-03-01', ...(ids ? { channelManagerIds: ids } : {}) });
      return { reviews: o.reviews.map((r) => r.title).sort(), actions: o.actions.map((a) => a.description).sort() };
    };
    expect(await overdue([me.id])).toEqual({ reviews: ['my partner', 'owned by me'], actions: ['my action only action', 'my partner action', 'owned by me action'] });
    expect((await overdue()).reviews).toHaveLength(4);
    expect(await overdue([])).toEqual({ reviews: [], actions: [] });
    // the register and its heat map narrow the same way (a risk by its partner or its own owner)
    const register = await api.send('risks.list', { channelManagerIds: [me.id] });
    expect(register.rows.map((r) => r.title).sort()).toEqual(['my partner', 'owned by me']);
    expect((await api.send('risks.heatMap', { channelManagerIds: [me.id] })).total).toBe(2);
    expect((await api.send('risks.list', {})).total).toBe(4);
    expect((await api.send('risks.list', { channelManagerIds: [] })).total).toBe(0);
    // the partner moves to me: its risk becomes mine
    await api.send('channelManagers.reassign', { partnerIds: [theirs], to: me.id, reason: '区域调整' });
    expect((await overdue([me.id])).reviews).toHaveLength(3);
  });

  it('narrows the expiring certificates, their export and the grid export to my partners', async () => {
    const me = await api.send('channelManagers.create', { name: '王磊' });
    const other = await api.send('channelManagers.create', { name: '李娜' });
    const p1 = await add('E1', { channelManagerId: me.id });
    const p2 = await add('E2', { channelManagerId: other.id });
    const course = (await api.send('training.courses.save', { code: 'C1', titleZh: '产品认证', titleEn: 'Product', category: 'product', validityMonths: 12, requiredTiers: [], requiredChannelTypes: [], passingScore: null })).course;
    for (const partnerId of [p1, p2]) await api.send('training.records.save', { partnerId, courseId: course.id, trainee: '张三', completedOn: '2024-03-01', passed: true });
    const codes = async (ids?: number[]) => (await api.send('training.expiring', { asOf: '2025-01-15', days: 90, ...(ids ? { channelManagerIds: ids } : {}) })).rows.map((r) => r.partnerCode).sort();
    expect(await codes()).toEqual(['E1', 'E2']);
    expect(await codes([me.id])).toEqual(['E1']);
    expect(await codes([])).toEqual([]);
    // the training records grid narrows the same way
    const records = async (ids?: number[]) => (await api.send('training.records.list', { ...(ids ? { channelManagerIds: ids } : {}) })).rows.map((r) => r.partnerCode).sort();
    expect(await records()).toEqual(['E1', 'E2']);
    expect(await records([me.id])).toEqual(['E1']);
    expect(await records([])).toEqual([]);
    const t = tempDir();
    try {
      const file = await api.send('training.exportExpiring', { asOf: '2025-01-15', days: 90, channelManagerIds: [me.id], format: 'csv', lang: 'zh-CN', out: join(t.dir, 'expiring.csv') });
      expect(file.rows).toBe(1);
      const lines = readFileSync(file.path, 'utf8').split('\r\n').filter(Boolean);
      expect([lines.length, lines[1].startsWith('E1,')]).toEqual([2, true]);
      const grid = await api.send('grids.export', { grid: 'trainingExpiring', query: { asOf: '2025-01-15', days: 90, channelManagerIds: [me.id] }, columns: [{ colId: 'partnerCode', header: '伙伴编码' }], format: 'csv', out: join(t.dir, 'grid.csv') });
      expect(readFileSync(grid.path, 'utf8').slice(1).split('\r\n')).toEqual(['伙伴编码', 'E1', '']);
    } finally {
      t.cleanup();
    }
  });
});

describe('"Mine" on deal registrations', () => {
  it('keeps the deals of my partners (not the direct team’s, not others’); nobody gives none', async () => {
    const me = await api.send('channelManagers.create', { name: '王磊' });
    const other = await api.send('channelManagers.create', { name: '李娜' });
    const p1 = await add('D1', { channelManagerId: me.id });
    const p2 = await add('D2', { channelManagerId: other.id });
    await api.send('deals.register', { partnerId: p1, customerName: '华信科技有限公司', productLine: 'X', expectedValueMinor: 100_00 });
    await api.send('deals.register', { partnerId: p2, customerName: '远东贸易有限公司', productLine: 'X', expectedValueMinor: 100_00 });
    await api.send('deals.register', { partnerId: null, customerName: '北方电子有限公司', productLine: 'X', expectedValueMinor: 100_00 });
    const customers = async (ids?: number[]) => (await api.send('deals.list', ids ? { channelManagerIds: ids } : {})).rows.map((r) => r.customerName).sort();
    expect(await customers()).toHaveLength(3);
    expect(await customers([me.id])).toEqual(['华信科技有限公司']);
    expect(await customers([])).toEqual([]);
  });
});

describe('the territory scorecard: revenue, attainment and health beside coverage', () => {
  it('sums the period’s scorecards per territory, each partner once under its territory at run time, hand-computed', async () => {
    const a1 = await add('S1', { territory: 'HD' });
    const a2 = await add('S2', { territory: '330000' }); // 浙江, under 华东
    const b1 = await add('S3', { territory: null, province: '广东' }); // no territory: placed by its province (华南)
    await add('S4', { territory: 'XB' }); // no sales, no target: a scorecard with revenue 0
    sale(ws, a1, '2025-02-01', 800_00);
    target(ws, a1, '2025-Q1', 1_000_00);
    sale(ws, a2, '2025-02-10', 300_00);
    sale(ws, b1, '2025-03-01', 1_500_00);
    target(ws, b1, '2025-Q1', 1_200_00);
    await api.send('evaluations.run', { period: '2025-Q1' });
    const health = new Map((await api.send('evaluations.scorecards.list', { period: '2025-Q1' })).rows.map((r) => [r.partnerCode, r.healthScore]));
    // after the run S2 moves to 华南: the stored run keeps it in 华东
    await api.send('partners.update', { id: a2, patch: { territory: 'HN' } });

    const r = await api.send('territories.coverage.report', { period: '2025-Q1' });
    expect(r.period).toBe('2025-Q1');
    const row = (code: string) => {
      const x = r.territories.find((t) => t.code === code)!;
      return { scorecards: x.scorecards, revenueMinor: x.revenueMinor, targetMinor: x.targetMinor, attainment: x.attainment, healthScore: x.healthScore };
    };
    const mean = (...codes: string[]) => Math.round((codes.reduce((s, c) => s + health.get(c)!, 0) / codes.length) * 10) / 10;
    expect(row('HD')).toEqual({ scorecards: 2, revenueMinor: 1_100_00, targetMinor: 1_000_00, attainment: 0.8, healthScore: mean('S1', 'S2') });
    expect(row('330000')).toEqual({ scorecards: 1, revenueMinor: 300_00, targetMinor: null, attainment: null, healthScore: mean('S2') });
    expect(row('HN')).toEqual({ scorecards: 1, revenueMinor: 1_500_00, targetMinor: 1_200_00, attainment: 1.25, healthScore: mean('S3') });
    expect(row('440000')).toMatchObject({ scorecards: 1, revenueMinor: 1_500_00 });
    expect(row('XB')).toMatchObject({ scorecards: 1, revenueMinor: 0, targetMinor: null, attainment: null });
    expect(row('HB')).toEqual({ scorecards: 0, revenueMinor: 0, targetMinor: null, attainment: null, healthScore: null });
    // each partner once: the top-level territories add up to every scorecard of the period
    const roots = r.territories.filter((t) => t.parent === null);
    expect([roots.reduce((s, t) => s + t.scorecards, 0), roots.reduce((s, t) => s + t.revenueMinor, 0)]).toEqual([4, 2_600_00]);
    // scoped to 华东 with no period: the latest evaluated one
    const scoped = await api.send('territories.coverage.report', { territory: 'HD' });
    expect([scoped.period, scoped.territories.find((t) => t.code === 'HD')?.revenueMinor]).toEqual(['2025-Q1', 1_100_00]);
  });
});

describe('places the company added are on the map', () => {
  it('lists an added province and a city with no province above it as tiles, with their partners; nothing is unplaced', async () => {
    const sub = await api.send('territories.add', { nameZh: '苏南区', nameEn: 'South Jiangsu', parent: 'HD', kind: 'subTerritory' });
    const city = await api.send('territories.add', { nameZh: '苏州', code: 'SZ', nameEn: 'Suzhou', parent: sub.code, kind: 'city' });
    const province = await api.send('territories.add', { nameZh: '海外', code: 'OVERSEAS', nameEn: 'Overseas', parent: 'HN', kind: 'province' });
    const underProvince = await api.send('territories.add', { nameZh: '温州', code: 'WZ', parent: '330000', kind: 'city' });
    const p1 = await add('SZ1', { territory: city.code });
    await add('OV1', { territory: province.code });
    await add('WZ1', { territory: underProvince.code });
    sale(ws, p1, '2025-02-01', 500_00);
    const map = await api.send('territories.coverage.provinces', { period: '2025-Q1' });
    const tile = (code: string) => map.provinces.find((p) => p.code === code);
    expect(tile('SZ')).toMatchObject({ nameZh: '苏州', region: 'HD', activePartners: 1, revenueMinor: 500_00 });
    expect(tile('OVERSEAS')).toMatchObject({ region: 'HN', activePartners: 1 });
    // a city under a province is counted in its province's tile, not a tile of its own
    expect(tile('WZ')).toBeUndefined();
    expect(tile('330000')?.activePartners).toBe(1);
    expect(map.provinces).toHaveLength(36);
    expect(map.unplaced).toBe(0);
  });
});
