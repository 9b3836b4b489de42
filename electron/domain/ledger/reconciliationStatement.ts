import { mkdirSync, writeFileSync } from 'node:fs';
import { outputPath, type OnExists } from '../exports/outputPath';
import { join } from 'node:path';
import { zipBesideFolder } from '../exports/zipFiles';
import { formatMoney, minorExponent } from '../../../shared/money';
import type { OpContext } from '../opContext';
import type { CompanyProfile, StatementLanguage } from '../../model/company';
import { requireCompanyProfile } from '../company/companyProfile';
import { writeXlsx } from '../exports/xlsxWriter';
import { chineseCapitals } from '../statements/chineseCapitals';
import { drawFacts, drawLetterhead, drawPageFooters, drawSignatureBlock, openPdf, taxText, wordsFor, type Words } from '../statements/pdfParts';
import { localTimestamp } from '../statements/statementPdf';
import { partnerLedger, partnersWithBalance } from './partnerLedger';
import type { LedgerEntryKind, PartnerLedger, ReconciliationExportResult } from '../../model/ledger';

export const RECONCILIATION_FORMATS = ['pdf', 'xlsx'] as const;
export type ReconciliationFormat = (typeof RECONCILIATION_FORMATS)[number];

const KIND_WORDS: Record<LedgerEntryKind, [string, string]> = {
  approved: ['批准应付', 'Approved'],
  adjustment: ['调整', 'Adjustment'],
  clawback: ['追回', 'Clawback'],
  paid: ['付款', 'Paid'],
  void: ['作废冲回', 'Voided'],
};

export function kindWords(kind: LedgerEntryKind, w: Words): string {
  const [zh, en] = KIND_WORDS[kind];
  return w(zh, en);
}

interface StatementInput {
  ledger: PartnerLedger;
  company: CompanyProfile;
  language: StatementLanguage;
  generatedAt: string;
}

const rangeText = (l: PartnerLedger, w: Words) => `${l.from ?? w('开始', 'start')} ${w('至', 'to')} ${l.to ?? w('今日', 'today')}`;

