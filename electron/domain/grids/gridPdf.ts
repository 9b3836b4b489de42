import { formatMoney } from '../../../shared/money';
import { DomainError } from '../../../shared/errors';
import type { GridColumnSpec } from '../../model/grids';
import { GRID_PRINT_MAX_ROWS } from '../../model/grids';
import { drawPageFooters, openPdf, wordsFor } from '../statements/pdfParts';
import { localTimestamp } from '../statements/statementPdf';
import { rawValue, shownValue, type GridRow } from './gridColumns';

function cellText(row: GridRow, col: GridColumnSpec): string {
  const v = col.kind === 'money' || col.kind === 'percent' || col.kind === 'percentPoints' || col.kind === 'count' || col.kind === 'number' ? rawValue(row, col) : shownValue(row, col);
  if (v === null || v === undefined) return col.emptyText ?? '';
  if (col.kind === 'money' && typeof v === 'number') return formatMoney(v, typeof row.currency === 'string' ? row.currency : 'CNY');
  if (col.kind === 'percent' && typeof v === 'number') return `${(v * 100).toFixed(1)} %`;
  if (col.kind === 'percentPoints' && typeof v === 'number') return `${v.toFixed(1)} %`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The print path of a grid: what it shows as an A4 landscape table (headers repeated on every page, the embedded CJK
 * font, "第 1 页 / 共 N 页", the time printed). Printing is for what a person reads: past GRID_PRINT_MAX_ROWS rows it is
 * refused, and the export is the way.
 */
export async function renderGridPdf(rows: Iterable<GridRow>, columns: GridColumnSpec[], opts: { title: string; language: 'zh-CN' | 'en'; printedAt: string; tick: () => void }): Promise<{ pdf: Buffer; rows: number }> {
  const w = wordsFor(opts.language);
  const { doc, done } = openPdf({ Title: opts.title, Author: 'Partner Workbench', Subject: opts.title }, 'landscape');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 10;
  // Widths by kind, the rest shared out: text columns get the room.
  const weight = (c: GridColumnSpec) => (c.kind === 'money' || c.kind === 'number' || c.kind === 'date' ? 1 : c.kind === 'count' || c.kind === 'percent' || c.kind === 'percentPoints' ? 0.7 : 1.6);
  const total = columns.reduce((s, c) => s + weight(c), 0);
  const widths = columns.map((c) => (width * weight(c)) / total);
  const right = (c: GridColumnSpec) => c.kind === 'money' || c.kind === 'number' || c.kind === 'count' || c.kind === 'percent' || c.kind === 'percentPoints';
  doc.fontSize(14).fillColor('#000').text(opts.title, left, doc.page.margins.top, { width });
  doc.moveDown(0.4);
  const header = () => {
    const y = doc.y;
    doc.rect(left, y - 2, width, 16).fill('#eef2f7');
    doc.fillColor('#000').fontSize(8);
    let x = left;
    columns.forEach((c, i) => {
      doc.text(c.header, x + 3, y + 1, { width: widths[i] - 6, height: 10, ellipsis: true, lineBreak: false, align: right(c) ? 'right' : 'left' });
      x += widths[i];
    });
    doc.y = y + 18;
  };
  header();
  let n = 0;
  for (const row of rows) {
    if (++n > GRID_PRINT_MAX_ROWS) {
      doc.end();
      throw new DomainError(`Printing is for up to ${GRID_PRINT_MAX_ROWS} rows; this grid shows more: filter it, or export it`, 'DOMAIN', {
        reason: 'printTooLarge',
        params: { max: GRID_PRINT_MAX_ROWS },
      });
    }
    if (n % 500 === 0) opts.tick();
    if (doc.y + 13 > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.fontSize(8).fillColor('#111');
    let x = left;
    columns.forEach((c, i) => {
      doc.text(cellText(row, c), x + 3, y, { width: widths[i] - 6, height: 10, ellipsis: true, lineBreak: false, align: right(c) ? 'right' : 'left' });
      x += widths[i];
    });
    doc.moveTo(left, y + 11).lineTo(left + width, y + 11).lineWidth(0.3).strokeColor('#ddd').stroke();
    doc.y = y + 13;
  }
  drawPageFooters(doc, w, `${opts.title} · ${w('打印时间', 'Printed')} ${localTimestamp(opts.printedAt)} · ${w(`共 ${n} 行`, `${n} rows`)}`);
  doc.end();
  return { pdf: await done, rows: n };
}
