import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { fixedClock } from '../../../shared/clock';
import { openMemoryWorkspace } from '../../../db/database';
import { partnerInput } from '../../helpers/workspace';
import { rebateProgram, sale } from '../incentives/fixture';

/** 01:30 on 1 July in Beijing is still 30 June in UTC: a wall clock or a UTC day would land on the wrong day. */
const AT = '2025-06-30T17:30:00.000Z';

async function fixedApi() {
  const ws = openMemoryWorkspace();
  const api = createApi({ ws, user: '王经理', clock: fixedClock(AT, 'Asia/Shanghai') });
  const id = (await api.send('partners.create', partnerInput('P1') as never)).id;
  sale(ws, id, '2025-02-01', 61_234_000);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  return { ws, api };
}

const auditAt = (ws: ReturnType<typeof openMemoryWorkspace>) =>
  ws.sqlite.prepare('select operation, outcome, at from audit_log order by id').all() as Array<{ operation: string; outcome: string; at: string }>;

describe('event times come from the operation clock', () => {
  it("stamps every audit row — mutation, job, refusal — with the clock's instant", async () => {
    const { ws, api } = await fixedApi();
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    await expect(api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'P1', amountMinor: 100, reason: 'late' })).rejects.toMatchObject({ body: { code: 'FORBIDDEN' } });
    const rows = auditAt(ws);
    expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining(['partners.create', 'incentives.programs.save', 'incentives.payouts.calculate', 'incentives.payouts.approve', 'incentives.payouts.adjust']));
    expect(rows.find((r) => r.operation === 'incentives.payouts.adjust')?.outcome).toBe('refused');
    expect(new Set(rows.map((r) => r.at))).toEqual(new Set([AT]));
  });

  it('stamps a payout run calculated, superseded, approved, paid and voided with the clock (paid on its Beijing day)', async () => {
    const { ws, api } = await fixedApi();
    const first = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const second = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const times = (id: number) =>
      ws.sqlite.prepare('select calculated_at as calculatedAt, voided_at as voidedAt, approved_at as approvedAt, paid_at as paidOn from payout_runs where id = ?').get(id) as Record<string, string | null>;
    expect(times(first.id)).toEqual({ calculatedAt: AT, voidedAt: AT, approvedAt: null, paidOn: null });
    await api.send('incentives.payouts.approve', { runId: second.id });
    await api.send('incentives.payouts.pay', { runId: second.id, paymentRef: 'BANK-1' });
    expect(times(second.id)).toEqual({ calculatedAt: AT, voidedAt: null, approvedAt: AT, paidOn: '2025-07-01' });
    // The ledger reads the approval instant as a day on the same clock: the Beijing day, as the payment.
    const ledger = await api.send('ledger.partner', { partnerCode: 'P1' });
    expect(ledger.entries.map((e) => [e.kind, e.date])).toEqual([['approved', '2025-07-01'], ['paid', '2025-07-01']]);
    const third = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
    await api.send('incentives.payouts.void', { runId: third.id, reason: 'wrong program' });
    expect(times(third.id)).toMatchObject({ calculatedAt: AT, voidedAt: AT });
  });
});

describe('no wall clock in the domain (lint)', () => {
  const findings = async (file: string, code: string) =>
    (await new ESLint().lintText(code, { filePath: file })).flatMap((r) => r.messages).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);

  it('refuses new Date() and Date.now() in domain files and stores, and lets dates built from values and other layers through', async () => {
    expect(await findings('electron/domain/risks/someNewRule.ts', 'export const at = new Date().toISOString();')).toEqual([expect.stringMatching(/ctx\.clock\.now\(\)/)]);
    expect(await findings('electron/domain/risks/someNewRule.ts', 'export const ms = Date.now();')).toHaveLength(1);
    expect(await findings('electron/domain/risks/store.ts', 'export const at = new Date();')).toHaveLength(1);
    expect(await findings('electron/domain/risks/someNewRule.ts', "export const at = new Date('2025-01-01T00:00:00Z'); export const t = performance.now();")).toEqual([]);
    expect(await findings('electron/cli/commands/someCommand.ts', 'export const at = new Date();')).toEqual([]);
  });
});
