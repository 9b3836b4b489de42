import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { STATEMENT_LINE_HEADER } from '../../../electron/domain/statements/statementXlsx';
import { formatMoney } from '../../../shared/money';
import { chineseCapitals } from '../../../electron/domain/statements/chineseCapitals';
import { tempDir } from '../../helpers/workspace';
import { fillCompanyProfile, rebateProgram, sale, setup } from '../incentives/fixture';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

async function approvedRun() {
  const ctx = await setup([['SZ01', { name: '深圳市鑫睿贸易有限公司', nameEn: 'Shenzhen Xinrui Trading', bankName: '招商银行深圳分行' }], ['DG02', { name: '东莞莞城电子商行' }], ['ZERO']]);
  const { ws, api, ids } = ctx;
  // A formula in a stored bank account (written before accounts were checked as digits, or by another program) must
  // still come out escaped: the partner schema refuses it today, so it goes in underneath.
  ws.sqlite.prepare('update partners set bank_account = ? where id = ?').run('=HYPERLINK("x")', ids.SZ01);
  sale(ws, ids.SZ01, '2025-02-01', 61_234_000);
  sale(ws, ids.DG02, '2025-02-01', 50_000_033);
  await fillCompanyProfile(api);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
  await api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'SZ01', amountMinor: -20, reason: '=cmd|calc' });
  await api.send('incentives.payouts.approve', { runId: run.id });
  return { ...ctx, run: await api.send('incentives.payouts.get', { runId: run.id }) };
}

