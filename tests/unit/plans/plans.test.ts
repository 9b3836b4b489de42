import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Workspace } from '../../../db/database';
import { openWorkspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import type { PlanDetail, PlanNode } from '../../../electron/contract/plans';
import { pwb } from '../../helpers/cli';
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

  it('publishes versioned targets the scorecards use; a revision never rewrites the version a stored run used', async () => {
    await create();
    sale(ws, id.A, '2025-02-15', 3_000_000);
    const v1 = await api.send('plans.publish', { code: 'HD-2025' });
    expect(v1).toMatchObject({ version: 1, targetsWritten: 4 * (1 + 2 + 4 + 12) });
    const target = (pid: number, period: string) => (ws.sqlite.prepare("select value from targets where partner_id = ? and period = ? and metric = 'revenue'").get(pid, period) as { value: number }).value;
    expect(target(id.A, '2025')).toBe(57_000_000);
    expect(target(id.A, '2025-H1')).toBe(22_800_000);
    expect(target(id.A, '2025-Q1')).toBe(22_800_000);
    const run = await api.send('evaluations.run', { period: '2025-Q1' });
    const cardOf = async () => (await api.send('scorecards.list', { period: '2025-Q1' })).rows.find((c) => c.partnerCode === 'A')!;
    const before = await cardOf();
    expect(before.targetMinor).toBe(22_800_000);
    expect(before.attainment).toBeCloseTo(3_000_000 / 22_800_000, 5);

    await api.send('plans.update', { code: 'HD-2025', totalMinor: 200_000_000 });
    expect((await api.send('plans.show', { code: 'HD-2025' })).status).toBe('changed');
    const v2 = await api.send('plans.publish', { code: 'HD-2025' });
    expect(v2.version).toBe(2);
    expect(target(id.A, '2025-Q1')).toBe(46_800_000);
    // The stored run keeps the target it was calculated with; version 1 is still there, unchanged, and names the run.
    expect((await cardOf()).targetMinor).toBe(22_800_000);
    const shown1 = await api.send('plans.show', { code: 'HD-2025', version: 1 });
    expect(node(shown1, 'p:A').quarters['2025-Q1']).toBe(22_800_000);
    expect(shown1.versions[0].usedBy.evaluationRuns).toEqual([run.runId]);
    expect(shown1.versions[1].usedBy.evaluationRuns).toEqual([]);
    expect(() => ws.sqlite.prepare('update target_plan_versions set total_minor = 1 where version = 1').run()).toThrow(/FROZEN/);
    expect(() => ws.sqlite.prepare('delete from target_plan_versions').run()).toThrow(/FROZEN/);
    // A new run of the period uses version 2.
    await api.send('evaluations.run', { period: '2025-Q1' });
    expect((await cardOf()).targetMinor).toBe(46_800_000);
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
