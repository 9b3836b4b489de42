import { channelText, pct, periodText, regionText } from '../incentives/explanation';
import { formatMoney } from '../../../shared/money';
import { chineseCapitals } from './chineseCapitals';
import { drawFacts, drawLetterhead, drawPageFooters, drawSignatureBlock, openPdf, taxText, wordsFor } from './pdfParts';
import type { StatementData } from './statementData';

export { STATEMENT_FONT } from './pdfParts';

const KIND: Record<string, [string, string]> = { calculated: ['计算', 'Calculated'], adjustment: ['调整', 'Adjustment'], clawback: ['追回', 'Clawback'] };
const STATUS: Record<string, [string, string]> = { draft: ['草稿', 'Draft'], approved: ['已批准', 'Approved'], paid: ['已支付', 'Paid'], void: ['已作废', 'Void'] };
const TYPE: Record<string, [string, string]> = {
  tiered_rebate: ['阶梯返利', 'Tiered rebate'],
  target_bonus: ['达成奖励', 'Target bonus'],
  spiff: ['专项激励', 'SPIFF'],
  growth_bonus: ['增长奖励', 'Growth bonus'],
  ranking_award: ['排名奖', 'Ranking award'],
};

/** One partner's statement as a PDF (A4, in the statement's language: zh-CN, en or both). Resolves with the bytes. */
export function renderStatementPdf(s: StatementData): Promise<Buffer> {
  const { doc, done } = openPdf({ Title: `${s.number} ${s.partner.name}`, Author: s.company.name ?? '', Subject: 'Payout statement 结算单' });
  const lang = s.language;
  const w = wordsFor(lang);
  const pair = (p: [string, string] | undefined, raw: string) => (p ? w(p[0], p[1]) : raw);
  const both = (zh: string, en: string) => (lang === 'zh-CN' ? zh : lang === 'en' ? en : `${zh} / ${en}`);
  const cur = s.run.currency;
  const m = (v: number) => formatMoney(v, cur);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;

  // Header: letterhead, title, number.
  drawLetterhead(doc, s.company, w, lang);
  doc.moveDown(0.8);
  doc.fontSize(18).text(w('结算单', 'Payout statement'), left, Math.max(doc.y, 86), { width, align: 'center' });
  doc.fontSize(10).fillColor('#333').text(`${w('编号', 'No.')} ${s.number}`, { width, align: 'center' });
  doc.moveDown(0.8);

  // Partner and run facts, two columns.
  const facts: Array<[string, string]> = [
    [w('伙伴', 'Partner'), lang === 'en' ? (s.partner.nameEn ?? s.partner.name) : `${s.partner.name}${lang === 'bilingual' && s.partner.nameEn ? ` / ${s.partner.nameEn}` : ''}`],
    [w('编码', 'Code'), s.partner.code],
    [w('信用代码', 'Credit code'), s.partner.creditCode ?? w('（未登记）', '(not on file)')],
    [w('渠道', 'Channel'), both(channelText(s.partner.channelType, 'zh-CN'), channelText(s.partner.channelType, 'en'))],
    [w('区域', 'Region'), both(regionText(s.partner.region, 'zh-CN'), regionText(s.partner.region, 'en', s.partner.regionEn))],
    [w('期间', 'Period'), both(periodText(s.run.period, 'zh-CN'), periodText(s.run.period, 'en'))],
    [w('激励政策', 'Program'), `${s.run.programName} (${s.run.programCode})`],
    [w('类型', 'Type'), pair(TYPE[s.run.programType], s.run.programType)],
    [w('结算批次', 'Run'), `#${s.run.id} v${s.run.version} · ${pair(STATUS[s.run.status], s.run.status)}${s.run.paymentRef ? ` · ${w('付款', 'Ref')} ${s.run.paymentRef} ${s.run.paidAt ?? ''}` : ''}`],
    [w('计税方式', 'Tax'), taxText(s.company, w)],
  ];
  if (s.company.invoiceRequirement) facts.push([w('开票要求', 'Invoice'), s.company.invoiceRequirement]);
  if (s.partner.bankName || s.partner.bankAccount) facts.push([w('开户行 / 账号', 'Bank'), `${s.partner.bankName ?? ''} ${s.partner.bankAccount ?? ''}`.trim()]);
  drawFacts(doc, facts, 120);

  // Lines: kind, basis, rate, amount; then the explanation in both languages.
  const cols = [
    { title: w('类型', 'Kind'), w: 120, align: 'left' as const },
    { title: w('基数', 'Basis'), w: 130, align: 'right' as const },
    { title: w('比率 / 档位', 'Rate / Tier'), w: 120, align: 'right' as const },
    { title: w('金额', 'Amount'), w: width - 370, align: 'right' as const },
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
  const section = (title: string) => {
    if (doc.y > bottom() - 60) doc.addPage();
    doc.fontSize(11).fillColor('#000').text(title, left, doc.y);
    doc.moveDown(0.3);
    header();
  };
  const row = (l: StatementData['lines'][number]) => {
    const expl = lang === 'zh-CN' ? l.explanation : lang === 'en' ? l.explanationEn : `${l.explanation}\n${l.explanationEn}`;
    doc.fontSize(8);
    const h = doc.heightOfString(expl, { width: width - 12 }) + 18;
    if (doc.y + h > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const rate = l.kind === 'calculated' ? [l.rate != null ? pct(l.rate) : '', l.tierReached != null ? `#${l.tierReached}` : ''].filter(Boolean).join(' · ') : '';
    const cells = [pair(KIND[l.kind], l.kind), l.kind === 'adjustment' ? '' : m(l.basisMinor), rate, m(l.amountMinor)];
    doc.fontSize(9).fillColor('#000');
    let x = left;
    cols.forEach((c, i) => {
      doc.text(cells[i], x + 4, y, { width: c.w - 8, align: c.align, lineBreak: false });
      x += c.w;
    });
    doc.fontSize(8).fillColor('#444').text(expl, left + 8, y + 13, { width: width - 12 });
    doc.moveTo(left, doc.y + 3).lineTo(left + width, doc.y + 3).lineWidth(0.3).strokeColor('#ccc').stroke();
    doc.y += 7;
  };
  const calculated = s.lines.filter((l) => l.kind === 'calculated');
  const others = s.lines.filter((l) => l.kind !== 'calculated');
  if (calculated.length) {
    section(w('计算明细', 'Calculated lines'));
    calculated.forEach(row);
  }
  if (others.length) {
    doc.moveDown(0.5);
    section(w('调整与追回', 'Adjustments and clawbacks'));
    others.forEach(row);
  }

  // Total in figures and, for CNY, in Chinese capitals.
  if (doc.y > bottom() - 60) doc.addPage();
  doc.moveDown(0.6);
  doc.fontSize(12).fillColor('#000').text(`${w('合计', 'Total')}: ${m(s.totalMinor)}`, left, doc.y, { width, align: 'right' });
  if (cur === 'CNY' && lang !== 'en') doc.fontSize(11).text(`${w('人民币大写', 'Amount in words')}: ${chineseCapitals(s.totalMinor)}`, left, doc.y + 2, { width, align: 'right' });

  drawSignatureBlock(doc, w, { issuer: s.company.name ?? '', partner: s.partner.name }, w('以上金额经双方确认无误。', 'Both parties confirm the amounts above.'));
  drawPageFooters(doc, w, `${s.number} · ${w('生成时间', 'Generated')} ${localTimestamp(s.generatedAt)}`);
  doc.end();
  return done;
}

/** '2026-11-22T13:32:11.000Z' → '2026-11-22 21:32:11 UTC+08:00' in the machine's time zone (where the statement is issued). */
export function localTimestamp(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `UTC${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}
