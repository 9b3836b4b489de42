import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKitModule from 'pdfkit';
import { lazyModule } from '../lazyModule';
import type { CompanyProfile, StatementLanguage } from '../../model/company';
import { resourcePath } from '../resources';

const pdfkit = lazyModule<typeof PDFKitModule>('pdfkit');

/** The embedded CJK font (resources/fonts, a GB2312 subset of Noto Sans CJK SC); pdfkit subsets it again per document. */
export const STATEMENT_FONT = 'NotoSansSC-GB2312.otf';

let fontCache: unknown = null;
/**
 * The font parsed once per process (fontkit, the parser pdfkit itself uses, resolved from pdfkit's own location) and
 * shared by every document: parsing a CJK font costs more than laying out a statement. Falls back to the file path.
 */
export function statementFont(): unknown {
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

/** Words in the statement's language: Chinese, English, or both ("结算单 Payout statement"). */
export type Words = (zh: string, en: string) => string;
export function wordsFor(lang: StatementLanguage): Words {
  return (zh, en) => (lang === 'zh-CN' ? zh : lang === 'en' ? en : `${zh} ${en}`);
}

/** An A4 document with the embedded CJK font and a promise of its bytes. */
export function openPdf(info: { Title: string; Author: string; Subject: string }, layout: 'portrait' | 'landscape' = 'portrait'): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new (pdfkit())({ size: 'A4', layout, margin: 40, bufferPages: true, compress: true, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', statementFont() as string);
  doc.font('cjk');
  return { doc, done };
}

/** Letterhead: logo (optional), company name in the statement's language, credit code and address. */
export function drawLetterhead(doc: PDFKit.PDFDocument, company: CompanyProfile, w: Words, lang: StatementLanguage): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  let logoDrawn = false;
  if (company.logoPath && existsSync(company.logoPath)) {
    try {
      doc.image(company.logoPath, left, 36, { fit: [120, 40] });
      logoDrawn = true;
    } catch {
      /* unsupported image: the name alone identifies the company */
    }
  }
  const name = lang === 'en' ? (company.nameEn ?? company.name ?? '') : lang === 'bilingual' && company.nameEn ? `${company.name} ${company.nameEn}` : (company.name ?? '');
  const x = left + (logoDrawn ? 130 : 0);
  const opts = { width: width - (logoDrawn ? 130 : 0), align: logoDrawn ? ('right' as const) : ('left' as const) };
  doc.fontSize(14).fillColor('#000').text(name, x, 40, opts);
  doc.fontSize(8).fillColor('#444').text(`${w('统一社会信用代码', 'Credit code')} ${company.creditCode ?? ''} · ${company.address ?? ''}`, x, doc.y + 1, opts);
  doc.fillColor('#000');
}

/** Signature and stamp block for both sides (盖章/签字, 日期), kept on one page. */
export function drawSignatureBlock(doc: PDFKit.PDFDocument, w: Words, sides: { issuer: string; partner: string }, note?: string): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const height = note ? 150 : 130;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom - 10) doc.addPage();
  doc.moveDown(1);
  if (note) {
    doc.fontSize(9).fillColor('#000').text(note, left, doc.y, { width });
    doc.moveDown(0.5);
  }
  const top = doc.y;
  const boxW = (width - 20) / 2;
  const box = (x: number, title: string, who: string) => {
    doc.rect(x, top, boxW, 110).lineWidth(0.6).strokeColor('#888').stroke();
    doc.fontSize(9).fillColor('#000').text(title, x + 8, top + 8, { width: boxW - 16 });
    doc.fontSize(9).text(who, x + 8, doc.y + 2, { width: boxW - 16 });
    doc.fillColor('#333').text(`${w('盖章', 'Company stamp')}:`, x + 8, top + 50, { width: boxW - 16 });
    doc.text(`${w('签字', 'Signature')}: ____________________`, x + 8, top + 70, { width: boxW - 16 });
    doc.text(`${w('日期', 'Date')}: ______ ${w('年', '/')} ____ ${w('月', '/')} ____ ${w('日', '')}`, x + 8, top + 88, { width: boxW - 16 });
  };
  box(left, w('发放方（甲方）', 'Issuer'), sides.issuer);
  box(left + boxW + 20, w('伙伴（乙方）', 'Partner'), sides.partner);
  doc.y = top + 118;
  doc.x = left;
  doc.fillColor('#000');
}

/** Footer on every page: a reference and time on the left, "第 1 页 / 共 2 页" on the right. */
export function drawPageFooters(doc: PDFKit.PDFDocument, w: Words, leftText: string): void {
  const range = doc.bufferedPageRange();
  const left = doc.page.margins.left;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - left - doc.page.margins.right;
    // Write into the bottom margin without pdfkit starting a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 8;
    doc.fontSize(8).fillColor('#666');
    doc.text(leftText, left, y, { width: (width * 2) / 3 + 20, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(w(`第 ${i + 1} 页 / 共 ${range.count} 页`, `Page ${i + 1} of ${range.count}`), left + (width * 2) / 3, y, { width: width / 3, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

/** Tax treatment in words: 含税（税率 6%） / VAT inclusive (6 %). */
export function taxText(company: CompanyProfile, w: Words): string {
  const rate = `${Math.round(company.taxRate * 10000) / 100}%`;
  return company.taxTreatment === 'inclusive' ? w(`含税（税率 ${rate}）`, `VAT inclusive (${rate})`) : w(`不含税（税率 ${rate}）`, `VAT exclusive (${rate})`);
}

/** Label/value rows (partner facts) under the letterhead: grey labels in a column of `labelWidth`, values beside them. */
export function drawFacts(doc: PDFKit.PDFDocument, facts: Array<[string, string]>, labelWidth: number): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(9);
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.fillColor('#555').text(k, left, y, { width: labelWidth });
    doc.fillColor('#000').text(v, left + labelWidth + 5, y, { width: width - labelWidth - 5 });
    doc.moveDown(0.15);
  }
  doc.moveDown(0.6);
}
