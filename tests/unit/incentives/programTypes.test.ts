import { describe, expect, it } from 'vitest';
import { growthFor } from '../../../electron/domain/incentives/growthBonus';
import { parseProgramFile, tiersToMinor } from '../../../electron/model/programs';
import { competitionRanks } from '../../../electron/domain/incentives/rankingAward';
import { targetBonusFor } from '../../../electron/domain/incentives/targetBonus';
import { rebateFor } from '../../../electron/domain/incentives/tieredRebate';
import { rebateProgram, sale, setup, target } from './fixture';

const tiers = tiersToMinor(
  [
    { from: 0, rate: 0 },
    { from: 500000, rate: 0.02 },
    { from: 600000, rate: 0.03 },
  ],
  'CNY',
);

describe('tiered rebate', () => {
  it('reaches a tier exactly at its threshold, not one fen below', () => {
    expect(rebateFor(50_000_000, tiers, 'retroactive')).toMatchObject({ idx: 1, amountMinor: 1_000_000 });
    expect(rebateFor(49_999_999, tiers, 'retroactive')).toMatchObject({ idx: 0, amountMinor: 0 });
    expect(rebateFor(60_000_000, tiers, 'retroactive')).toMatchObject({ idx: 2, amountMinor: 1_800_000 });
  });
  it('retroactive pays the whole basis at the reached rate; marginal pays each slice at its own rate', () => {
    // ¥612,340.00: retroactive 3 % = ¥18,370.20; marginal 0 + 100,000.00 × 2 % + 12,340.00 × 3 % = 2,000 + 370.20
    expect(rebateFor(61_234_000, tiers, 'retroactive').amountMinor).toBe(1_837_020);
    expect(rebateFor(61_234_000, tiers, 'marginal').amountMinor).toBe(237_020);
  });
  it('rounds once, half away from zero, over the sum of marginal slices', () => {
    const t = tiersToMinor([{ from: 0, rate: 0.005 }, { from: 1.5, rate: 0.005 }], 'CNY');
    // 150 × 0.5 % = 0.75 and 150 × 0.5 % = 0.75: rounded separately 1 + 1 = 2, rounded once 1.5 → 2; 101 × 0.5 % = 0.505 → 1
    expect(rebateFor(300, t, 'marginal').amountMinor).toBe(2);
    expect(rebateFor(250, t, 'marginal').amountMinor).toBe(1); // 1.25 → 1
    expect(rebateFor(101, t, 'retroactive').amountMinor).toBe(1);
  });
  it('pays nothing for a zero or negative basis', () => {
    expect(rebateFor(0, tiers, 'retroactive').amountMinor).toBe(0);
    expect(rebateFor(-5_000_000, tiers, 'marginal').amountMinor).toBe(0);
  });
});

describe('target bonus', () => {
  const opts = { threshold: 0.8, accelerator: 2 };
  it('pays nothing below the threshold and pro rata exactly at it', () => {
    expect(targetBonusFor(799_999, 1_000_000, 1_000_000, opts)).toBeNull();
    expect(targetBonusFor(800_000, 1_000_000, 1_000_000, opts)?.amountMinor).toBe(800_000);
  });
  it('accelerates above 100 % and limits the counted attainment', () => {
    expect(targetBonusFor(1_100_000, 1_000_000, 1_000_000, opts)?.amountMinor).toBe(1_200_000); // 1 + 0.1 × 2
    expect(targetBonusFor(2_000_000, 1_000_000, 1_000_000, { ...opts, maxAttainment: 1.5 })?.amountMinor).toBe(2_000_000); // 1 + 0.5 × 2
  });
  it('applies the cap and explains it', async () => {
    const { ws, api, ids } = await setup([['T1'], ['T2']]);
    target(ws, ids.T1, '2025-Q1', 1_000_000);
    sale(ws, ids.T1, '2025-02-01', 1_500_000);
    sale(ws, ids.T2, '2025-02-01', 1_500_000); // no target
    await api.send('incentives.programs.save', { definition: { code: 'TB', name: 'Bonus', type: 'target_bonus', periodKind: 'quarter', validFrom: '2025-01-01', bonusAmount: 10000, threshold: 0.8, accelerator: 2, cap: 15000 } });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'TB', period: '2025-Q1' });
    const l1 = run.lines.find((l) => l.partnerId === ids.T1)!;
    expect(l1.amountMinor).toBe(1_500_000); // 2.0 × ¥10,000 = ¥20,000 capped at ¥15,000
    expect(l1.explanationEn).toContain('capped at ¥15,000.00');
    expect(run.lines.find((l) => l.partnerId === ids.T2)!.amountMinor).toBe(0);
  });
});

