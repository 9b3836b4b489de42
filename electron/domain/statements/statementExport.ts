import { mkdirSync, writeFileSync } from 'node:fs';
import { outputPath, type OnExists } from '../exports/outputPath';
import { join } from 'node:path';
import { zipBesideFolder } from '../exports/zipFiles';
import type { OpContext } from '../opContext';
import type { StatementLanguage } from '../../model/company';
import { writeFinanceCsv, writeFinanceXlsx } from './financeExport';
import { assignStatementNumbers, loadStatementContext, statementPartners, type StatementData } from './statementData';
import { renderStatementPdf } from './statementPdf';
import { writeStatementXlsx } from './statementXlsx';
import { StatementExportResult } from '../../model/incentives';

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

/**
 * Bulk export of a run's statements into `<out>/<program>_<period>_run<id>/` (+ a .zip next to it):
 * one PDF and/or XLSX per partner with a non-zero line, and the finance CSV/XLSX of all totals.
 * Statement numbers are assigned first (one transaction); then files are written with progress and cancel.
 */
export async function exportStatements(
  ctx: OpContext,
  input: { runId: number; out: string; onExists?: OnExists; formats?: Array<'pdf' | 'xlsx' | 'csv'>; zip?: boolean; partnerIds?: number[]; language?: StatementLanguage },
): Promise<StatementExportResult> {
  const { ws } = ctx;
  const formats = new Set(input.formats ?? ['pdf', 'xlsx', 'csv']);
  const { run, dataFor } = loadStatementContext(ws, input.runId, input.language);
  const ids = statementPartners(run, input.partnerIds);
  const numbers = assignStatementNumbers(ws, run, ids, ctx.clock.now());
  const statements: StatementData[] = ids.map((id) => dataFor(id, numbers.get(id)!)).sort((a, b) => a.number.localeCompare(b.number));
  // A folder of statements from an earlier export (or its zip) is not silently written over.
  const dir = outputPath(join(input.out, safeName(`${run.programCode}_${run.period}_run${run.id}`)), input.onExists, true);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const result: StatementExportResult['statements'] = [];
  const total = statements.length;
  ctx.progress('statements', 0, total);
  for (let i = 0; i < statements.length; i++) {
    ctx.throwIfCancelled();
    const s = statements[i];
    const base = join(dir, safeName(`${s.number}_${s.partner.code}`));
    let pdf: string | null = null;
    let xlsx: string | null = null;
    if (formats.has('pdf')) {
      pdf = `${base}.pdf`;
      writeFileSync(pdf, await renderStatementPdf(s));
      files.push(pdf);
    }
    if (formats.has('xlsx')) {
      xlsx = `${base}.xlsx`;
      await writeStatementXlsx(s, xlsx);
      files.push(xlsx);
    }
    result.push({ number: s.number, partnerCode: s.partner.code, totalMinor: s.totalMinor, pdf, xlsx });
    ctx.progress('statements', i + 1, total);
  }
  const finance: StatementExportResult['finance'] = { csv: null, excelCsv: null, xlsx: null };
  const financeBase = join(dir, safeName(`finance_${run.programCode}_${run.period}_run${run.id}`));
  if (formats.has('csv')) {
    finance.csv = `${financeBase}.csv`;
    await writeFinanceCsv(statements, finance.csv);
    files.push(finance.csv);
    // Beside the plain file for finance systems: the Excel flavour, where long digit strings stay text when opened.
    finance.excelCsv = `${financeBase}_excel.csv`;
    await writeFinanceCsv(statements, finance.excelCsv, 'excel');
    files.push(finance.excelCsv);
    if (formats.has('xlsx')) {
      finance.xlsx = `${financeBase}.xlsx`;
      await writeFinanceXlsx(statements, finance.xlsx);
      files.push(finance.xlsx);
    }
  }
  let zip: string | null = null;
  if (input.zip !== false) {
    ctx.throwIfCancelled();
    ctx.progress('zip', 0, files.length);
    zip = await zipBesideFolder(dir, files);
    ctx.progress('zip', files.length, files.length);
  }
  const totalMinor = statements.reduce((s, x) => s + x.totalMinor, 0);
  ctx.audit({ entity: 'payout_run', entityId: run.id, after: { dir, zip, statements: statements.length, formats: [...formats], totalMinor } });
  return { runId: run.id, dir, zip, files, statements: result, finance, totalMinor };
}
