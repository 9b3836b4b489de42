import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Workspace } from '../../../db/database';
import { openWorkspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import type { PlanDetail, PlanNode } from '../../../electron/contract/plans';
import { pwb } from '../../helpers/cli';
import { createApi } from '../../../electron/api/api';
import { fixedClock } from '../../../shared/clock';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { partner, sale } from '../evaluations/fixtures';

let ws: Workspace;
let api: Api;
const id: Record<string, number> = {};

/** 华东 (HD) with partners in 上海 (310000) and 浙江 (330000); a 华南 partner and a terminated one outside the plan. */
async function seed(a: Api, w: Workspace) {
  const m1 = (await a.send('channelManagers.create', { name: '张伟' })).id;
  const m2 = (await a.send('channelManagers.create', { name: '李娜' })).id;
  id.A = await partner(a, 'A', { territory: '310000', channelManagerId: m1, tier: 'tier1' });
  id.B = await partner(a, 'B', { territory: '310000', channelManagerId: m1 });
  id.C = await partner(a, 'C', { territory: '330000', channelManagerId: m2 });
  id.E = await partner(a, 'E', { territory: '330000', channelManagerId: m2 });
  id.D = await partner(a, 'D', { territory: '440000', channelManagerId: m2 });
  id.F = await partner(a, 'F', { territory: '310000', channelManagerId: m1, status: 'terminated' });
  sale(w, id.A, '2024-01-15', 10_000_000);
  sale(w, id.A, '2024-07-15', 20_000_000);
  sale(w, id.B, '2024-03-15', 10_000_000);
  sale(w, id.C, '2024-10-15', 10_000_000);
  sale(w, id.D, '2024-05-15', 50_000_000);
  sale(w, id.F, '2024-05-15', 50_000_000);
}

beforeEach(async () => {
  ({ ws, api } = memoryApi());
  await seed(api, ws);
});

const create = (extra: Record<string, unknown> = {}) =>
  api.send('plans.create', {
    code: 'HD-2025',
    period: '2025',
    scope: { kind: 'territory', value: '华东' },
    totalMinor: 100_000_000,
    rules: { method: 'last-year-share', newPartnerMinimumMinor: 5_000_000 },
    ...extra,
  } as never);

const node = (p: PlanDetail, key: string) => p.nodes.find((n) => n.key === key)!;
const target = (pid: number, period: string, metric = 'revenue') =>
  (ws.sqlite.prepare('select value from targets where partner_id = ? and period = ? and metric = ?').get(pid, period, metric) as { value: number }).value;

function expectExactEverywhere(p: PlanDetail) {
  const kids = new Map<string, PlanNode[]>();
  for (const n of p.nodes) if (n.parent) kids.set(n.parent, [...(kids.get(n.parent) ?? []), n]);
  for (const n of p.nodes) {
    const c = kids.get(n.key);
    if (c) {
      expect(c.reduce((a, x) => a + x.amountMinor, 0), n.key).toBe(n.amountMinor);
      for (const q of p.quarters) expect(c.reduce((a, x) => a + x.quarters[q], 0), `${n.key} ${q}`).toBe(n.quarters[q]);
      for (const m of p.months) expect(c.reduce((a, x) => a + x.months[m], 0), `${n.key} ${m}`).toBe(n.months[m]);
    }
    expect(p.quarters.reduce((a, q) => a + n.quarters[q], 0), `${n.key} quarters`).toBe(n.amountMinor);
    p.quarters.forEach((q, i) => expect(p.months.slice(i * 3, i * 3 + 3).reduce((a, m) => a + n.months[m], 0), `${n.key} months of ${q}`).toBe(n.quarters[q]));
  }
}

describe('target plans', () => {
  it('takes the period as people type it and refuses a year outside 1900–2199 as invalid input, not an internal error', async () => {
    expect((await create({ code: 'HD-Q2', period: '2025年第2季度' })).period).toBe('2025-Q2');
    expect((await create({ code: 'HD-Q3', period: '2025q3' })).period).toBe('2025-Q3');
    for (const period of ['0405', '2025-03', '2025-Q5'])
      await expect(create({ code: `BAD-${period}`, period })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });

  it('allocates a territory plan by last year’s share down territories, channel managers and partners, exactly', async () => {
    const p = await create();
    expect(p.nodes.filter((n) => n.kind === 'partner').map((n) => n.code)).toEqual(['A', 'B', 'C', 'E']);
    expect(p.nodes.filter((n) => n.kind === 'territory').map((n) => n.key)).toEqual(['t:310000', 't:330000']);
    // E has no 2024 sales: the minimum; the other 95,000,000 by 300:100:100.
    expect(p.allocations.map((a) => [a.partnerCode, a.amountMinor])).toEqual([['A', 57_000_000], ['B', 19_000_000], ['C', 19_000_000], ['E', 5_000_000]]);
    expect(node(p, 't:310000').amountMinor).toBe(76_000_000);
    expect(node(p, 'p:E').noHistory).toBe(true);
    // Scope seasonality 2024: Q1 20M, Q2 0, Q3 20M, Q4 10M of 50M.
    expect(node(p, 'p:A').quarters).toEqual({ '2025-Q1': 22_800_000, '2025-Q2': 0, '2025-Q3': 22_800_000, '2025-Q4': 11_400_000 });
    expect(node(p, 'p:A').months['2025-01']).toBe(11_400_000);
    expect(node(p, 'p:A').months['2025-02']).toBe(0);
    expectExactEverywhere(p);
    // The list counts a never-published plan's partners in its live draft (it said 0 for every draft).
    expect((await api.send('plans.list', {})).map((s) => [s.code, s.status, s.partners])).toEqual([['HD-2025', 'draft', 4]]);
  });

  it('keeps a locked partner and re-spreads the rest; refuses a lock that does not fit and stores nothing', async () => {
    await create();
    const p = await api.send('plans.lock', { code: 'HD-2025', node: 'p:B', amountMinor: 30_000_000 });
    expect(node(p, 'p:B')).toMatchObject({ amountMinor: 30_000_000, locked: true });
    // 100M − 30M (B) − 5M (E) = 65M by A:C = 3:1.
    expect(node(p, 'p:A').amountMinor).toBe(48_750_000);
    expect(node(p, 'p:C').amountMinor).toBe(16_250_000);
    expectExactEverywhere(p);
    await expect(api.send('plans.lock', { code: 'HD-2025', node: 'p:C', amountMinor: 90_000_000 })).rejects.toMatchObject({ body: { code: 'DOMAIN' } });
    expect(node(await api.send('plans.show', { code: 'HD-2025' }), 'p:C').locked).toBe(false);
  });

  it('growth-weighted by tier, equal, and the default total from last year × (1 + uplift)', async () => {
    const g = await create({ code: 'G', rules: { method: 'growth-weighted', uplift: { by: 'tier', rates: { tier1: 0.5 } }, newPartnerMinimumMinor: 0 } });
    // A (tier1) 30M × 1.5 = 45, B 10, C 10 → 100M × 45/65, 10/65, 10/65.
    expect(g.allocations.map((a) => a.amountMinor)).toEqual([69_230_770, 15_384_615, 15_384_615, 0]);
    const e = await create({ code: 'EQ', rules: { method: 'equal', timeSplit: 'equal' } });
    expect(e.allocations.map((a) => a.amountMinor)).toEqual([25_000_000, 25_000_000, 25_000_000, 25_000_000]);
    expect(node(e, 'p:A').quarters['2025-Q2']).toBe(6_250_000);
    const d = await create({ code: 'UP', totalMinor: undefined, rules: { method: 'last-year-share', uplift: { default: 0.1 } } });
    expect(d.totalMinor).toBe(55_000_000);
    expectExactEverywhere(d);
  });

  it('publishes versioned targets the scorecards use; a revision keeps the months a stored run used and re-spreads the rest', async () => {
    await create();
    sale(ws, id.A, '2025-02-15', 3_000_000);
    const v1 = await api.send('plans.publish', { code: 'HD-2025' });
    // 4 partners × (year + 2 halves + 4 quarters + 12 months) × (目标, 冲刺, 挑战).
    expect(v1).toMatchObject({ version: 1, targetsWritten: 4 * (1 + 2 + 4 + 12) * 3, targetsKept: 0 });
    expect(target(id.A, '2025')).toBe(57_000_000);
    expect(target(id.A, '2025-H1')).toBe(22_800_000);
    expect(target(id.A, '2025-Q1')).toBe(22_800_000);
    expect(target(id.A, '2025-Q1', 'revenue.stretch')).toBe(25_080_000);
    expect(target(id.A, '2025-Q1', 'revenue.challenge')).toBe(27_360_000);
    const run = await api.send('evaluations.run', { period: '2025-Q1' });
    const cardOf = async () => (await api.send('evaluations.scorecards.list', { period: '2025-Q1' })).rows.find((c) => c.partnerCode === 'A')!;
    const before = await cardOf();
    expect(before.targetMinor).toBe(22_800_000);
    expect(before.attainment).toBeCloseTo(3_000_000 / 22_800_000, 5);

    await api.send('plans.update', { code: 'HD-2025', totalMinor: 200_000_000 });
    const draft = await api.send('plans.show', { code: 'HD-2025' });
    expect(draft.status).toBe('changed');
    expect(draft.standingRuns).toEqual([{ version: 1, runKind: 'evaluation', runId: run.runId, period: '2025-Q1', metric: 'revenue' }]);
    // A: 195M (200M − E's 5M minimum) × 3/5 = 117M; Q1 stays 22.8M as the run used it; 94.2M over Q2–Q4 by last year's
    // shape (Q2 0, Q3 20M, Q4 10M).
    expect(node(draft, 'p:A')).toMatchObject({ amountMinor: 117_000_000, frozenMonths: ['2025-01', '2025-02', '2025-03'] });
    expect(node(draft, 'p:A').quarters).toEqual({ '2025-Q1': 22_800_000, '2025-Q2': 0, '2025-Q3': 62_800_000, '2025-Q4': 31_400_000 });
    expect(node(draft, 'p:A').months['2025-01']).toBe(11_400_000);
    expectExactEverywhere(draft);
    const v2 = await api.send('plans.publish', { code: 'HD-2025' });
    expect(v2).toMatchObject({ version: 2, targetsKept: 4 * (1 + 3) * 3 });
    expect(target(id.A, '2025')).toBe(117_000_000);
    expect(target(id.A, '2025-Q3')).toBe(62_800_000);
    // Q1 and its months are not rewritten: the rows still name version 1, the one the run read.
    expect(target(id.A, '2025-Q1')).toBe(22_800_000);
    const versionOf = (period: string) => (ws.sqlite.prepare("select v.version from targets t join target_plan_versions v on v.id = t.plan_version_id where t.partner_id = ? and t.period = ? and t.metric = 'revenue'").get(id.A, period) as { version: number }).version;
    expect(versionOf('2025-Q1')).toBe(1);
    expect(versionOf('2025-02')).toBe(1);
    expect(versionOf('2025-Q3')).toBe(2);
    expect((await cardOf()).targetMinor).toBe(22_800_000);
    const shown1 = await api.send('plans.show', { code: 'HD-2025', version: 1 });
    expect(node(shown1, 'p:A').quarters['2025-Q1']).toBe(22_800_000);
    expect(shown1.versions[0].usedBy.evaluationRuns).toEqual([run.runId]);
    expect(shown1.versions[1].usedBy.evaluationRuns).toEqual([]);
    expect(() => ws.sqlite.prepare('update target_plan_versions set total_minor = 1 where version = 1').run()).toThrow(/FROZEN/);
    expect(() => ws.sqlite.prepare('delete from target_plan_versions').run()).toThrow(/FROZEN/);
    // A new run of Q1 reads the same (version 1) target; a Q3 run reads version 2's.
    const again = await api.send('evaluations.run', { period: '2025-Q1' });
    expect((await cardOf()).targetMinor).toBe(22_800_000);
    const q3 = await api.send('evaluations.run', { period: '2025-Q3' });
    const shown = await api.send('plans.show', { code: 'HD-2025' });
    expect(shown.versions[0].usedBy.evaluationRuns).toEqual([run.runId, again.runId]);
    expect(shown.versions[1].usedBy.evaluationRuns).toEqual([q3.runId]);
    // A lock below what the runs used is refused with the reason; the year run would hold every month.
    await expect(api.send('plans.lock', { code: 'HD-2025', node: 'p:A', amountMinor: 20_000_000 })).rejects.toMatchObject({ body: { code: 'DOMAIN', data: { reason: 'planLockBelowUsed' } } });
  });

  it('a partner whose share falls below the months runs used is held at their sum and the rest re-spread; a year run holds every month', async () => {
    await create();
    await api.send('plans.publish', { code: 'HD-2025' });
    await api.send('evaluations.run', { period: '2025-H1' });
    // H1 of v1: A 22.8M, B 7.6M, C 7.6M, E 2M (Q2 had no sales last year). A total of 20M cannot go under those 40M.
    await expect(api.send('plans.update', { code: 'HD-2025', totalMinor: 20_000_000 })).rejects.toMatchObject({ body: { code: 'DOMAIN', data: { reason: 'planRevisionDoesNotFit' } } });
    // Equal split of 60M: 15M each, but A's H1 was 22.8M: A is held at 22.8M and the other three share 37.2M equally.
    await api.send('plans.update', { code: 'HD-2025', totalMinor: 60_000_000, rules: { method: 'equal' } });
    const p = await api.send('plans.show', { code: 'HD-2025' });
    expect(p.allocations.map((x) => [x.partnerCode, x.amountMinor])).toEqual([['A', 22_800_000], ['B', 12_400_000], ['C', 12_400_000], ['E', 12_400_000]]);
    // B keeps its H1 (7.6M) and its other 4.8M goes to H2 by last year's shape (Q3 20M : Q4 10M).
    expect(node(p, 'p:B').quarters).toEqual({ '2025-Q1': 7_600_000, '2025-Q2': 0, '2025-Q3': 3_200_000, '2025-Q4': 1_600_000 });
    expect(node(p, 'p:A').quarters['2025-Q3']).toBe(0);
    expectExactEverywhere(p);
    await api.send('plans.publish', { code: 'HD-2025' });
    await api.send('evaluations.run', { period: '2025' });
    // Every month of every partner is used: the plan can only be the sum it was.
    await expect(api.send('plans.update', { code: 'HD-2025', totalMinor: 90_000_000 })).rejects.toMatchObject({ body: { data: { reason: 'planRevisionDoesNotFit', params: { usedMinor: 60_000_000, runs: 2 } } } });
    const y = await api.send('plans.show', { code: 'HD-2025' });
    expect(y.status).toBe('published');
    expect(y.nodes.filter((n) => n.kind === 'partner').every((n) => n.frozenMonths?.length === 12)).toBe(true);
  });

  it('an approved payout run of a target bonus on 冲刺 holds the months it used; a draft or void one does not', async () => {
    await create();
    sale(ws, id.A, '2025-02-15', 30_000_000);
    await api.send('plans.publish', { code: 'HD-2025' });
    await api.send('incentives.programs.save', { definition: { code: 'TBS', name: 'Stretch bonus', type: 'target_bonus', periodKind: 'month', validFrom: '2025-01-01', targetMetric: 'revenue.stretch', bonusAmount: 1000, threshold: 1, accelerator: 0 } });
    const draftRun = await api.send('incentives.payouts.calculate', { programCode: 'TBS', period: '2025-02' });
    // A's February 冲刺: its target 0 (no sales last February) — the months of Q1 split 11.4M / 0 / 11.4M: no target → no bonus.
    expect(draftRun.lines.find((l) => l.partnerId === id.A)!.amountMinor).toBe(0);
    const janRun = await api.send('incentives.payouts.calculate', { programCode: 'TBS', period: '2025-01' });
    await api.send('plans.update', { code: 'HD-2025', totalMinor: 150_000_000 });
    // Calculated only (draft): nothing is held.
    expect((await api.send('plans.show', { code: 'HD-2025' })).standingRuns).toEqual([]);
    await api.send('incentives.payouts.approve', { runId: janRun.id });
    const p = await api.send('plans.show', { code: 'HD-2025' });
    expect(p.standingRuns).toEqual([{ version: 1, runKind: 'payout', runId: janRun.id, period: '2025-01', metric: 'revenue.stretch' }]);
    expect(node(p, 'p:A').frozenMonths).toEqual(['2025-01']);
    expect(node(p, 'p:A').months['2025-01']).toBe(11_400_000);
    expectExactEverywhere(p);
    await api.send('plans.publish', { code: 'HD-2025' });
    expect(target(id.A, '2025-01', 'revenue.stretch')).toBe(12_540_000);
    // Voided, the run no longer stands: January is open to the next revision again.
    await api.send('incentives.payouts.void', { runId: janRun.id, reason: 'recalculate on the revised plan' });
    expect((await api.send('plans.show', { code: 'HD-2025' })).standingRuns).toEqual([]);
  });

  it('shows attainment to date with the linear and last-year-shape forecasts per node', async () => {
    await create();
    sale(ws, id.A, '2025-02-15', 3_000_000);
    sale(ws, id.B, '2025-03-01', 1_000_000);
    const p = await api.send('plans.show', { code: 'HD-2025', asOf: '2025-03-31' });
    expect(p.elapsedDays).toBe(90);
    const a = p.attainment.find((x) => x.key === 'p:A')!;
    expect(a.actualToDateMinor).toBe(3_000_000);
    expect(a.linearMinor).toBe(12_166_667); // 3,000,000 × 365 / 90
    expect(a.lastYearShapeMinor).toBe(9_000_000); // 3M × 30M (2024) / 10M (2024 to 31 March)
    expect(a.gapLinearMinor).toBe(57_000_000 - 12_166_667);
    expect(a.stretchMinor).toBe(62_700_000);
    expect(a.challengeMinor).toBe(68_400_000);
    const t = p.attainment.find((x) => x.key === 't:310000')!;
    // The territory's own sums: 4M so far; 2024: 20M to 31 March of 40M.
    expect(t.actualToDateMinor).toBe(4_000_000);
    expect(t.lastYearShapeMinor).toBe(8_000_000);
    expect(t.linearMinor).toBe(16_222_222);
    expect(p.attainment.find((x) => x.key === 'plan')!.attainmentToDate).toBeCloseTo(4_000_000 / 100_000_000, 12);
  });

  it("create, update and publish take the operation context: its user, its clock's instant, today from its clock", async () => {
    // 01:30 on 1 July in Beijing is 30 June in UTC.
    const at = '2025-06-30T17:30:00.000Z';
    const fixed = createApi({ ws, user: '王经理', clock: fixedClock(at, 'Asia/Shanghai') });
    await fixed.send('plans.create', { code: 'CLK', period: '2025', scope: { kind: 'territory', value: '华东' }, totalMinor: 100_000_000, rules: { method: 'equal' } } as never);
    const stored = () => ws.sqlite.prepare(`select created_by as createdBy, created_at as createdAt, updated_at as updatedAt from target_plans where code = 'CLK'`).get();
    expect(stored()).toEqual({ createdBy: '王经理', createdAt: at, updatedAt: at });
    await fixed.send('plans.update', { code: 'CLK', totalMinor: 120_000_000 });
    expect(stored()).toMatchObject({ updatedAt: at });
    await fixed.send('plans.publish', { code: 'CLK' });
    const shown = await fixed.send('plans.show', { code: 'CLK' });
    expect(shown.versions).toEqual([expect.objectContaining({ version: 1, publishedAt: at, publishedBy: '王经理' })]);
    expect(shown.asOf).toBe('2025-07-01');
    const trail = ws.sqlite.prepare(`select at from audit_log where operation like 'plans.%'`).all() as Array<{ at: string }>;
    expect(trail.map((r) => r.at)).toEqual([at, at, at]);
  });

  it('pwb plans create|publish|list|show on the command line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'ws.sqlite');
      const w = openWorkspace(db);
      const { createApi } = await import('../../../electron/api/api');
      await seed(createApi({ ws: w, user: 'seed' }), w);
      w.close();
      const c = pwb(['plans', 'create', '--db', db, '--code', 'C', '--metric', 'revenue', '--period', '2025', '--total', '1000000', '--method', 'last-year-share', '--scope', 'territory=华东', '--minimum', '50000', '--json']);
      expect(c.stderr).toBe('');
      const out = c.json<{ code: string; total: string; allocations: Array<{ partnerCode: string; amountMinor: number; quarters: Record<string, number> }> }>();
      expect(out.code).toBe('C');
      expect(out.total).toBe('1000000.00');
      expect(out.allocations.map((a) => [a.partnerCode, a.amountMinor])).toEqual([['A', 57_000_000], ['B', 19_000_000], ['C', 19_000_000], ['E', 5_000_000]]);
      expect(Object.keys(out.allocations[0].quarters)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      expect(pwb(['plans', 'publish', 'C', '--db', db, '--json']).json()).toMatchObject({ code: 'C', version: 1 });
      expect(pwb(['plans', 'list', '--db', db, '--json']).json()).toMatchObject([{ code: 'C', status: 'published', publishedVersion: 1 }]);
    } finally {
      cleanup();
    }
  });
});