describe('growth bonus', () => {
  const t = [{ from: 0.1, rate: 0.05 }, { from: 0.2, rate: 0.1 }];
  it('reaches a growth tier exactly at its threshold', () => {
    expect(growthFor(1_100_000, 1_000_000, t, 'retroactive', 'increment')).toEqual({ idx: 0, amountMinor: 5_000 });
    expect(growthFor(1_099_999, 1_000_000, t, 'retroactive', 'increment').idx).toBe(-1);
  });
  it('marginal growth pays each slice of the increment at its rate', () => {
    // +30 %: increment 300,000 = 100,000 below 10 % (tier none) … slices: [10 %, 20 %) = 100,000 × 5 %, [20 %, …) = 100,000 × 10 %
    expect(growthFor(1_300_000, 1_000_000, t, 'marginal', 'increment').amountMinor).toBe(15_000);
    expect(growthFor(1_300_000, 1_000_000, t, 'retroactive', 'increment').amountMinor).toBe(30_000);
  });
  it('uses the same period last year from sales', async () => {
    const { ws, api, ids } = await setup([['G1'], ['G2']]);
    sale(ws, ids.G1, '2024-02-10', 1_000_000);
    sale(ws, ids.G1, '2025-02-10', 1_250_000);
    sale(ws, ids.G2, '2025-02-10', 9_000_000); // no base last year
    await api.send('incentives.programs.save', { definition: { code: 'GR', name: 'Growth', type: 'growth_bonus', periodKind: 'quarter', validFrom: '2025-01-01', tiers: t } });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'GR', period: '2025-Q1' });
    expect(run.lines.find((l) => l.partnerId === ids.G1)!.amountMinor).toBe(25_000); // 25 % → tier 2: 250,000 × 10 %
    const g2 = run.lines.find((l) => l.partnerId === ids.G2)!;
    expect(g2.amountMinor).toBe(0);
    expect(g2.explanationEn).toContain('growth cannot be measured');
  });
});

describe('ranking award', () => {
  it('equal bases share the rank and its award; the next rank is skipped', () => {
    const r = competitionRanks([
      { id: 1, basis: 300 },
      { id: 2, basis: 300 },
      { id: 3, basis: 200 },
      { id: 4, basis: 100 },
    ]);
    expect([1, 2, 3, 4].map((id) => r.get(id)!.rank)).toEqual([1, 1, 3, 4]);
    expect(r.get(1)!.tiedWith).toBe(2);
  });
  it('awards within each channel type', async () => {
    const { ws, api, ids } = await setup([['A'], ['B'], ['C'], ['D'], ['E', { channelType: 'agent' }]]);
    sale(ws, ids.A, '2025-03-01', 300);
    sale(ws, ids.B, '2025-03-01', 300);
    sale(ws, ids.C, '2025-03-01', 200);
    sale(ws, ids.D, '2025-03-01', -50);
    sale(ws, ids.E, '2025-03-01', 10);
    await api.send('incentives.programs.save', { definition: { code: 'RK', name: 'Ranking', type: 'ranking_award', periodKind: 'quarter', validFrom: '2025-01-01', groupBy: 'channelType', awards: [1000, 500] } });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'RK', period: '2025-Q1' });
    const amount = (code: string) => run.lines.find((l) => l.partnerCode === code)!.amountMinor;
    expect([amount('A'), amount('B'), amount('C'), amount('D'), amount('E')]).toEqual([100_000, 100_000, 0, 0, 100_000]);
    expect(run.totalMinor).toBe(300_000);
  });
});

