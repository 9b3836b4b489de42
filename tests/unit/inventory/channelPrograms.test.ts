import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { rebateProgram, sale, setup } from '../incentives/fixture';

let seq = 0;
/** A sell-through line written straight into the table (the import has its own tests). */
function sellThrough(ws: Workspace, partnerId: number, date: string, quantity: number, amountMinor: number | null) {
  const product = ws.sqlite.prepare(`insert into products (code, name_zh) values ('X', '产品X') on conflict(code) do update set code = code returning id`).pluck().get();
  ws.sqlite
    .prepare('insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, dedupe_key) values (?, ?, ?, ?, ?, ?)')
    .run(partnerId, product, date, quantity, amountMinor, `t:${++seq}`);
}

describe('a rebate on sell-through instead of sell-in', () => {
  it('takes the partner sales to its customers in the period (returns net, lines without an amount add none) and says so', async () => {
    const { ws, api, ids } = await setup([['P1'], ['P2'], ['P3']]);
    sale(ws, ids.P1, '2025-02-01', 70_000_000); // sell-in ¥700,000: not the basis
    sellThrough(ws, ids.P1, '2025-01-15', 100, 60_000_000);
    sellThrough(ws, ids.P1, '2025-02-15', -5, -5_000_000); // a return
    sellThrough(ws, ids.P1, '2025-03-15', 7, null);
    sellThrough(ws, ids.P1, '2025-04-01', 50, 90_000_000); // next quarter
    sellThrough(ws, ids.P2, '2025-03-31', 10, 61_000_000);
    sale(ws, ids.P3, '2025-02-01', 90_000_000); // sells in, reports no sell-through
    await api.send('incentives.programs.save', { definition: rebateProgram({ basis: 'sellThrough' }) });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const line = (code: string) => run.lines.find((l) => l.partnerCode === code)!;
    expect([line('P1').basisMinor, line('P1').amountMinor]).toEqual([55_000_000, 1_100_000]);
    expect([line('P2').basisMinor, line('P2').amountMinor]).toEqual([61_000_000, 1_830_000]);
    expect([line('P3').basisMinor, line('P3').amountMinor]).toEqual([0, 0]);
    expect(line('P1').explanationEn).toBe('2025 Q1 sell-through amount ¥550,000.00 reached tier 2 (≥ ¥500,000.00): 2 % retroactive = ¥11,000.00');
    expect(line('P1').explanation).toContain('动销金额 ¥550,000.00 达到第 2 档');
  });

  it('a sell-in rebate of the same data pays on the company sales, as before', async () => {
    const { ws, api, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 70_000_000);
    sellThrough(ws, ids.P1, '2025-01-15', 100, 60_000_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    expect(run.lines[0]).toMatchObject({ basisMinor: 70_000_000, amountMinor: 2_100_000 });
  });
});

describe('program eligibility: no open channel-conflict or price-conflict risk', () => {
  it('leaves out partners with such a risk not closed, counts them under their reason, and takes them back once it is closed', async () => {
    const { ws, api, ids } = await setup([['P1'], ['P2'], ['P3'], ['P4']]);
    for (const id of Object.values(ids)) sale(ws, id, '2025-02-01', 60_000_000);
    const risk = (partnerId: number, category: string, status = 'open') =>
      api.send('risks.save', { fields: { title: 'x', category: category as never, partnerId, likelihood: 3, impact: 3, status: status as never } });
    const p2 = await risk(ids.P2, 'channel_conflict');
    await risk(ids.P3, 'price_conflict', 'mitigating');
    await risk(ids.P1, 'price_conflict', 'closed');
    await risk(ids.P4, 'credit'); // another category does not count
    await api.send('incentives.programs.save', { definition: rebateProgram({ eligibility: { noOpenConflictRisk: true } }) });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    expect(run.lines.map((l) => l.partnerCode)).toEqual(['P1', 'P4']);
    expect(run.population).toMatchObject({ considered: 4, included: 2, excluded: { conflictRisk: 2 } });

    await api.send('risks.close', { id: p2.id });
    const again = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    expect(again.lines.map((l) => l.partnerCode)).toEqual(['P1', 'P2', 'P4']);
    // Without the rule every partner takes part.
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    expect((await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' })).lines).toHaveLength(4);
  });
});
