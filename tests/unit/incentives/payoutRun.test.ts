import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { rebateProgram, sale, setup } from './fixture';

async function calculated() {
  const ctx = await setup([['P1'], ['P2'], ['P3']]);
  const { ws, api, ids } = ctx;
  sale(ws, ids.P1, '2025-02-01', 61_234_000); // ¥612,340.00 → 3 % = ¥18,370.20
  sale(ws, ids.P2, '2025-03-01', 50_000_033); // 2 % → 1,000,000.66 → 1,000,001
  sale(ws, ids.P3, '2025-03-01', 1_000);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
  return { ...ctx, run };
}

const refusals = (ws: Awaited<ReturnType<typeof setup>>['ws'], op: string) =>
  (ws.sqlite.prepare(`select count(*) as n from audit_log where operation = ? and outcome = 'refused'`).get(op) as { n: number }).n;

describe('payout run lifecycle', () => {
  it('calculates a draft whose total is exactly the sum of its lines', async () => {
    const { run } = await calculated();
    expect(run.status).toBe('draft');
    expect(run.version).toBe(1);
    expect(run.lines.map((l) => l.amountMinor)).toEqual([1_837_020, 1_000_001, 0]);
    expect(run.totalMinor).toBe(run.lines.reduce((s, l) => s + l.amountMinor, 0));
    expect(run.lines[0].explanationEn).toBe('2025 Q1 revenue ¥612,340.00 reached tier 3 (≥ ¥600,000.00): 3 % retroactive = ¥18,370.20');
  });

  it('adjusts a draft with a reason; recalculating makes a new version and keeps the adjustment', async () => {
    const { api, ws, ids, run } = await calculated();
    await api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'P3', amountMinor: -12_345, reason: '扣减：延迟付款' });
    const adjusted = await api.send('incentives.payouts.get', { runId: run.id });
    expect(adjusted.totalMinor).toBe(run.totalMinor - 12_345);
    sale(ws, ids.P3, '2025-03-02', 50_000_000);
    const v2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    expect(v2.version).toBe(2);
    expect(v2.lines.filter((l) => l.kind === 'adjustment').map((l) => [l.partnerCode, l.amountMinor, l.reason])).toEqual([['P3', -12_345, '扣减：延迟付款']]);
    expect(v2.totalMinor).toBe(v2.lines.reduce((s, l) => s + l.amountMinor, 0));
    // the calculation answers from memory what reading the stored run gives, field by field
    expect(v2).toStrictEqual(await api.send('incentives.payouts.get', { runId: v2.id }));
    const v1 = await api.send('incentives.payouts.get', { runId: run.id });
    expect(v1.status).toBe('void');
    expect(v1.voidReason).toMatch(/superseded by version 2/);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a payment dated before the approval day, on the workspace-local calendar (approved_at is a UTC instant)', async () => {
    const { api, run } = await calculated();
    await api.send('system.settings.set', { key: 'company.timeZone', value: 'Asia/Shanghai' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-04-10T20:00:00Z')); // 2025-04-11 04:00 in Beijing, still 04-10 in UTC
    await api.send('incentives.payouts.approve', { runId: run.id });
    const refused = await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'BANK-1', date: '2025-04-10' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(ApiError.is(refused) && refused.body).toMatchObject({ code: 'DOMAIN', data: { reason: 'paidBeforeApproval', params: { runId: run.id, paidOn: '2025-04-10', approvedOn: '2025-04-11' } } });
    expect((await api.send('incentives.payouts.get', { runId: run.id })).status).toBe('approved');
    const paid = await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'BANK-1', date: '2025-04-11' });
    expect([paid.status, paid.paidAt]).toEqual(['paid', '2025-04-11']);
  });

  it('freezes an approved run: every change is refused and audited as refused', async () => {
    const { api, ws, run } = await calculated();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-04-10T02:00:00Z'));
    const approved = await api.send('incentives.payouts.approve', { runId: run.id });
    expect(approved.status).toBe('approved');
    expect(approved.approvedBy).toBe('tester');
    const attempt = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (x: unknown) => x);
      expect(ApiError.is(e) && e.body.code).toBe('FORBIDDEN');
    };
    await attempt(api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'P1', amountMinor: 100, reason: 'late' }));
    await attempt(api.send('incentives.payouts.approve', { runId: run.id }));
    await attempt(api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' }));
    expect(refusals(ws, 'incentives.payouts.adjust')).toBe(1);
    expect(refusals(ws, 'incentives.payouts.approve')).toBe(1);
    expect(refusals(ws, 'incentives.payouts.calculate')).toBe(1);
    const after = await api.send('incentives.payouts.get', { runId: run.id });
    expect(after.lines).toEqual(run.lines);
    expect(after.totalMinor).toBe(run.totalMinor);
    // paid: reference and date; then no voiding of history
    const paid = await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'BANK-2025-0042', date: '2025-04-15' });
    expect([paid.status, paid.paymentRef, paid.paidAt]).toEqual(['paid', 'BANK-2025-0042', '2025-04-15']);
    await attempt(api.send('incentives.payouts.void', { runId: run.id, reason: 'oops' }));
    await attempt(api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'again' }));
  });

  it('refuses to approve when the inputs changed since the calculation', async () => {
    const { api, ws, ids, run } = await calculated();
    sale(ws, ids.P1, '2025-03-30', 1_000_000);
    await expect(api.send('incentives.payouts.approve', { runId: run.id })).rejects.toThrow(/recalculate/);
  });

  it('voids a draft with its reason', async () => {
    const { api, run } = await calculated();
    const v = await api.send('incentives.payouts.void', { runId: run.id, reason: '政策调整' });
    expect([v.status, v.voidReason]).toEqual(['void', '政策调整']);
  });

  it('claws back a paid period whose basis fell, as negative lines on the next run referencing the paid line', async () => {
    const { api, ws, ids, run } = await calculated();
    await api.send('incentives.payouts.approve', { runId: run.id });
    await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'PAY-1' });
    const p1Line = run.lines.find((l) => l.partnerCode === 'P1')!;
    // A return dated in Q1 arrives later: P1's Q1 revenue falls to ¥562,340.00 → tier 2 (2 %) = ¥11,246.80
    sale(ws, ids.P1, '2025-03-15', -5_000_000);
    sale(ws, ids.P2, '2025-05-01', 100);
    const q2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
    const claw = q2.lines.filter((l) => l.kind === 'clawback');
    expect(claw).toHaveLength(1);
    expect(claw[0]).toMatchObject({ partnerCode: 'P1', amountMinor: 1_124_680 - 1_837_020, relatesToLineId: p1Line.id });
    expect(claw[0].explanationEn).toContain('PAY-1');
    expect(q2.totalMinor).toBe(q2.lines.reduce((s, l) => s + l.amountMinor, 0));
    expect(q2).toStrictEqual(await api.send('incentives.payouts.get', { runId: q2.id }));
    // history unchanged
    const q1 = await api.send('incentives.payouts.get', { runId: run.id });
    expect(q1.lines.find((l) => l.id === p1Line.id)!.amountMinor).toBe(1_837_020);
    // once taken in an approved run, the clawback is not taken again by the following period
    await api.send('incentives.payouts.approve', { runId: q2.id });
    const q3 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q3' });
    expect(q3.lines.filter((l) => l.kind === 'clawback')).toHaveLength(0);
  });

  it('what-if compares a variant with the saved run without saving it', async () => {
    const { api, ws, run } = await calculated();
    const runsBefore = (ws.sqlite.prepare('select count(*) as n from payout_runs').get() as { n: number }).n;
    const variant = rebateProgram({ tiers: [{ from: 0, rate: 0 }, { from: 500000, rate: 0.025 }, { from: 600000, rate: 0.03 }] });
    const r = await api.send('incentives.payouts.whatIf', { runId: run.id, variant });
    expect(r.baseTotalMinor).toBe(run.totalMinor);
    expect(r.variantTotalMinor).toBe(1_837_020 + 1_250_001);
    expect(r.partners[0]).toMatchObject({ partnerCode: 'P2', differenceMinor: 250_000 });
    expect((ws.sqlite.prepare('select count(*) as n from payout_runs').get() as { n: number }).n).toBe(runsBefore);
  });

  it('records inquiries on a line: open → answered → resolved', async () => {
    const { api, run } = await calculated();
    const q = await api.send('incentives.payouts.inquiries.create', { lineId: run.lines[1].id, question: '为什么是第 2 档？' });
    expect(q.status).toBe('open');
    const a = await api.send('incentives.payouts.inquiries.update', { id: q.id, answer: '销售额 ¥500,000.33 ≥ ¥500,000' });
    expect(a.status).toBe('answered');
    const r = await api.send('incentives.payouts.inquiries.update', { id: q.id, status: 'resolved' });
    expect(r.status).toBe('resolved');
    expect((await api.send('incentives.payouts.runs', {}))[0].openInquiries).toBe(0);
    await expect(api.send('incentives.payouts.inquiries.update', { id: q.id, answer: 'x' })).rejects.toThrow(/resolved/);
  });

  it('imports and exports program files', async () => {
    const { api } = await setup([]);
    const r = await api.send('incentives.programs.import', { content: JSON.stringify([rebateProgram(), rebateProgram({ code: 'REB-2', tiering: 'marginal' })]) });
    expect(r).toEqual({ imported: 2, codes: ['REB-Q', 'REB-2'] });
    const e = await api.send('incentives.programs.export', {});
    expect(e.programs.map((p) => p.code).sort()).toEqual(['REB-2', 'REB-Q']);
    const bad = await api.send('incentives.programs.import', { content: JSON.stringify([rebateProgram({ code: 'X', tiers: [] })]) }).catch((x: ApiError) => x);
    expect(ApiError.is(bad) && bad.body.message).toMatch(/Program 1/);
    expect((await api.send('incentives.programs.list', {})).length).toBe(2);
  });
});
