import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryWorkspace, type Workspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { fixedClock } from '../../../shared/clock';
import { partnerInput } from '../../helpers/workspace';
import { rebateProgram, sale } from '../incentives/fixture';

/**
 * Stores stamp created/updated times with the operation's clock, never with SQLite's (README "How it is built" → the
 * event clock): with a fixed clock, every row an operation creates or changes carries the clock's instant.
 */
const AT = '2031-03-04T05:06:07.089Z';

type Stamp = { created: string | null; updated: string | null };

/** created_at / updated_at of every row of every table that has them, by table and rowid. */
function stamps(ws: Workspace): Map<string, Stamp> {
  const tables = ws.sqlite.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all();
  const out = new Map<string, Stamp>();
  for (const { name } of tables) {
    const cols = new Set(ws.sqlite.prepare<[string], { name: string }>('select name from pragma_table_info(?)').all(name).map((c) => c.name));
    if (!cols.has('created_at') && !cols.has('updated_at')) continue;
    const sel = `select rowid as r, ${cols.has('created_at') ? 'created_at' : 'null'} as created, ${cols.has('updated_at') ? 'updated_at' : 'null'} as updated from "${name}"`;
    for (const row of ws.sqlite.prepare<[], Stamp & { r: number }>(sel).all()) out.set(`${name}#${row.r}`, { created: row.created, updated: row.updated });
  }
  return out;
}

/** Rows created or changed since `before` whose stamps are not the clock's instant. */
function offClock(before: Map<string, Stamp>, after: Map<string, Stamp>): string[] {
  const bad: string[] = [];
  for (const [key, s] of after) {
    const was = before.get(key);
    if (!was) {
      if ((s.created !== null && s.created !== AT) || (s.updated !== null && s.updated !== AT)) bad.push(`${key} created ${s.created} updated ${s.updated}`);
    } else if (s.updated !== was.updated && s.updated !== AT) bad.push(`${key} updated ${s.updated}`);
  }
  return bad;
}

describe('stores stamp times with the operation clock', () => {
  it('territories, coverage, channel managers, training, MDF, programs, payout runs and lines, inquiries, schedules, risks and their actions, deal registrations and imported sales lines carry the clock instant', async () => {
    const ws = openMemoryWorkspace();
    const api = createApi({ ws, user: '王经理', clock: fixedClock(AT, 'Asia/Shanghai') });
    const before = stamps(ws);

    // territories and coverage
    await api.send('territories.add', { nameZh: '东部大区', nameEn: 'East', code: 'EAST' });
    await api.send('territories.rename', { code: 'EAST', nameZh: '华东大区' });
    await api.send('territories.setActive', { code: 'EAST', active: false });
    await api.send('territories.coverage.targets.add', { territory: 'HD', channelType: 'dealer', minPartners: 2 });
    // channel managers and reassignment (the partner's updated_at and the history line)
    const p1 = (await api.send('partners.create', partnerInput('P1'))).id;
    const p2 = (await api.send('partners.create', partnerInput('P2'))).id;
    const m = await api.send('channelManagers.create', { name: '王磊' });
    await api.send('channelManagers.update', { id: m.id, patch: { phone: '13800138000' } });
    await api.send('channelManagers.reassign', { partnerIds: [p1, p2], to: m.id, reason: '区域调整' });
    // training: a course, a record, and a validity change that re-derives the record's expiry
    const course = (await api.send('training.courses.save', { code: 'C1', titleZh: '产品认证', titleEn: 'Product', category: 'product', validityMonths: 12, requiredTiers: [], requiredChannelTypes: [], passingScore: null })).course;
    await api.send('training.records.save', { partnerId: p1, courseId: course.id, trainee: '张三', completedOn: '2030-03-01', passed: true });
    await api.send('training.courses.save', { id: course.id, code: 'C1', titleZh: '产品认证', titleEn: 'Product', category: 'product', validityMonths: 24, requiredTiers: [], requiredChannelTypes: [], passingScore: null });
    // MDF: fund, allocation, request approved, fund changed
    const fund = await api.send('mdf.funds.add', { code: 'F', name: '华东展会基金', period: '2031', budgetMinor: 1_000_000, claimDeadline: '2032-06-30' });
    await api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'P1', amountMinor: 500_000 }] });
    const r = await api.send('mdf.requests.add', { fundCode: 'F', partnerCode: 'P1', activityType: 'exhibition', startsOn: '2031-03-01', endsOn: '2031-03-03', amountMinor: 100_000, share: 1 });
    await api.send('mdf.requests.approve', { requestId: r.id });
    await api.send('mdf.funds.update', { fundId: fund.id, name: '华东展会与推广基金' });
    // incentives: a program, a run with its lines, an adjustment, an inquiry answered
    sale(ws, p1, '2031-01-15', 61_234_000);
    const salesBefore = stamps(ws);
    await api.send('incentives.programs.save', { definition: rebateProgram({ validFrom: '2031-01-01', validTo: '2031-12-31' }) });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2031-Q1' });
    await api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'P2', amountMinor: 100, reason: '补差' });
    const q = await api.send('incentives.payouts.inquiries.create', { lineId: run.lines[0].id, question: '为什么？' });
    await api.send('incentives.payouts.inquiries.update', { id: q.id, answer: '按第 1 档' });
    // evaluations: a schedule created and changed
    const s = await api.send('evaluations.schedules.save', { name: 'Tier 1', cycle: 'quarterly', tiers: ['tier1'], channelTypes: [], regions: [], lagDays: 5, enabled: true });
    await api.send('evaluations.schedules.save', { id: s.id, name: 'Tier 1', cycle: 'quarterly', tiers: ['tier1'], channelTypes: [], regions: [], lagDays: 7, enabled: true });

    // risks: one saved, changed, given actions and closed; deals: one registered and decided
    const risk = await api.send('risks.save', { fields: { title: '窜货', category: 'channel_conflict', likelihood: 2, impact: 3, owner: '王磊', partnerId: p1 } });
    await api.send('risks.save', { id: risk.id, fields: { title: '窜货（华南）', category: 'channel_conflict', likelihood: 3, impact: 3, owner: '王磊', partnerId: p1 } });
    await api.send('risks.actions.save', { riskId: risk.id, actions: [{ description: '约谈经销商', owner: '王磊', dueOn: '2031-04-01' }] });
    await api.send('risks.close', { id: risk.id });
    await api.send('deals.register', { partnerId: p1, customerName: '华信科技有限公司', productLine: '网络设备', expectedValueMinor: 100_000_00 });
    const conflict = await api.send('deals.register', { partnerId: p2, customerName: '华信科技有限公司', productLine: '网络设备', expectedValueMinor: 90_000_00 });
    await api.send('deals.decide', { id: conflict.id, decision: 'approve', note: '客户指定' });
    // sales lines an import saves
    const dir = mkdtempSync(join(tmpdir(), 'store-clock-'));
    try {
      const file = join(dir, 'sales.csv');
      writeFileSync(file, 'Partner Code,Date,Sales\r\nP1,2031-02-01,100.00\r\nP2,2031-02-02,50.00\r\n');
      await api.send('imports.run', { kind: 'sales', path: file });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const after = stamps(ws);
    // the test's own sales line was written outside any operation: not the stores' doing
    for (const [key, st] of salesBefore) if (!before.has(key) && key.startsWith('sales_lines#')) before.set(key, st);
    expect(offClock(before, after)).toEqual([]);
    // and the rows asked about were written at all
    const touched = new Set([...after.keys()].filter((k) => !before.has(k) || before.get(k)!.updated !== after.get(k)!.updated).map((k) => k.split('#')[0]));
    for (const table of ['territories', 'coverage_targets', 'channel_managers', 'partners', 'partner_manager_history', 'training_courses', 'training_records', 'mdf_funds', 'mdf_allocations', 'mdf_requests', 'incentive_programs', 'payout_runs', 'payout_lines', 'payout_inquiries', 'evaluation_schedules', 'risks', 'risk_actions', 'deal_registrations', 'sales_lines']) {
      expect(touched, table).toContain(table);
    }
  });
});

