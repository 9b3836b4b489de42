import type ExcelJSModule from 'exceljs';
import { lazyModule } from '../lazyModule';
import type { Workspace } from '../../../db/database';
import { CsvWriter } from '../exports/csvWriter';
import { workbookCell } from '../exports/safeCell';
import { isRequiredFor, parseCodeList } from './compliance';
import { complianceStore } from './store';
import { daysUntil, horizon } from '../../model/trainingExpiry';
import { ExpiringCertificate } from '../../model/training';

const excel = lazyModule<typeof ExcelJSModule>('exceljs');

/**
 * Certificates (passed records) of live partners expiring between asOf and asOf + days, inclusive, that the same
 * trainee has not already renewed (no later passed record of theirs for the course, completed by asOf, lasting longer).
 * Sorted by expiry, then partner code.
 */
/** `channelManagerIds` ("Mine"): only partners one of them owns now; an empty list keeps nothing. */
export function expiringCertificates(ws: Workspace, asOf: string, days: number, channelManagerIds?: number[]): ExpiringCertificate[] {
  const until = horizon(asOf, days);
  if (channelManagerIds && !channelManagerIds.length) return [];
  const rows = complianceStore.expiringCertificates(ws, asOf, until, channelManagerIds);
  return rows.map(({ tier, channelType, requiredTiers, requiredChannelTypes, partnerCovered, ...r }) => ({
    ...r,
    daysLeft: daysUntil(r.expiresOn, asOf),
    required: isRequiredFor({ id: r.courseId, requiredTiers: parseCodeList(requiredTiers), requiredChannelTypes: parseCodeList(requiredChannelTypes) }, { tier, channelType }),
    partnerCovered: partnerCovered === 1,
  }));
}

export type ExportLang = 'zh-CN' | 'en';
export type ExportFormat = 'csv' | 'xlsx';

const HEADERS: Record<ExportLang, string[]> = {
  'zh-CN': ['伙伴编码', '伙伴名称', '负责人', '课程编码', '课程名称', '学员', '证书编号', '完成日期', '到期日期', '剩余天数', '必修', '其他证书覆盖'],
  en: ['Partner code', 'Partner name', 'Owner', 'Course code', 'Course', 'Trainee', 'Certificate no.', 'Completed on', 'Expires on', 'Days left', 'Required', 'Covered by another certificate'],
};

function cells(r: ExpiringCertificate, lang: ExportLang): Array<string | number | null> {
  const yes = lang === 'zh-CN' ? '是' : 'yes';
  const no = lang === 'zh-CN' ? '否' : 'no';
  return [
    r.partnerCode,
    lang === 'en' ? (r.partnerNameEn ?? r.partnerName) : r.partnerName,
    r.partnerOwner,
    r.courseCode,
    lang === 'zh-CN' ? r.courseTitleZh : r.courseTitleEn,
    r.trainee,
    r.certificateNo,
    r.completedOn,
    r.expiresOn,
    r.daysLeft,
    r.required ? yes : no,
    r.partnerCovered ? yes : no,
  ];
}

/**
 * Writes the expiring list to `out`: CSV (UTF-8 BOM, CRLF) through CsvWriter, or XLSX through exceljs.
 * CSV text cells go through the formula guard (names like "=HYPERLINK(...)" stay text); XLSX text cells are typed text.
 */
export async function exportExpiring(
  rows: ExpiringCertificate[],
  opts: { out: string; format: ExportFormat; lang: ExportLang; asOf: string; days: number },
): Promise<{ path: string; rows: number }> {
  const header = HEADERS[opts.lang];
  if (opts.format === 'csv') {
    const w = new CsvWriter(opts.out, header);
    for (const r of rows) w.write(cells(r, opts.lang));
    await w.close();
  } else {
    const wb = new (excel().Workbook)();
    wb.creator = 'Partner Workbench';
    const title = opts.lang === 'zh-CN' ? `即将到期的认证（${opts.asOf} 起 ${opts.days} 天）` : `Certifications expiring (${opts.days} days from ${opts.asOf})`;
    const sheet = wb.addWorksheet(opts.lang === 'zh-CN' ? '即将到期' : 'Expiring');
    sheet.addRow([workbookCell(title)]).font = { bold: true };
    sheet.addRow(header.map((h) => workbookCell(h))).font = { bold: true };
    for (const r of rows) sheet.addRow(cells(r, opts.lang).map((v) => workbookCell(v)));
    sheet.columns.forEach((c, i) => (c.width = [12, 28, 12, 12, 30, 12, 20, 12, 12, 10, 8, 12][i] ?? 12));
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
    await wb.xlsx.writeFile(opts.out);
  }
  return { path: opts.out, rows: rows.length };
}
