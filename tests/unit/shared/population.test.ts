import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { PopulationCounter, parsePopulation } from '../../../shared/population';
import { pwb } from '../../helpers/cli';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { rebateProgram, sale } from '../incentives/fixture';

/** Whom each partner-selecting calculation considered, included and left out by reason (issue 12, "Nothing silently empty"). */

describe('PopulationCounter', () => {
  it('groups by reason and parameters, largest first, and sums per reason', () => {
    const c = new PopulationCounter();
    c.consider(7);
    c.include(2);
    c.exclude('status', { value: 'prospect', expected: ['active'] });
    c.exclude('currency', { value: 'CNY', expected: 'USD' }, 3);
    c.exclude('status', { value: 'suspended', expected: ['active'] });
    const p = c.result();
    expect(p).toEqual({
      considered: 7,
      included: 2,
      excluded: { currency: 3, status: 2 },
      reasons: [
        { reason: 'currency', params: { value: 'CNY', expected: 'USD' }, count: 3 },
        { reason: 'status', params: { value: 'prospect', expected: ['active'] }, count: 1 },
        { reason: 'status', params: { value: 'suspended', expected: ['active'] }, count: 1 },
      ],
    });
    // A run stored before `reasons` existed kept the grouped list under `excluded`.
    expect(parsePopulation(JSON.stringify({ considered: 7, included: 2, excluded: p.reasons }))).toEqual(p);
  });
});

async function network() {
  const { ws, api } = memoryApi();
  const id = async (code: string, extra: Record<string, unknown> = {}) => (await api.send('partners.create', partnerInput(code, { joinedOn: '2024-01-01', ...extra }) as never)).id as number;
  const ids = {
    P1: await id('P1'),
    P2: await id('P2'),
    CNY1: await id('C1', { currency: 'CNY' }),
    USD1: await id('U1', { currency: 'USD' }),
    PROS: await id('PR', { status: 'prospect' }),
    LATE: await id('LT', { joinedOn: '2026-01-01' }),
    RET: await id('RT', { channelType: 'retail' }),
  };
  sale(ws, ids.P1, '2025-02-10', 700_000_00);
  sale(ws, ids.USD1, '2025-02-10', 10_000_00, { currency: 'USD' });
  return { ws, api, ids };
}

