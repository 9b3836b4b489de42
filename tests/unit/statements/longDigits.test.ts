import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { csvLine } from '../../../electron/domain/exports/csvWriter';
import { tempDir } from '../../helpers/workspace';
import { fillCompanyProfile, rebateProgram, sale, setup } from '../incentives/fixture';

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

/** What Excel does with a CSV field: ="…" is a text constant; bare digits become a number (15 significant digits). */
function excelReads(field: string): string {
  const unq = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
  const m = /^="(.*)"$/.exec(unq);
  return m ? m[1] : /^\d+$/.test(unq) ? BigInt(Number(unq)).toString() : unq;
}

describe('long digit strings survive Excel', () => {
  it('text cells in the finance XLSX, ="…" in the Excel-flavoured CSV, bare digits in the plain CSV', async () => {
    const { api, ws, ids } = await setup([['LD01', { name: '长账号商行', creditCode: '914501081313689056', bankAccount: '622202100012345678901' }]]);
    sale(ws, ids.LD01, '2025-02-01', 61_234_000);
    await fillCompanyProfile(api);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    const t = tempDir();
    cleanup = t.cleanup;
    const r = await api.send('statements.export', { runId: run.id, out: t.dir, formats: ['xlsx', 'csv'], zip: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.finance.xlsx!);
    const row = wb.worksheets[0].getRow(2);
    expect([row.getCell(4).value, row.getCell(6).value]).toEqual(['914501081313689056', '622202100012345678901']);
    expect([row.getCell(4).numFmt, row.getCell(6).numFmt]).toEqual(['@', '@']);
    expect(readFileSync(r.finance.csv!, 'utf8')).toContain(',914501081313689056,');
    const excel = readFileSync(r.finance.excelCsv!, 'utf8');
    expect(excel.charCodeAt(0)).toBe(0xfeff);
    const fields = excel.trim().split('\r\n')[1].split(',');
    expect(excelReads(fields[3])).toBe('914501081313689056');
    expect(excelReads(fields[5])).toBe('622202100012345678901');
    expect(excelReads('622202100012345678901')).not.toBe('622202100012345678901'); // the plain CSV opened in Excel loses digits
    expect(excelReads(fields[8])).toBe(String(r.statements[0].totalMinor)); // amounts stay numbers
  });

  it('the Excel flavour wraps only number-like text; formula-looking text is still neutralised', () => {
    expect(csvLine(['=HYPERLINK("x")', '622202100012345678901', '0755', '12E3', 'ABC123', -5], 'excel')).toBe(
      `"'=HYPERLINK(""x"")","=""622202100012345678901""","=""0755""","=""12E3""",ABC123,-5\r\n`,
    );
    expect(csvLine(['="1"+cmd', '+1234567890123'], 'excel')).toBe(`"'=""1""+cmd",'+1234567890123\r\n`);
    expect(csvLine(['622202100012345678901'])).toBe('622202100012345678901\r\n');
  });
});
