/**
 * Formula-injection guard for CSV files: a text cell starting with = + - @ TAB or CR is prefixed with an apostrophe so
 * Excel/WPS shows it as text instead of evaluating it. Numbers stay numbers (a negative amount is a number, not text).
 * XLSX workbooks do not need it (see workbookCell).
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function safeText(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}

export type CellValue = string | number | boolean | null | undefined | Date;

export function safeCell(value: CellValue): Exclude<CellValue, undefined> {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? safeText(value) : value;
}

/**
 * A cell of an XLSX workbook: text goes in as a typed text cell, which Excel, WPS and LibreOffice show as written and
 * never evaluate, so it keeps its exact characters — the apostrophe of the CSV guard would show there as part of a
 * partner's name (`'+老李五金店` on a finance list). Formulas are never written (no value is a formula object).
 */
export function workbookCell(value: CellValue): Exclude<CellValue, undefined> {
  return value === undefined ? null : value;
}
