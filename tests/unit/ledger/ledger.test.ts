import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/workspace';
import type { Workspace } from '../../../db/database';
import { localDate } from '../../../shared/clock';
import { rebateProgram, sale, setup } from '../incentives/fixture';

/** What the frozen runs say, straight from the tables: owed = lines of approved runs; accrued = lines of drafts. */
function fromRuns(ws: Workspace, partnerId: number) {
  const sum = (status: string) =>
    (ws.sqlite.prepare(`select coalesce(sum(l.amount_minor), 0) as s from payout_lines l join payout_runs r on r.id = l.run_id where r.status = ? and l.partner_id = ?`).get(status, partnerId) as { s: number }).s;
  return { balance: sum('approved'), accrued: sum('draft') };
}

const dayPlus = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return localDate(d);
};

describe('partner ledger', () => {
  it('follows calculate → approve → pay → clawback → void → recalculate to the fen, equal to the frozen lines at every step', async () => {
    const { ws, api, ids } = await setup([['P1'], ['P2']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000); // 3 % → 1 837 020
    sale(ws, ids.P2, '2025-02-01', 50_000_033); // 2 % → 1 000 001 (rounded once)
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const ledger = () => api.send('ledger.partner', { partnerCode: 'P1' });
    const check = async (balance: number, accrued: number) => {
      const l = await ledger();
      expect([l.closingMinor, l.accruedMinor]).toEqual([balance, accrued]);
      expect(fromRuns(ws, ids.P1)).toEqual({ balance, accrued });
      expect(l.openingMinor + l.entries.reduce((s, e) => s + e.amountMinor, 0)).toBe(l.closingMinor);
      expect(l.entries.at(-1)?.balanceMinor ?? 0).toBe(l.closingMinor);
      return l;
    };

    const q1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await check(0, 1_837_020);
    await api.send('incentives.payouts.approve', { runId: q1.id });
    let l = await check(1_837_020, 0);
    expect(l.entries.map((e) => [e.kind, e.ref, e.amountMinor])).toEqual([['approved', `REB-Q/2025-Q1/#${q1.id}`, 1_837_020]]);
    expect((await api.send('ledger.partner', { partnerCode: 'P2' })).closingMinor).toBe(1_000_001);

    await api.send('incentives.payouts.pay', { runId: q1.id, paymentRef: 'BANK-0001', date: localDate() });
    l = await check(0, 0);
    expect(l.entries.at(-1)).toMatchObject({ kind: 'paid', ref: 'BANK-0001', amountMinor: -1_837_020, balanceMinor: 0 });

    // A return dated in the paid quarter: Q2's run claws back what Q1 overpaid (1 837 020 → 2 % of 592 340.00 = 1 184 680).
    sale(ws, ids.P1, '2025-03-15', -2_000_000);
    sale(ws, ids.P1, '2025-05-01', 61_234_000);
    const q2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
    expect(q2.lines.filter((x) => x.partnerCode === 'P1').map((x) => [x.kind, x.amountMinor])).toEqual([
      ['calculated', 1_837_020],
      ['clawback', -652_340],
    ]);
    await check(0, 1_184_680);
    await api.send('incentives.payouts.adjust', { runId: q2.id, partnerCode: 'P1', amountMinor: 3, reason: 'rounding agreed' });
    await check(0, 1_184_683);
    await api.send('incentives.payouts.approve', { runId: q2.id });
    l = await check(1_184_683, 0);
    expect(l.entries.slice(-3).map((e) => [e.kind, e.amountMinor])).toEqual([
      ['approved', 1_837_020],
      ['adjustment', 3],
      ['clawback', -652_340],
    ]);

    await api.send('incentives.payouts.void', { runId: q2.id, reason: 'wrong period' });
    l = await check(0, 0);
    expect(l.entries.at(-1)).toMatchObject({ kind: 'void', amountMinor: -1_184_683, balanceMinor: 0 });

    const q2b = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
    await check(0, 1_184_680);
    await api.send('incentives.payouts.approve', { runId: q2b.id });
    l = await check(1_184_680, 0);
    // Everything that ever moved the balance, in order, nets to what the approved run owes.
    expect(l.entries.map((e) => e.kind)).toEqual(['approved', 'paid', 'approved', 'adjustment', 'clawback', 'void', 'approved', 'clawback']);
  });

  it('lists the accruals (draft lines) on their own, and the partner page exports that list: drafts only, gone once approved', async () => {
    const { ws, api, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    sale(ws, ids.P1, '2025-05-01', 55_000_000); // 2 % → 1 100 000
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const q1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const q2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
    await api.send('incentives.payouts.approve', { runId: q1.id });
    const l = await api.send('ledger.partner', { partnerCode: 'P1' });
    expect(l.accruals.map((a) => [a.programCode, a.period, a.ref, a.amountMinor])).toEqual([['REB-Q', '2025-Q2', `REB-Q/2025-Q2/#${q2.id}`, 1_100_000]]);
    expect(l.accruals.reduce((s, a) => s + a.amountMinor, 0)).toBe(l.accruedMinor);
    expect(l.entries.map((e) => e.kind)).toEqual(['approved']);

    const t = tempDir();
    try {
      const file = await api.send('grids.export', {
        grid: 'partnerAccruals',
        query: { partnerId: ids.P1 },
        columns: [
          { colId: 'period', header: '期间' },
          { colId: 'ref', header: '参考' },
          { colId: 'amountMinor', header: '金额', kind: 'money' },
        ],
        format: 'csv',
        out: join(t.dir, 'accruals.csv'),
      });
      expect(readFileSync(file.path, 'utf8').slice(1).split('\r\n')).toEqual(['期间,参考,金额', `2025-Q2,REB-Q/2025-Q2/#${q2.id},11000`, '']);
      await api.send('incentives.payouts.approve', { runId: q2.id });
      const after = await api.send('grids.export', { grid: 'partnerAccruals', query: { partnerId: ids.P1 }, columns: [{ colId: 'ref', header: '参考' }], format: 'csv', out: join(t.dir, 'after.csv') });
      expect(after.rows).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('splits a range into opening balance and entries; accrued is as of the end of the range', async () => {
    const { ws, api, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    const later = await api.send('ledger.partner', { partnerCode: 'P1', from: dayPlus(1), to: dayPlus(2) });
    expect([later.openingMinor, later.entries.length, later.closingMinor]).toEqual([1_837_020, 0, 1_837_020]);
    const before = await api.send('ledger.partner', { partnerCode: 'P1', to: dayPlus(-1) });
    expect([before.openingMinor, before.entries.length, before.closingMinor, before.accruedMinor]).toEqual([0, 0, 0, 0]);
    await expect(api.send('ledger.partner', { partnerCode: 'P1', from: dayPlus(1), to: dayPlus(0) })).rejects.toThrow(/starts/);
    await expect(api.send('ledger.partner', { partnerCode: 'NOPE' })).rejects.toThrow(/No partner NOPE/);
  });

  it('accrual report: accrued, approved-unpaid aged by days since approval, paid; totals per currency', async () => {
    const { ws, api, ids } = await setup([['P1'], ['P2'], ['P3']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    sale(ws, ids.P2, '2025-02-01', 50_000_033);
    sale(ws, ids.P3, '2025-05-01', 50_000_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const q1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: q1.id });
    await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });

    const today = await api.send('ledger.accruals', { asOf: localDate() });
    const row = (r: typeof today, code: string) => r.partners.find((x) => x.partnerCode === code)!;
    expect(row(today, 'P1')).toMatchObject({ accruedMinor: 0, approvedUnpaidMinor: 1_837_020, paidMinor: 0, ageing: { d0_30: 1_837_020, d31_60: 0, d61_90: 0, d90_plus: 0 } });
    expect(row(today, 'P3')).toMatchObject({ accruedMinor: 1_000_000, approvedUnpaidMinor: 0 });
    expect(today.totals).toEqual([{ currency: 'CNY', accruedMinor: 1_000_000, approvedUnpaidMinor: 2_837_021, paidMinor: 0, ageing: { d0_30: 2_837_021, d31_60: 0, d61_90: 0, d90_plus: 0 } }]);
    expect(today.rows.every((r) => r.programCode === 'REB-Q')).toBe(true);

    const in45 = await api.send('ledger.accruals', { asOf: dayPlus(45) });
    expect(in45.totals[0].ageing).toEqual({ d0_30: 0, d31_60: 2_837_021, d61_90: 0, d90_plus: 0 });
    const in91 = await api.send('ledger.accruals', { asOf: dayPlus(91) });
    expect(in91.totals[0].ageing.d90_plus).toBe(2_837_021);

    await api.send('incentives.payouts.pay', { runId: q1.id, paymentRef: 'B-1', date: dayPlus(10) });
    const after = await api.send('ledger.accruals', { asOf: dayPlus(10) });
    expect(after.totals[0]).toMatchObject({ approvedUnpaidMinor: 0, paidMinor: 2_837_021, accruedMinor: 1_000_000 });
    // Before the payment date the same run is still owed: the report is as of the day, not as of now.
    expect((await api.send('ledger.accruals', { asOf: dayPlus(9) })).totals[0]).toMatchObject({ approvedUnpaidMinor: 2_837_021, paidMinor: 0 });
    expect((await api.send('ledger.accruals', { asOf: dayPlus(-1) })).totals).toEqual([]);
  });
});
