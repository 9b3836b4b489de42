import type ExcelJS from 'exceljs';
import { lazyModule } from '../lazyModule';
import { workbookCell } from '../exports/safeCell';
import { channelText, periodText, regionText } from '../incentives/explanation';
import { minorExponent } from '../../../shared/money';
import { chineseCapitals } from './chineseCapitals';
import type { StatementData } from './statementData';
import { localTimestamp } from './statementPdf';

const excel = lazyModule<typeof ExcelJS>('exceljs');

const KIND: Record<string, string> = { calculated: '计算 Calculated', adjustment: '调整 Adjustment', clawback: '追回 Clawback' };
const STATUS: Record<string, string> = { draft: '草稿 Draft', approved: '已批准 Approved', paid: '已支付 Paid', void: '已作废 Void' };

/** Column headers of the statement's line table (row LINE_HEADER_ROW of the sheet). */
export const STATEMENT_LINE_HEADER = ['类型 Kind', '基数 Basis', '比率 Rate', '档位/名次 Tier/Rank', '金额 Amount', '说明 Explanation', 'Explanation (en)', '原因 Reason', '行号 Line id'];

const toMajor = (minor: number, currency: string) => minor / 10 ** minorExponent(currency);

/** One partner's statement as an XLSX workbook: facts, then the lines (amounts as numbers, text as typed text cells), then the total. */
export function buildStatementWorkbook(s: StatementData): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = s.company.name ?? '';
  wb.created = new Date(s.generatedAt);
  const ws = wb.addWorksheet('结算单 Statement');
  const cur = s.run.currency;
  const numFmt = minorExponent(cur) ? '#,##0.00' : '#,##0';
  const text = (v: string | null | undefined) => workbookCell(v ?? '');
  ws.addRow([text(s.company.name)]).font = { bold: true, size: 14 };
  ws.addRow([text('结算单 Payout statement'), text(s.number)]);
  const facts: Array<[string, string]> = [
    ['伙伴 Partner', s.partner.name],
    ['Partner (en)', s.partner.nameEn ?? ''],
    ['编码 Code', s.partner.code],
    ['统一社会信用代码 Credit code', s.partner.creditCode ?? ''],
    ['开户行 Bank name', s.partner.bankName ?? ''],
    ['银行账号 Bank account', s.partner.bankAccount ?? ''],
    ['渠道 Channel', `${channelText(s.partner.channelType, 'zh-CN')} / ${channelText(s.partner.channelType, 'en')}`],
    ['区域 Region', `${regionText(s.partner.region, 'zh-CN')} / ${regionText(s.partner.region, 'en', s.partner.regionEn)}`],
    ['期间 Period', `${periodText(s.run.period, 'zh-CN')} / ${periodText(s.run.period, 'en')}`],
    ['激励政策 Program', `${s.run.programName} (${s.run.programCode})`],
    ['结算批次 Run', `#${s.run.id} v${s.run.version} · ${STATUS[s.run.status] ?? s.run.status}`],
    ['币种 Currency', cur],
    ['生成时间 Generated', localTimestamp(s.generatedAt)],
  ];
  // Long digit strings (credit code, bank account) stay text: the cell is typed '@' as well as holding a string.
  for (const [k, v] of facts) ws.addRow([text(k), text(v)]).getCell(2).numFmt = '@';
  ws.addRow([]);
  const head = ws.addRow(STATEMENT_LINE_HEADER.map(text));
  head.font = { bold: true };
  for (const l of s.lines) {
    const r = ws.addRow([
      text(KIND[l.kind] ?? l.kind),
      l.kind === 'adjustment' ? null : toMajor(l.basisMinor, cur),
      l.rate,
      l.tierReached,
      toMajor(l.amountMinor, cur),
      text(l.explanation),
      text(l.explanationEn),
      text(l.reason),
      l.id,
    ]);
    r.getCell(2).numFmt = numFmt;
    r.getCell(5).numFmt = numFmt;
    r.getCell(3).numFmt = '0.00##%';
  }
  const total = ws.addRow([text('合计 Total'), null, null, null, toMajor(s.totalMinor, cur)]);
  total.font = { bold: true };
  total.getCell(5).numFmt = numFmt;
  if (cur === 'CNY') ws.addRow([text('人民币大写 Amount in words'), text(chineseCapitals(s.totalMinor))]);
  ws.columns.forEach((c, i) => (c.width = [18, 16, 10, 12, 16, 60, 60, 24, 10][i] ?? 12));
  return wb;
}

export async function writeStatementXlsx(s: StatementData, path: string): Promise<void> {
  await buildStatementWorkbook(s).xlsx.writeFile(path);
}