describe('SPIFF', () => {
  it('pays per unit of the chosen products within its dates, or a share of the amount', async () => {
    const { ws, api, ids } = await setup([['S1'], ['S2']]);
    sale(ws, ids.S1, '2025-01-31', 99_900, { product: 'X1', quantity: 3 }); // before the SPIFF window
    sale(ws, ids.S1, '2025-02-05', 99_900, { product: 'X1', quantity: 4 });
    sale(ws, ids.S1, '2025-02-06', 50_000, { product: 'Y9', quantity: 10 }); // other product
    sale(ws, ids.S2, '2025-02-06', 50_000, { category: '配件', quantity: 2 });
    const base = { code: 'SP', name: 'SPIFF', type: 'spiff', periodKind: 'quarter', validFrom: '2025-01-01', from: '2025-02-01', to: '2025-02-28' };
    await api.send('incentives.programs.save', { definition: { ...base, products: ['X1'], categories: ['配件'], perUnit: 12.5 } });
    let run = await api.send('incentives.payouts.calculate', { programCode: 'SP', period: '2025-Q1' });
    expect(run.lines.map((l) => [l.partnerCode, l.amountMinor])).toEqual([['S1', 5_000], ['S2', 2_500]]);
    await api.send('incentives.programs.save', { definition: { ...base, code: 'SP2', products: ['X1'], percent: 0.015 } });
    run = await api.send('incentives.payouts.calculate', { programCode: 'SP2', period: '2025-Q1' });
    expect(run.lines.map((l) => [l.partnerCode, l.amountMinor])).toEqual([['S1', 1_499]]); // 99,900 × 1.5 % = 1,498.5 → 1,499
  });
});

describe('program files and eligibility', () => {
  it('converts amounts exactly and rejects unknown fields', () => {
    const p = parseProgramFile(rebateProgram({ tiers: [{ from: 0, rate: 0 }, { from: 500000.07, rate: 0.02 }] }));
    expect(tiersToMinor((p as { tiers: Array<{ from: number; rate: number }> }).tiers, 'CNY')[1].fromMinor).toBe(50_000_007);
    expect(() => parseProgramFile({ ...rebateProgram(), bogus: 1 })).toThrow();
    expect(() => parseProgramFile(rebateProgram({ tiers: [{ from: 5, rate: 0 }, { from: 1, rate: 0.1 }] }))).toThrow(/ascending/);
  });
  it('leaves out partners of other channels, tiers, regions or statuses', async () => {
    const { ws, api, ids } = await setup([['OK'], ['AG', { channelType: 'agent' }], ['SU', { status: 'suspended' }], ['RG', { territory: 'HN' }], ['TR', { tier: 'tier1' }]]);
    for (const id of Object.values(ids)) sale(ws, id, '2025-02-01', 70_000_000);
    await api.send('incentives.programs.save', { definition: rebateProgram({ eligibility: { channelTypes: ['dealer'], regions: ['华东'], tiers: ['tier2'] } }) });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    expect(run.lines.map((l) => l.partnerCode)).toEqual(['OK']);
    expect(run.lines[0].amountMinor).toBe(2_100_000);
    expect(run.lines[0].explanationEn).toBe('2025 Q1 revenue ¥700,000.00 reached tier 3 (≥ ¥600,000.00): 3 % retroactive = ¥21,000.00');
    expect(run.lines[0].explanation).toContain('全额累进');
  });
  it('refuses a period of the wrong kind or outside the validity', async () => {
    const { api } = await setup([['P1']]);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    await expect(api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-03' })).rejects.toThrow(/quarter/);
    await expect(api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2026-Q1' })).rejects.toThrow(/outside/);
  });
});
