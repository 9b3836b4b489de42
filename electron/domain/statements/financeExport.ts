import type ExcelJSModule from 'exceljs';
import { lazyModule } from '../lazyModule';
import { CsvWriter, type CsvFlavour } from '../exports/csvWriter';
import { workbookCell } from '../exports/safeCell';
import { formatMinor, minorExponent } from '../../../shared/money';
import { chineseCapitals } from './chineseCapitals';
import type { StatementData } from './statementData';

const excel = lazyModule<typeof ExcelJSModule>('exceljs');

export const FINANCE_HEADER = [
  '结算单号 Statement no.',
  '伙伴编码 Partner code',
  '伙伴名称 Partner name',
  '统一社会信用代码 Credit code',
  '开户行 Bank name',
  '银行账号 Bank account',
  '币种 Currency',
  '金额 Amount',
  '金额（分）Amount minor',
  '大写金额 Amount in words',
  '激励政策 Program',
  '期间 Period',
  '结算批次 Run',
];

function row(s: StatementData): Array<string | number | null> {
  const cur = s.run.currency;
  return [
    s.number,
    s.partner.code,
    s.partner.name,
    s.partner.creditCode,
    s.partner.bankName,
    s.partner.bankAccount,
    cur,
    formatMinor(s.totalMinor, cur, { grouping: false }),
    s.totalMinor,
    cur === 'CNY' ? chineseCapitals(s.totalMinor) : '',
    s.run.programCode,
    s.run.period,
    s.run.id,
  ];
}

/** One CSV (UTF-8 with BOM, formula-safe) of all partners' totals with bank fields, for finance. */
export async function writeFinanceCsv(statements: StatementData[], path: string, flavour: CsvFlavour = 'plain'): Promise<void> {
  const w = new CsvWriter(path, FINANCE_HEADER, flavour);
  for (const s of statements) w.write(row(s));
  await w.close();
}

/** The same as XLSX; amounts as numbers. */
export async function writeFinanceXlsx(statements: StatementData[], path: string): Promise<void> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet('Finance 财务');
  ws.addRow(FINANCE_HEADER.map((h) => workbookCell(h))).font = { bold: true };
  for (const s of statements) {
    const r = row(s);
    const cur = s.run.currency;
    r[7] = s.totalMinor / 10 ** minorExponent(cur);
    const added = ws.addRow(r.map((v) => (typeof v === 'string' ? workbookCell(v) : v)));
    added.getCell(8).numFmt = minorExponent(cur) ? '#,##0.00' : '#,##0';
    // Credit code and bank account: text cells, typed text too, so an edit in Excel keeps every digit.
    added.getCell(4).numFmt = '@';
    added.getCell(6).numFmt = '@';
  }
  ws.columns.forEach((c, i) => (c.width = [18, 14, 30, 22, 24, 24, 8, 14, 14, 30, 18, 10, 8][i] ?? 12));
  await wb.xlsx.writeFile(path);
}