/** 对账单: opening balance, every entry with the running balance, closing balance, accrued, and the partner's confirmation block. */
export function renderReconciliationPdf(s: StatementInput): Promise<Buffer> {
  const { ledger: l, company, language } = s;
  const w = wordsFor(language);
  const { doc, done } = openPdf({ Title: `对账单 ${l.partner.code} ${l.from ?? ''}–${l.to ?? ''}`, Author: company.name ?? '', Subject: 'Reconciliation statement 对账单' });
  const m = (v: number) => formatMoney(v, l.currency);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;
  drawLetterhead(doc, company, w, language);
  doc.moveDown(0.8);
  doc.fontSize(18).text(w('对账单', 'Reconciliation statement'), left, Math.max(doc.y, 86), { width, align: 'center' });
  doc.fontSize(10).fillColor('#333').text(`${w('期间', 'Period')} ${rangeText(l, w)} · ${w('币种', 'Currency')} ${l.currency}`, { width, align: 'center' });
  doc.moveDown(0.8);
  const partnerName = language === 'en' ? (l.partner.nameEn ?? l.partner.name) : `${l.partner.name}${language === 'bilingual' && l.partner.nameEn ? ` / ${l.partner.nameEn}` : ''}`;
  const facts: Array<[string, string]> = [
    [w('伙伴', 'Partner'), partnerName],
    [w('编码', 'Code'), l.partner.code],
    [w('信用代码', 'Credit code'), l.partner.creditCode ?? w('（未登记）', '(not on file)')],
    [w('开户行 / 账号', 'Bank'), `${l.partner.bankName ?? ''} ${l.partner.bankAccount ?? ''}`.trim() || '—'],
    [w('计税方式', 'Tax'), taxText(company, w)],
  ];
  if (company.invoiceRequirement) facts.push([w('开票要求', 'Invoice'), company.invoiceRequirement]);
  drawFacts(doc, facts, 110);
  const cols = [
    { title: w('日期', 'Date'), w: 70, align: 'left' as const },
    { title: w('类型', 'Kind'), w: 125, align: 'left' as const },
    { title: w('参考', 'Reference'), w: width - 70 - 125 - 95 - 95, align: 'left' as const },
    { title: w('金额', 'Amount'), w: 95, align: 'right' as const },
    { title: w('余额', 'Balance'), w: 95, align: 'right' as const },
  ];
  const header = () => {
    const y = doc.y;
    doc.rect(left, y - 2, width, 16).fill('#eef2f7');
    doc.fillColor('#000').fontSize(9);
    let x = left;
    for (const c of cols) {
      doc.text(c.title, x + 4, y + 1, { width: c.w - 8, align: c.align, lineBreak: false });
      x += c.w;
    }
    doc.y = y + 18;
  };
  const row = (cells: string[], bold = false) => {
    if (doc.y + 16 > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.fontSize(9).fillColor(bold ? '#000' : '#111');
    let x = left;
    cols.forEach((c, i) => {
      doc.text(cells[i] ?? '', x + 4, y, { width: c.w - 8, align: c.align, height: 11, ellipsis: true });
      x += c.w;
    });
    doc.moveTo(left, y + 13).lineTo(left + width, y + 13).lineWidth(0.3).strokeColor('#ddd').stroke();
    doc.y = y + 16;
  };
  header();
  row([l.from ?? '', w('期初余额', 'Opening balance'), '', '', m(l.openingMinor)], true);
  for (const e of l.entries) row([e.date, kindWords(e.kind, w), e.note && e.kind !== 'paid' ? `${e.ref} · ${e.note}` : e.ref, m(e.amountMinor), m(e.balanceMinor)]);
  row([l.to ?? '', w('期末余额', 'Closing balance'), '', '', m(l.closingMinor)], true);
  doc.moveDown(0.6);
  if (doc.y > bottom() - 50) doc.addPage();
  doc.fontSize(11).fillColor('#000').text(`${w('期末应付余额', 'Balance owed at the end')}: ${m(l.closingMinor)}`, left, doc.y, { width, align: 'right' });
  if (l.currency === 'CNY' && language !== 'en') doc.fontSize(10).text(`${w('人民币大写', 'Amount in words')}: ${chineseCapitals(l.closingMinor)}`, left, doc.y + 2, { width, align: 'right' });
  doc.fontSize(9).fillColor('#444').text(`${w('已计算未批准（预提，不计入余额）', 'Calculated, not yet approved (accrued, not in the balance)')}: ${m(l.accruedMinor)}`, left, doc.y + 4, { width, align: 'right' });
  drawSignatureBlock(
    doc,
    w,
    { issuer: company.name ?? '', partner: l.partner.name },
    w('请核对以上往来明细。如无异议，请盖章签字确认后寄回；如有差异，请注明差异金额及原因。', 'Please check the entries above. If they agree with your records, stamp, sign and return this statement; otherwise note the difference and why.'),
  );
  drawPageFooters(doc, w, `${w('对账单', 'Reconciliation statement')} ${l.partner.code} · ${w('生成时间', 'Generated')} ${localTimestamp(s.generatedAt)}`);
  doc.end();
  return done;
}

/** The same statement as XLSX: words and local days, amounts as numbers, long digit strings as text cells. */
export async function writeReconciliationXlsx(s: StatementInput, path: string): Promise<void> {
  const { ledger: l, company } = s;
  const w = wordsFor(s.language);
  const major = (v: number) => v / 10 ** minorExponent(l.currency);
  type Row = [string, string, string, string, number | null, number | null];
  const rows: Row[] = [
    [w('公司', 'Company'), company.name ?? '', '', '', null, null],
    [w('伙伴', 'Partner'), l.partner.name, l.partner.code, '', null, null],
    [w('信用代码', 'Credit code'), l.partner.creditCode ?? '', '', '', null, null],
    [w('银行账号', 'Bank account'), l.partner.bankAccount ?? '', l.partner.bankName ?? '', '', null, null],
    [w('期间', 'Period'), rangeText(l, w), l.currency, '', null, null],
    [w('生成时间', 'Generated'), localTimestamp(s.generatedAt), '', '', null, null],
    [l.from ?? '', w('期初余额', 'Opening balance'), '', '', null, major(l.openingMinor)],
    ...l.entries.map((e): Row => [e.date, kindWords(e.kind, w), e.ref, e.note ?? '', major(e.amountMinor), major(e.balanceMinor)]),
    [l.to ?? '', w('期末余额', 'Closing balance'), '', '', null, major(l.closingMinor)],
    ['', w('已计算未批准（预提）', 'Accrued (not yet approved)'), '', '', major(l.accruedMinor), null],
  ];
  const numeric = (i: 4 | 5) => (r: Row) => r[i];
  await writeXlsx(
    path,
    [
      {
        name: w('对账单', 'Reconciliation'),
        columns: [
          { header: w('日期', 'Date'), value: (r: Row) => r[0], width: 22 },
          { header: w('类型', 'Kind'), value: (r: Row) => r[1], width: 30 },
          { header: w('参考', 'Reference'), value: (r: Row) => r[2], width: 28 },
          { header: w('说明', 'Note'), value: (r: Row) => r[3], width: 28 },
          { header: w('金额', 'Amount'), value: numeric(4), kind: 'number' as const, width: 16 },
          { header: w('余额', 'Balance'), value: numeric(5), kind: 'number' as const, width: 16 },
        ],
        rows,
      },
    ],
    { creator: company.name ?? '' },
  );
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

/**
 * 对账单 for one partner, some partners, or (no partners given) every partner with a balance at the end of the range:
 * PDF and/or XLSX per partner into `<out>/reconciliation_<from>_<to>/` and a zip beside it. Refused without a complete company profile.
 */
export async function exportReconciliationStatements(
  ctx: OpContext,
  input: { partnerCodes?: string[]; from: string; to: string; out: string; onExists?: OnExists; formats?: ReconciliationFormat[]; language?: StatementLanguage; zip?: boolean },
): Promise<ReconciliationExportResult> {
  const { ws } = ctx;
  const company = requireCompanyProfile(ws);
  const language = input.language ?? company.statementLanguage;
  const formats = new Set(input.formats ?? RECONCILIATION_FORMATS);
  const ids = input.partnerCodes?.length
    ? input.partnerCodes.map((code) => partnerLedger(ws, { partnerCode: code, from: input.from, to: input.to }, ctx.clock).partner.id)
    : partnersWithBalance(ws, ctx.clock, input.to);
  const dir = outputPath(join(input.out, safeName(`reconciliation_${input.from}_${input.to}`)), input.onExists, true);
  mkdirSync(dir, { recursive: true });
  const generatedAt = ctx.clock.now().toISOString();
  const files: string[] = [];
  const statements: ReconciliationExportResult['statements'] = [];
  ctx.progress('statements', 0, ids.length);
  for (let i = 0; i < ids.length; i++) {
    ctx.throwIfCancelled();
    const ledger = partnerLedger(ws, { partnerId: ids[i], from: input.from, to: input.to }, ctx.clock);
    const base = join(dir, safeName(`DZ_${ledger.partner.code}_${input.from}_${input.to}`));
    const s = { ledger, company, language, generatedAt };
    let pdf: string | null = null;
    let xlsx: string | null = null;
    if (formats.has('pdf')) {
      pdf = `${base}.pdf`;
      writeFileSync(pdf, await renderReconciliationPdf(s));
      files.push(pdf);
    }
    if (formats.has('xlsx')) {
      xlsx = `${base}.xlsx`;
      await writeReconciliationXlsx(s, xlsx);
      files.push(xlsx);
    }
    statements.push({ partnerCode: ledger.partner.code, openingMinor: ledger.openingMinor, closingMinor: ledger.closingMinor, accruedMinor: ledger.accruedMinor, entries: ledger.entries.length, pdf, xlsx });
    ctx.progress('statements', i + 1, ids.length);
  }
  let zip: string | null = null;
  if (input.zip !== false && files.length) {
    zip = await zipBesideFolder(dir, files);
  }
  ctx.audit({ entity: 'partner_ledger', after: { dir, zip, from: input.from, to: input.to, partners: statements.map((s) => s.partnerCode), formats: [...formats] } });
  return { dir, zip, files, statements };
}
