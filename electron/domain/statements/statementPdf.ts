import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { channelText, pct, periodText, regionText } from '../incentives/explanation';
import { formatMoney } from '../../../shared/money';
import { resourcePath } from '../resources';
import { chineseCapitals } from './chineseCapitals';
import type { StatementData } from './statementData';

/** The embedded CJK font (resources/fonts, a GB2312 subset of Noto Sans CJK SC); pdfkit subsets it again per document. */
export const STATEMENT_FONT = 'NotoSansSC-GB2312.otf';

let fontCache: unknown = null;
/**
 * The font parsed once per process (fontkit, the parser pdfkit itself uses, resolved from pdfkit's own location) and
 * shared by every document: parsing a CJK font costs more than laying out a statement. Falls back to the file path.
 */
function statementFont(): unknown {
  if (fontCache) return fontCache;
  const path = resourcePath('fonts', STATEMENT_FONT);
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = req('fontkit') as { openSync(p: string): unknown };
    fontCache = fontkit.openSync(path);
  } catch {
    fontCache = path;
  }
  return fontCache;
}

const KIND: Record<string, string> = { calculated: '计算 Calculated', adjustment: '调整 Adjustment', clawback: '追回 Clawback' };
const STATUS: Record<string, string> = { draft: '草稿 Draft', approved: '已批准 Approved', paid: '已支付 Paid', void: '已作废 Void' };
const TYPE: Record<string, string> = {
  tiered_rebate: '阶梯返利 Tiered rebate',
  target_bonus: '达成奖励 Target bonus',
  spiff: '专项激励 SPIFF',
  growth_bonus: '增长奖励 Growth bonus',
  ranking_award: '排名奖 Ranking award',
};

/** One partner's statement as a PDF (A4, bilingual zh-CN / en). Resolves with the bytes. */
export function renderStatementPdf(s: StatementData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, compress: true, info: { Title: `${s.number} ${s.partner.name}`, Author: s.company.name, Subject: 'Payout statement 结算单' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', statementFont() as string);
  doc.font('cjk');
  const cur = s.run.currency;
  const m = (v: number) => formatMoney(v, cur);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;

  // Header: logo, company, title, number.
  let logoDrawn = false;
  if (s.company.logoPath && existsSync(s.company.logoPath)) {
    try {
      doc.image(s.company.logoPath, left, 36, { fit: [120, 40] });
      logoDrawn = true;
    } catch {
      /* unsupported image: the name alone identifies the company */
    }
  }
  doc.fontSize(14).fillColor('#000').text(s.company.name, left + (logoDrawn ? 130 : 0), 40, { width: width - (logoDrawn ? 130 : 0), align: logoDrawn ? 'right' : 'left' });
  doc.moveDown(0.8);
  doc.fontSize(18).text('结算单  Payout statement', left, Math.max(doc.y, 86), { width, align: 'center' });
  doc.fontSize(10).fillColor('#333').text(`编号 No. ${s.number}`, { width, align: 'center' });
  doc.moveDown(0.8);

  // Partner and run facts, two columns.
  const facts: Array<[string, string]> = [
    ['伙伴 Partner', `${s.partner.name}${s.partner.nameEn ? ` / ${s.partner.nameEn}` : ''}`],
    ['编码 Code', s.partner.code],
    ['渠道 Channel', `${channelText(s.partner.channelType, 'zh-CN')} / ${channelText(s.partner.channelType, 'en')}`],
    ['区域 Region', `${regionText(s.partner.region, 'zh-CN')} / ${regionText(s.partner.region, 'en')}`],
    ['期间 Period', `${periodText(s.run.period, 'zh-CN')} / ${periodText(s.run.period, 'en')}`],
    ['激励政策 Program', `${s.run.programName} (${s.run.programCode})`],
    ['类型 Type', TYPE[s.run.programType] ?? s.run.programType],
    ['结算批次 Run', `#${s.run.id} v${s.run.version} · ${STATUS[s.run.status] ?? s.run.status}${s.run.paymentRef ? ` · 付款 Ref ${s.run.paymentRef} ${s.run.paidAt ?? ''}` : ''}`],
  ];
  if (s.partner.bankName || s.partner.bankAccount) facts.push(['开户行 / 账号 Bank', `${s.partner.bankName ?? ''} ${s.partner.bankAccount ?? ''}`.trim()]);
  doc.fontSize(9).fillColor('#000');
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.fillColor('#555').text(k, left, y, { width: 120 });
    doc.fillColor('#000').text(v, left + 125, y, { width: width - 125 });
    doc.moveDown(0.15);
  }
  doc.moveDown(0.6);

  // Lines: kind, basis, rate, amount; then the explanation in both languages.
  const cols = [
    { title: '类型 Kind', w: 120, align: 'left' as const },
    { title: '基数 Basis', w: 130, align: 'right' as const },
    { title: '比率 Rate / 档位 Tier', w: 120, align: 'right' as const },
    { title: '金额 Amount', w: width - 370, align: 'right' as const },
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
    const expl = `${l.explanation}\n${l.explanationEn}`;
    doc.fontSize(8);
    const h = doc.heightOfString(expl, { width: width - 12 }) + 18;
    if (doc.y + h > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    const rate = l.kind === 'calculated' ? [l.rate != null ? pct(l.rate) : '', l.tierReached != null ? `#${l.tierReached}` : ''].filter(Boolean).join(' · ') : '';
    const cells = [KIND[l.kind] ?? l.kind, l.kind === 'adjustment' ? '' : m(l.basisMinor), rate, m(l.amountMinor)];
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
    section('计算明细  Calculated lines');
    calculated.forEach(row);
  }
  if (others.length) {
    doc.moveDown(0.5);
    section('调整与追回  Adjustments and clawbacks');
    others.forEach(row);
  }

  // Total in figures and, for CNY, in Chinese capitals.
  if (doc.y > bottom() - 60) doc.addPage();
  doc.moveDown(0.6);
  doc.fontSize(12).fillColor('#000').text(`合计 Total: ${m(s.totalMinor)}`, left, doc.y, { width, align: 'right' });
  if (cur === 'CNY') doc.fontSize(11).text(`人民币大写 Amount in words: ${chineseCapitals(s.totalMinor)}`, left, doc.y + 2, { width, align: 'right' });

  // Footer on every page: page numbers and generated time.
  const range = doc.bufferedPageRange();
  const generated = localTimestamp(s.generatedAt);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Write into the bottom margin without pdfkit starting a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 8;
    doc.fontSize(8).fillColor('#666');
    doc.text(`${s.number} · 生成时间 Generated ${generated}`, left, y, { width: width / 2, lineBreak: false });
    doc.text(`第 ${i + 1} / ${range.count} 页  Page ${i + 1} of ${range.count}`, left + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
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
