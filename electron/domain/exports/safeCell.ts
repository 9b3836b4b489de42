/**
 * Formula-injection guard for anything a spreadsheet opens: a text cell starting with = + - @ TAB or CR
 * is prefixed with an apostrophe so Excel/WPS shows it as text instead of evaluating it.
 * Numbers stay numbers (a negative amount is a number, not text).
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
