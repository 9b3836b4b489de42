import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { fileWorkspace } from '../../helpers/workspace';
import { fillCompanyProfile, rebateProgram, sale } from '../incentives/fixture';
import { partnerInput } from '../../helpers/workspace';

const w = fileWorkspace();
afterAll(() => w.cleanup());

async function approvedRun(): Promise<number> {
  const api = createApi({ ws: w.ws, user: 'tester' });
  const p = await api.send('partners.create', partnerInput('SZ01') as never);
  sale(w.ws, p.id, '2025-02-01', 61_234_000);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
  await api.send('incentives.payouts.approve', { runId: run.id });
  return run.id;
}

describe('pwb statements export --lang', () => {
  it('refuses without a company profile in the language asked, then writes the statement in it', async () => {
    const runId = await approvedRun();
    const out = join(w.dir, 'out');
    const args = ['statements', 'export', '--run', String(runId), '--out', out, '--format', 'pdf', '--no-zip', '--db', w.path];
    const zh = pwb([...args, '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('出具结算单和对账单前需先填写公司信息，缺少：公司名称、统一社会信用代码、地址、开户银行、银行账号。请在“设置 → 公司信息”中填写');
    const en = pwb([...args, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('Statements need the company profile first; missing: company name, unified social credit code, address, bank, bank account.');
    expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);

    await fillCompanyProfile(createApi({ ws: w.ws, user: 'tester' }));
    const ok = pwb([...args, '--lang', 'zh', '--json']);
    expect(ok.code).toBe(0);
    const pdf = ok.json<{ statements: Array<{ pdf: string }> }>().statements[0].pdf;
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('结算单');
    expect(text).not.toContain('Payout statement');
  });
});
