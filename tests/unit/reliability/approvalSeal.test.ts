import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { fileWorkspace, partnerInput, tempDir } from '../../helpers/workspace';
import { fillCompanyProfile, rebateProgram, sale, setup } from '../incentives/fixture';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('payee details are frozen at approval (defect 6)', () => {
  it('the finance CSV and the statement of an approved run keep the bank account, name and credit code it was approved with', async () => {
    const { api, ws, ids } = await setup([['PY01', { name: '原名商行', creditCode: '914501081313689056', bankName: '工商银行南宁分行', bankAccount: '622202100012345678901' }]]);
    sale(ws, ids.PY01, '2025-02-01', 61_234_000);
    await fillCompanyProfile(api);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = await api.send('statements.export', { runId: run.id, out: `${t.dir}/a`, formats: ['csv'], zip: false });

    await api.send('partners.update', { id: ids.PY01, patch: { name: '改名商行', bankName: '建设银行', bankAccount: '6217000000000000001', creditCode: '914500000000000003' } });

    const again = await api.send('statements.export', { runId: run.id, out: `${t.dir}/b`, formats: ['csv'], zip: false });
    expect(again.statements.map((s) => s.number)).toEqual(first.statements.map((s) => s.number));
    const csv = readFileSync(again.finance.csv!, 'utf8');
    expect(csv).toBe(readFileSync(first.finance.csv!, 'utf8'));
    expect(csv).toContain('原名商行');
    expect(csv).toContain('622202100012345678901');
    expect(csv).not.toContain('6217000000000000001');
  });
});

describe('approved runs carry a seal that pwb check verifies (defect 8)', () => {
  it('reports a line rewritten behind the triggers as a finding (exit 1), and a clean workspace as OK', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 't' });
    const id = (await api.send('partners.create', partnerInput('SE01', { channelType: 'dealer' }) as never)).id;
    sale(f.ws, id, '2025-02-01', 61_234_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    const seal = f.ws.sqlite.prepare('select approval_fingerprint from payout_runs where id = ?').pluck().get(run.id) as string;
    expect(seal).toMatch(/^v1:[0-9a-f]{64}$/);
    await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'PAY-1' });
    f.ws.close();

    const clean = pwb(['check', '--db', f.path, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.json<{ ok: boolean; payoutSeals: unknown[] }>()).toMatchObject({ ok: true, payoutSeals: [] });

    // Someone with a plain sqlite3 shell drops the trigger and doubles a line.
    const raw = new Database(f.path);
    raw.exec('drop trigger payout_lines_frozen_update');
    raw.prepare('update payout_lines set amount_minor = amount_minor * 2 where run_id = ?').run(run.id);
    raw.close();

    const tampered = pwb(['check', '--db', f.path, '--json']);
    expect(tampered.code).toBe(1);
    expect(tampered.json<{ ok: boolean; payoutSeals: unknown[] }>()).toMatchObject({ ok: false, payoutSeals: [{ runId: run.id, status: 'paid', problem: 'broken' }] });
    expect(pwb(['check', '--db', f.path]).stdout).toContain(`payout run ${run.id} (Paid): its lines or figures changed after approval`);
    expect(pwb(['check', '--db', f.path, '--lang', 'zh']).stdout).toContain(`结算批次 ${run.id}（已支付）：审批后明细或金额被改动`);
  });

  it('cannot be rewritten after approval, even with the right value', async () => {
    const { api, ws, ids } = await setup([['SE02']]);
    sale(ws, ids.SE02, '2025-02-01', 61_234_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    expect(() => ws.sqlite.prepare("update payout_runs set approval_fingerprint = 'v1:0' where id = ?").run(run.id)).toThrow(/FROZEN/);
    expect(() => ws.sqlite.prepare("update payout_runs set payee_snapshot = '{}' where id = ?").run(run.id)).toThrow(/FROZEN/);
  });
});