describe('population of every partner-selecting operation', () => {
  it('evaluations.run: prospects, later joiners and filters are counted by reason; the stored run keeps it', async () => {
    const { api } = await network();
    const r = await api.send('evaluations.run', { period: '2025-Q1', channelTypes: ['dealer'] });
    expect(r.population).toEqual({
      considered: 7,
      included: 4,
      excluded: { status: 1, channelType: 1, joinedLater: 1 },
      reasons: [
        { reason: 'status', params: { value: 'prospect' }, count: 1 },
        { reason: 'channelType', params: { value: 'retail', expected: ['dealer'] }, count: 1 },
        { reason: 'joinedLater', params: { expected: '2025-03-31' }, count: 1 },
      ],
    });
    expect(r.partnerCount).toBe(r.population.included);
    const [run] = await api.send('evaluations.runs', { period: '2025-Q1' });
    expect(run.population).toEqual(r.population);
  });

  it('incentives.payouts.calculate: a USD program names the CNY partners it left out; the run and incentives.payouts.get keep it', async () => {
    const { api } = await network();
    await api.send('incentives.programs.save', { definition: rebateProgram({ code: 'USD-Q', currency: 'USD', tiers: [{ from: 0, rate: 0.01 }] }) });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'USD-Q', period: '2025-Q1' });
    expect(run.population).toEqual({
      considered: 7,
      included: 1,
      excluded: { currency: 6 },
      reasons: [{ reason: 'currency', params: { value: 'CNY', expected: 'USD' }, count: 6 }],
    });
    expect(run.lines.map((l) => l.partnerCode)).toEqual(['U1']);
    expect((await api.send('incentives.payouts.get', { runId: run.id })).population).toEqual(run.population);
  });

  it('incentives.payouts.calculate: status, channel type, and a SPIFF with no sales of its products are reasons, never an empty run without one', async () => {
    const { api } = await network();
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const totals = Object.fromEntries(run.population!.reasons.map((e) => [`${e.reason}:${String(e.params.value)}`, e.count]));
    expect(totals).toEqual({ 'currency:USD': 1, 'channelType:retail': 1, 'status:prospect': 1 });
    // LT joined later but programs do not look at joining dates: it is eligible and has a (zero) line
    expect(run.population!.included).toBe(4);
    expect(run.population!.considered).toBe(run.population!.included + Object.values(run.population!.excluded).reduce((s, n) => s + n, 0));

    await api.send('incentives.programs.save', {
      definition: { code: 'SPF', name: '新品激励', type: 'spiff', periodKind: 'quarter', currency: 'CNY', validFrom: '2025-01-01', validTo: '2025-12-31', products: ['X-1'], categories: [], percent: 0.05, eligibility: {} },
    });
    const spiff = await api.send('incentives.payouts.calculate', { programCode: 'SPF', period: '2025-Q1' });
    expect(spiff.lines).toEqual([]);
    expect(spiff.population!.included).toBe(0);
    expect(spiff.population!.reasons.find((e) => e.reason === 'noSales')).toEqual({ reason: 'noSales', params: { value: '2025-Q1' }, count: 5 });
  });

  it('incentives.payouts.whatIf: the variant reports its own population (a variant in USD leaves the CNY partners out)', async () => {
    const { api } = await network();
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const w = await api.send('incentives.payouts.whatIf', { runId: run.id, variant: rebateProgram({ currency: 'USD', eligibility: {} }) });
    expect(w.population.included).toBe(1);
    expect(w.population.reasons[0]).toEqual({ reason: 'currency', params: { value: 'CNY', expected: 'USD' }, count: 6 });
  });

  it('training.compliance: partners with nothing required are counted, not silently ratio-less', async () => {
    const { api } = await network();
    await api.send('training.courses.save', {
      code: 'CMP-201', titleZh: '合规', titleEn: 'Compliance', category: 'compliance', validityMonths: 12, requiredTiers: ['tier1'], requiredChannelTypes: [], passingScore: 80,
    });
    await api.send('partners.create', partnerInput('T1', { tier: 'tier1' }) as never);
    const r = await api.send('training.compliance', { asOf: '2025-06-30' });
    expect(r.population).toEqual({ considered: 8, included: 1, excluded: { noRequirement: 7 }, reasons: [{ reason: 'noRequirement', params: {}, count: 7 }] });
  });

  it('schedules: the due run and the schedule list carry the population of the evaluated period', async () => {
    const { api, ws, ids } = await network();
    sale(ws, ids.P2, '2025-03-20', 1_000_00); // the period's sales reach its last month: it is due, not waiting
    await api.send('evaluations.schedules.save', { name: 'Tier 1', cycle: 'quarterly', tiers: ['tier1'], channelTypes: [], regions: [], lagDays: 5, enabled: true });
    const due = await api.send('evaluations.schedules.runDue', { asOf: new Date('2025-04-10T10:00:00').toISOString() });
    expect(due.runs).toHaveLength(1);
    expect(due.runs[0]).toMatchObject({ period: '2025-Q1', outcome: 'succeeded', partnerCount: 0 });
    expect(due.runs[0].population!.included).toBe(0);
    expect(due.runs[0].population!.reasons[0]).toEqual({ reason: 'tier', params: { value: 'tier2', expected: ['tier1'] }, count: 5 });
    const [s] = await api.send('evaluations.schedules.list', {});
    expect(s.lastPopulation).toEqual(due.runs[0].population);
  });
});

describe('pwb --json carries the population', () => {
  const tmp = tempDir('pwb-population-');
  it('evaluate, payouts calc and training compliance', async () => {
    const db = join(tmp.dir, 'ws.sqlite');
    const ws = openWorkspace(db);
    const api = createApi({ ws, user: 'tester' });
    await api.send('partners.create', partnerInput('P1', { joinedOn: '2024-01-01' }) as never);
    await api.send('partners.create', partnerInput('P2', { joinedOn: '2024-01-01', status: 'prospect' }) as never);
    await api.send('incentives.programs.save', { definition: rebateProgram({ code: 'USD-Q', currency: 'USD' }) });
    ws.close();
    try {
      const ev = pwb(['evaluate', '--db', db, '--period', '2025-Q1', '--json']);
      expect(ev.code).toBe(0);
      expect(ev.json<{ population: unknown }>().population).toEqual({ considered: 2, included: 1, excluded: { status: 1 }, reasons: [{ reason: 'status', params: { value: 'prospect' }, count: 1 }] });
      const calc = pwb(['payouts', 'calc', '--db', db, '--program', 'USD-Q', '--period', '2025-Q1']);
      expect(calc.code).toBe(0);
      expect(calc.stdout).toContain('considered 2 partners, included 0; left out: 2 paid in CNY (the program pays USD)');
      // The same line in the reader's language (pwb prints for a person in --lang, PWB_LANG, the workspace's or the locale's).
      const zh = pwb(['payouts', 'show', String(calc.stdout.match(/run (\d+)/)![1]), '--db', db, '--lang', 'zh']);
      expect(zh.stdout).toContain('共考虑 2 个合作伙伴，纳入 0 个；未纳入：2 个币种为 CNY（本方案以 USD 结算）');
      const comp = pwb(['training', 'compliance', '--db', db, '--json']);
      expect(comp.json<{ population: { considered: number } }>().population.considered).toBe(2);
    } finally {
      tmp.cleanup();
    }
  });
});