describe('a territory merge stamps what it changed', () => {
  it('the territory taking over, the partners, channel managers and sub-territories it takes carry the merge\'s instant', async () => {
    const ws = openMemoryWorkspace();
    const earlier = createApi({ ws, user: '王经理', clock: fixedClock('2030-01-02T03:04:05.000Z', 'Asia/Shanghai') });
    await earlier.send('territories.add', { nameZh: '南部大区', code: 'SOUTH' });
    await earlier.send('territories.add', { nameZh: '南部片区', code: 'SOUTH-1', parent: 'SOUTH' });
    const p = (await earlier.send('partners.create', partnerInput('P9', { territory: 'SOUTH' }))).id;
    const m = await earlier.send('channelManagers.create', { name: '李娜', territory: 'SOUTH' });
    const api = createApi({ ws, user: '王经理', clock: fixedClock(AT, 'Asia/Shanghai') });
    const before = stamps(ws);
    await api.send('territories.merge', { from: 'SOUTH', into: 'HD' });
    const after = stamps(ws);
    expect(offClock(before, after)).toEqual([]);
    const updatedAt = (table: string, where: string, v: string | number) => ws.sqlite.prepare<[string | number], { u: string }>(`select updated_at as u from ${table} where ${where} = ?`).get(v)!.u;
    expect(updatedAt('territories', 'code', 'HD')).toBe(AT);
    expect(updatedAt('territories', 'code', 'SOUTH-1')).toBe(AT);
    expect(updatedAt('partners', 'id', p)).toBe(AT);
    expect(updatedAt('channel_managers', 'id', m.id)).toBe(AT);
  });
});

describe("no SQLite clock in the domain (source check)", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  it("no domain file or store asks SQLite for the time ('now', CURRENT_TIMESTAMP)", () => {
    const found = files('electron/domain').flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ f, i: i + 1, line }))
        .filter(({ line }) => /[(,]\s*'now'\s*[,)]|\bCURRENT_(TIMESTAMP|DATE|TIME)\b/i.test(line) && !/^\s*(\/\/|\*)/.test(line)),
    );
    expect(found.map((x) => `${x.f}:${x.i}: ${x.line.trim()}`)).toEqual([]);
  });
});