describe('statements export', () => {
  it('refuses statements for a draft run', async () => {
    const { api, ws, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    await fillCompanyProfile(api);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const t = tempDir();
    cleanup = t.cleanup;
    await expect(api.send('statements.export', { runId: run.id, out: t.dir })).rejects.toThrow(/approved or paid/);
  });

  it('writes PDF, XLSX and finance files with sequential numbers, and a zip; numbers stay on re-export', async () => {
    const { api, run } = await approvedRun();
    const t = tempDir();
    cleanup = t.cleanup;
    const progress: number[] = [];
    const r = await api.send('statements.export', { runId: run.id, out: t.dir }, { onProgress: (p) => p.phase === 'statements' && progress.push(p.done) });
    const year = new Date().getFullYear();
    expect(r.statements.map((s) => [s.number, s.partnerCode])).toEqual([
      [`ST-${year}-000001`, 'DG02'],
      [`ST-${year}-000002`, 'SZ01'],
    ]);
    expect(r.totalMinor).toBe(run.totalMinor);
    for (const f of r.files) expect(existsSync(f)).toBe(true);
    expect(r.zip && statSync(r.zip).size).toBeGreaterThan(1000);
    expect(progress.at(-1)).toBe(2);
    // The same folder again: refused (nothing silently written over) unless replacing was asked for.
    await expect(api.send('statements.export', { runId: run.id, out: t.dir, formats: ['pdf'], zip: false })).rejects.toMatchObject({ body: { code: 'CONFLICT', data: { reason: 'fileExists', params: { path: r.dir } } } });
    const again = await api.send('statements.export', { runId: run.id, out: t.dir, formats: ['pdf'], zip: false, onExists: 'replace' });
    expect(again.dir).toBe(r.dir);
    expect(again.statements.map((s) => s.number)).toEqual(r.statements.map((s) => s.number));

    // PDF: ≤ 150 KB, text extractable with the partner's Chinese name, the total and the amount in words
    const sz = r.statements.find((s) => s.partnerCode === 'SZ01')!;
    expect(statSync(sz.pdf!).size).toBeLessThan(150 * 1024);
    // pdftotext (poppler-utils) is required: .ci/run installs it, and README's quick start names it.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', sz.pdf!, '-'], { encoding: 'utf8' });
    expect(text).toContain('深圳市鑫睿贸易有限公司');
    expect(text).toContain(formatMoney(sz.totalMinor));
    expect(text).toContain(chineseCapitals(sz.totalMinor));
    expect(text).toContain(sz.number);
    expect(text).toContain('第 1 页 / 共 1 页');
    expect(text).toContain('91310000MA1FL4XQ27'); // the issuer's credit code on the letterhead
    expect(text).toMatch(/盖章[\s\S]*签字[\s\S]*日期/);
    expect(text).toContain('含税（税率 6%）');

    // XLSX re-read equals the run's lines for that partner
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sz.xlsx!);
    const sheet = wb.worksheets[0];
    let headerRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === STATEMENT_LINE_HEADER[0]) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const read: Array<[string, number, number]> = [];
    for (let n = headerRow + 1; ; n++) {
      const row = sheet.getRow(n);
      if (typeof row.getCell(9).value !== 'number') break;
      read.push([String(row.getCell(1).value).split(' ')[1].toLowerCase(), Math.round(Number(row.getCell(5).value) * 100), Number(row.getCell(9).value)]);
    }
    const expected = run.lines.filter((l) => l.partnerCode === 'SZ01').map((l) => [l.kind, l.amountMinor, l.id]);
    expect(read).toEqual(expected);
    // formula-looking text: the adjustment's reason starting with '=' is a text cell, exactly as typed (no apostrophe)
    const reasonCells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((c) => { if (String(c.value).includes('=cmd|calc')) reasonCells.push(c); }));
    expect(reasonCells.filter((c) => c.value === '=cmd|calc').map((c) => c.type)).toEqual([ExcelJS.ValueType.String]);
    expect(reasonCells.every((c) => c.type === ExcelJS.ValueType.String && !String(c.value).includes("'="))).toBe(true);

    // finance CSV: BOM, one row per statement, bank fields, formula-safe
    const csv = readFileSync(r.finance.csv!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(csv).toContain('招商银行深圳分行');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(`${sz.number},SZ01,深圳市鑫睿贸易有限公司`);
  });

  it('refuses to issue statements until the company profile is filled, saying where', async () => {
    const { api, ws, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    await api.send('system.settings.set', { key: 'company.name', value: '华信科技（上海）有限公司' });
    const t = tempDir();
    cleanup = t.cleanup;
    const e = await api.send('statements.export', { runId: run.id, out: t.dir }).catch((x: unknown) => x as Error);
    expect(String((e as Error).message)).toMatch(/company profile.*company\.creditCode, company\.address, company\.bankName, company\.bankAccount.*Settings → Company profile.*pwb company set/);
    // The refusal carries a reason and its params, which the window and the CLI render in the user's language.
    const body = (e as ApiError).body;
    expect(body.data).toEqual({ reason: 'companyProfileMissing', params: { missing: ['company.creditCode', 'company.address', 'company.bankName', 'company.bankAccount'] } });
    expect(errorText(body, 'zh-CN')).toBe(
      '出具结算单和对账单前需先填写公司信息，缺少：统一社会信用代码、地址、开户银行、银行账号。请在“设置 → 公司信息”中填写，或运行 pwb company set --name 名称 --credit-code 信用代码 --address 地址 --bank-name 开户行 --bank-account 账号',
    );
    expect(errorText(body, 'en')).toMatch(/^Statements need the company profile first; missing: unified social credit code, address, bank, bank account\. Fill it in under Settings → Company profile/);
    expect((await api.send('company.profile', {})).missing).toEqual(['creditCode', 'address', 'bankName', 'bankAccount']);
    await fillCompanyProfile(api);
    expect((await api.send('company.profile', {})).missing).toEqual([]);
    await expect(api.send('statements.export', { runId: run.id, out: t.dir, formats: ['pdf'], zip: false })).resolves.toMatchObject({ statements: [{ partnerCode: 'P1' }] });
  });

  it('issues a statement in English only, or Chinese only, as asked', async () => {
    const { api, run } = await approvedRun();
    const t = tempDir();
    cleanup = t.cleanup;
    const en = await api.send('statements.export', { runId: run.id, out: t.dir, formats: ['pdf'], zip: false, language: 'en' });
    const enText = execFileSync('pdftotext', ['-enc', 'UTF-8', en.statements[0].pdf!, '-'], { encoding: 'utf8' });
    expect(enText).toContain('Payout statement');
    expect(enText).toContain('Page 1 of 1');
    expect(enText).not.toContain('结算单');
    const zh = await api.send('statements.export', { runId: run.id, out: t.dir, formats: ['pdf'], zip: false, language: 'zh-CN', onExists: 'rename' });
    expect(zh.dir).toBe(`${en.dir} (2)`);
    const zhText = execFileSync('pdftotext', ['-enc', 'UTF-8', zh.statements[0].pdf!, '-'], { encoding: 'utf8' });
    expect(zhText).toContain('结算单');
    expect(zhText).not.toContain('Payout statement');
  });
});
