import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/money';
import { tempDir } from '../../helpers/workspace';
import { fillCompanyProfile, rebateProgram, sale, setup } from '../incentives/fixture';

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

async function ledgerWithHistory() {
  const ctx = await setup([['SZ01', { name: '深圳市鑫睿贸易有限公司', creditCode: '914501081313689056', bankAccount: '622202100012345678901' }], ['DG02', { name: '东莞莞城电子商行' }], ['NONE']]);
  const { ws, api, ids } = ctx;
  sale(ws, ids.SZ01, '2025-02-01', 61_234_000);
  sale(ws, ids.DG02, '2025-02-01', 50_000_033);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  const q1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
  await api.send('incentives.payouts.approve', { runId: q1.id });
  const today = (await api.send('ledger.accruals', {})).asOf;
  await api.send('incentives.payouts.pay', { runId: q1.id, paymentRef: 'BANK-7788', date: today });
  sale(ws, ids.SZ01, '2025-03-15', -2_000_000);
  sale(ws, ids.SZ01, '2025-05-01', 61_234_000);
  const q2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q2' });
  await api.send('incentives.payouts.approve', { runId: q2.id });
  return { ...ctx, today };
}

describe('对账单 (reconciliation statement)', () => {
  it('is refused without a company profile, saying where to fill it', async () => {
    const { api, today } = await ledgerWithHistory();
    const t = tempDir();
    cleanup = t.cleanup;
    await expect(api.send('ledger.statements', { partnerCodes: ['SZ01'], from: today, to: today, out: t.dir })).rejects.toThrow(/company profile.*Settings → Company profile.*pwb company set/);
  });

  it('PDF text holds the opening and closing balance and every entry; the XLSX holds the same figures as numbers', async () => {
    const { api, today } = await ledgerWithHistory();
    await fillCompanyProfile(api);
    const t = tempDir();
    cleanup = t.cleanup;
    const ledger = await api.send('ledger.partner', { partnerCode: 'SZ01', from: today, to: today });
    expect(ledger.entries.map((e) => e.kind)).toEqual(['approved', 'paid', 'approved', 'clawback']);
    const r = await api.send('ledger.statements', { partnerCodes: ['SZ01'], from: today, to: today, out: t.dir, language: 'bilingual' });
    const s = r.statements[0];
    expect([s.openingMinor, s.closingMinor, s.entries]).toEqual([ledger.openingMinor, ledger.closingMinor, 4]);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', s.pdf!, '-'], { encoding: 'utf8' });
    expect(text).toContain('对账单');
    expect(text).toMatch(new RegExp(`期初余额 Opening balance\\s+${formatMoney(ledger.openingMinor).replace(/[$¥.]/g, '\\$&')}`));
    expect(text).toMatch(new RegExp(`期末余额 Closing balance\\s+${formatMoney(ledger.closingMinor).replace(/[$¥.]/g, '\\$&')}`));
    for (const e of ledger.entries) {
      const line = text.split('\n').find((l) => l.includes(e.ref) && l.includes(formatMoney(e.amountMinor)));
      expect(line, `${e.kind} ${e.ref} ${e.amountMinor}`).toBeTruthy();
      expect(line).toContain(formatMoney(e.balanceMinor));
    }
    expect(text).toContain('914501081313689056');
    expect(text).toContain('622202100012345678901');
    expect(text).toMatch(/盖章[\s\S]*签字[\s\S]*日期/);
    expect(text).toContain('第 1 页 / 共 1 页');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(s.xlsx!);
    const sheet = wb.worksheets[0];
    const values = sheet.getSheetValues().slice(2) as unknown[][];
    const amounts = values.filter((row) => typeof row?.[5] === 'number').map((row) => Math.round((row[5] as number) * 100));
    expect(amounts).toEqual(ledger.entries.map((e) => e.amountMinor).concat([ledger.accruedMinor]));
    // the long digit strings are text cells, digit for digit
    const cells = values.flat().filter((v) => typeof v === 'string');
    expect(cells).toContain('622202100012345678901');
    expect(cells).toContain('914501081313689056');
  });

  it('bulk: one statement for every partner with a balance, none for partners without', async () => {
    const { api, today } = await ledgerWithHistory();
    await fillCompanyProfile(api);
    const t = tempDir();
    cleanup = t.cleanup;
    const r = await api.send('ledger.statements', { from: today, to: today, out: t.dir, formats: ['pdf'], language: 'en' });
    // DG02 was paid in full with run 1: no balance, no statement.
    expect(r.statements.map((s) => [s.partnerCode, s.closingMinor])).toEqual([['SZ01', 1_184_680]]);
    expect(r.zip).toMatch(/\.zip$/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', r.statements[0].pdf!, '-'], { encoding: 'utf8' });
    expect(text).toContain('Reconciliation statement');
    expect(text).not.toContain('对账单');
  });
});
