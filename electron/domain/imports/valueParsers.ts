import { importMessage, type ImportMessageCode } from '../../../shared/importMessages';
import { decimalToMinor, minorExponent } from '../../../shared/money';
import type { Cell, DateFormat } from '../../model/imports';

/** A value that cannot be stored; the message says what is wrong (the caller adds file, row and column). */
/** A cell that is not what its field takes: a code and its parameters (shared/importMessages), the English words as message. */
export class ValueError extends Error {
  constructor(
    readonly code: ImportMessageCode,
    readonly params: Record<string, unknown> = {},
  ) {
    super(importMessage(code, params));
  }
}

/** Text of a cell, trimmed; null when empty. */
export function parseText(c: Cell, maxLength = 2000): string | null {
  if (c === null) return null;
  // A code, order or line number stored as a number of 16 or more digits has lost its last digits in the spreadsheet
  // (15 significant digits): 20261112000000001 is held as 20261112000000000, and two orders would read as one.
  if (typeof c === 'number' && Math.abs(c) >= 1e15) throw new ValueError('numberCellTooLong');
  const s = (c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).trim();
  if (s === '') return null;
  if (s.length > maxLength) throw new ValueError('tooLong', { max: maxLength });
  if (s.includes('\uFFFD')) throw new ValueError('undecodable');
  if (scientificLongNumber(s)) throw new ValueError('numberTextScientific');
  return s;
}

/**
 * Text that is a spreadsheet's scientific display of a number of 12 or more digits (2.02611E+17, 1.23457E+11): what a
 * CSV holds after Excel opened a long order or customer number and saved the file again. The digits are gone, and
 * different orders read as one order (their lines then skipped as duplicates), so such a text field is refused.
 * Numbers in number fields keep their exponents (1.2E+05 is exact); a short exponent (E+05) is no long number.
 */
export function scientificLongNumber(s: string): boolean {
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  if (!(c0 >= 48 && c0 <= 57) || !(c1 === 46 || c1 === 69 || c1 === 101) || s.length > 24) return false;
  const m = /^\d(?:\.\d{1,14})?[Ee]\+(\d{2,3})$/.exec(s);
  return m !== null && Number(m[1]) >= 11;
}

/** Moves the decimal point of digits int.frac by `shift` places (negative = left) without floating point. */
function shiftPoint(int: string, frac: string, shift: number): { int: string; frac: string } {
  const digits = int + frac;
  let point = int.length + shift;
  let d = digits;
  if (point < 0) {
    d = '0'.repeat(-point) + d;
    point = 0;
  }
  if (point > d.length) d = d + '0'.repeat(point - d.length);
  return { int: d.slice(0, point).replace(/^0+(?=\d)/, '') || '0', frac: d.slice(point).replace(/0+$/, '') };
}

const CURRENCY = /(?:HK\$|US\$|RMB|CNY|USD|EUR|HKD|[¥$€£元])/gi;

/**
 * A number as written in spreadsheets, as exact decimal text ('-1234.5'):
 * thousands separators (1,234,567.89), currency symbols (¥ ￥ $ € £ RMB 元), full-width digits, negatives as -1, (1), 1-,
 * percentages (12.5% → 0.125), exponents (1.2E+05). ',' is always a thousands separator, '.' the decimal point.
 */
export function parseDecimal(c: Cell): string | null {
  if (typeof c === 'string') {
    const fast = plainDecimal(c);
    if (fast !== null) return fast;
  }
  return parseDecimalFull(c);
}

// Fast path for what machine-written files hold (1234.50, -12, 1,234,567.89): ASCII digits, an optional '-', an optional
// point, optional thousands groups of three — /^-?(0|[1-9]\d{0,14})(\.\d+)?$/ or /^-?[1-9]\d{0,2}(,\d{3}){1,4}(\.\d+)?$/,
// read by one scan of char codes (no regex, no slices; the cell itself when it is already canonical). Anything else
// (spaces, symbols, full-width digits, exponents, %) takes the full path; both give the same text (a property test checks).
const isDigit = (c: number) => c >= 48 && c <= 57;
export function plainDecimal(s: string): string | null {
  const n = s.length;
  const neg = n > 0 && s.charCodeAt(0) === 45;
  const intStart = neg ? 1 : 0;
  let i = intStart;
  if (i >= n) return null;
  const first = s.charCodeAt(i);
  let grouped = false;
  if (first === 48) i++;
  else if (isDigit(first)) {
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    const run = i - intStart;
    if (i < n && s.charCodeAt(i) === 44) {
      if (run > 3) return null;
      let groups = 0;
      while (i < n && s.charCodeAt(i) === 44) {
        // charCodeAt past the end is NaN: not a digit.
        if (!isDigit(s.charCodeAt(i + 1)) || !isDigit(s.charCodeAt(i + 2)) || !isDigit(s.charCodeAt(i + 3))) return null;
        i += 4;
        groups++;
      }
      if (groups > 4) return null;
      grouped = true;
    } else if (run > 15) return null;
  } else return null;
  const intEnd = i;
  let fracEnd = n;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return null;
    const fracStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i < n || i === fracStart) return null;
    while (fracEnd > fracStart && s.charCodeAt(fracEnd - 1) === 48) fracEnd--;
    if (fracEnd === fracStart) fracEnd = intEnd;
  }
  const zero = intEnd - intStart === 1 && first === 48 && fracEnd === intEnd;
  if (!grouped && fracEnd === n && !(neg && zero)) return s;
  if (zero) return '0';
  const int = grouped ? s.slice(intStart, intEnd).replace(/,/g, '') : s.slice(intStart, intEnd);
  const text = fracEnd > intEnd ? `${int}${s.slice(intEnd, fracEnd)}` : int;
  return neg ? `-${text}` : text;
}

/** parseDecimal without the fast path (exported for the equivalence test). */
export function parseDecimalFull(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'boolean' || c instanceof Date) throw new ValueError('notNumber');
  let s: string;
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new ValueError('notNumber');
    s = String(c);
  } else {
    s = c.normalize('NFKC').replace(/[\s\u00a0\u2009\u202f]/g, '').replace(/\u2212/g, '-');
    if (s === '') return null;
  }
  let neg = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    neg = true;
    s = paren[1];
  }
  s = s.replace(CURRENCY, '');
  const sign = /^([+-])/.exec(s);
  if (sign) {
    if (sign[1] === '-') neg = !neg;
    s = s.slice(1);
  } else if (/\d-$/.test(s)) {
    neg = !neg;
    s = s.slice(0, -1);
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  let exp = 0;
  const e = /^(.*?)e([+-]?\d{1,3})$/i.exec(s);
  if (e) {
    s = e[1];
    exp = Number(e[2]);
  }
  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) throw new ValueError('groupedNumber');
    s = s.replace(/,/g, '');
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) throw new ValueError('notNumber');
  const { int, frac } = shiftPoint(m[1] || '0', m[2] ?? '', exp - (percent ? 2 : 0));
  if (int.length > 16) throw new ValueError('numberTooLarge');
  const text = frac ? `${int}.${frac}` : int;
  return neg && /[1-9]/.test(text) ? `-${text}` : text;
}

export function parseNumber(c: Cell): number | null {
  const d = parseDecimal(c);
  return d === null ? null : Number(d);
}

/** A quantity as exact decimal text: parseDecimal's forms, but not a percentage (5% of what? — 0.05 pieces is a misread). */
export function parseQuantity(c: Cell): string | null {
  if (typeof c === 'string' && c.includes('%')) throw new ValueError('quantityPercent');
  return parseDecimal(c);
}

/** Money in integer minor units: the decimal text rounded once, half away from zero (decimalToMinor). */
export function parseMoney(c: Cell, currency = 'CNY'): number | null {
  if (typeof c === 'string' && c.includes('%')) throw new ValueError('amountPercent');
  const d = parseDecimal(c);
  if (d === null) return null;
  const exp = minorExponent(currency);
  const minor = d.length + exp <= 15 ? smallDecimalToMinor(d, exp) : decimalToMinor(d, currency);
  if (minor === null) throw new ValueError('amountTooLarge');
  return minor;
}

/**
 * Money of a plain cell (plainDecimal's forms) in minor units when it fits the exact double path; null when the cell
 * is not plain or too long, for the full reader (parseMoney) to decide. Equal to parseMoney where it answers.
 */
export function plainMoney(s: string, exp: number): number | null {
  const d = plainDecimal(s);
  return d === null || d.length + exp > 15 ? null : smallDecimalToMinor(d, exp);
}

/** A YYYY-MM-DD cell that is a calendar day in range, as parseDate reads it; null for anything else (char codes, no slices). */
export function plainIsoDate(c: string): string | null {
  if (c.length !== 10 || c.charCodeAt(4) !== 45 || c.charCodeAt(7) !== 45) return null;
  const d0 = c.charCodeAt(0) - 48, d1 = c.charCodeAt(1) - 48, d2 = c.charCodeAt(2) - 48, d3 = c.charCodeAt(3) - 48;
  const m0 = c.charCodeAt(5) - 48, m1 = c.charCodeAt(6) - 48, a0 = c.charCodeAt(8) - 48, a1 = c.charCodeAt(9) - 48;
  // Unsigned: a code below '0' wraps above 9.
  if ((d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (d2 >>> 0) > 9 || (d3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (a0 >>> 0) > 9 || (a1 >>> 0) > 9) return null;
  const y = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const m = m0 * 10 + m1;
  const d = a0 * 10 + a1;
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && (d <= 28 || d <= daysIn(y, m)) ? c : null;
}

/**
 * decimalToMinor for parseDecimal's canonical text when it and the minor digits fit in 15 characters, in doubles instead of
 * BigInt: every intermediate is an integer below 10^15, so exact. Rounded once, half away from zero, like decimalToMinor.
 */
function smallDecimalToMinor(d: string, exp: number): number {
  const n = d.length;
  const neg = d.charCodeAt(0) === 45;
  let i = neg ? 1 : 0;
  let kept = 0;
  for (; i < n; i++) {
    const c = d.charCodeAt(i);
    if (c === 46) break;
    kept = kept * 10 + (c - 48);
  }
  // i is at the point (or the end); the fraction's digits follow it.
  const frac = i + 1;
  for (let k = 0; k < exp; k++) kept = kept * 10 + (frac + k < n ? d.charCodeAt(frac + k) - 48 : 0);
  if (frac + exp < n && d.charCodeAt(frac + exp) >= 53) kept += 1;
  return neg && kept !== 0 ? -kept : kept;
}

/** An integer, rounded half away from zero when written with decimals. */
export function parseInteger(c: Cell): number | null {
  const d = parseDecimal(c);
  if (d === null) return null;
  const minor = decimalToMinor(d, 'JPY');
  if (minor === null) throw new ValueError('numberTooLarge');
  return minor;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function ymd(y: number, m: number, d: number): string {
  if (y < 1900 || y > 2200) throw new ValueError('yearOutOfRange', { year: y });
  if (m < 1 || m > 12) throw new ValueError('noSuchMonth', { month: m });
  if (d < 1 || d > daysIn(y, m)) throw new ValueError('noSuchDay', { day: d, month: `${y}-${pad(m)}` });
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Excel's 1900 date system: serial 1 = 1900-01-01; Excel counts a 29 Feb 1900 that never was (serial 60),
 * so from serial 61 on the epoch is 1899-12-30. A time of day (the fraction) is dropped.
 */
export function excelSerialToDate(serial: number): string {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) throw new ValueError('notExcelSerial', { serial });
  const whole = Math.floor(serial);
  if (whole === 60) throw new ValueError('excelSerial60');
  const ms = Date.UTC(1899, 11, whole > 60 ? 30 : 31) + whole * 86_400_000;
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const twoDigitYear = (yy: number) => (yy < 70 ? 2000 + yy : 1900 + yy);

/**
 * A date as YYYY-MM-DD. Unambiguous forms are read directly: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305,
 * Excel serials (numbers, or 5-digit text), a trailing time is ignored. Day/month-first forms (05/03/24, 3/5/2024)
 * are read only with the mapping's dateFormat: never guessed.
 */
export function parseDate(c: Cell, format: DateFormat | null | undefined): string | null {
  if (c === null) return null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) throw new ValueError('notDate');
    return ymd(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  }
  if (typeof c === 'number') return excelSerialToDate(c);
  if (typeof c === 'boolean') throw new ValueError('notDate');
  if (c.length === 10 && ISO_DAY.test(c)) {
    // Fast path: YYYY-MM-DD as most exports write it (checked like any other form).
    const plain = plainIsoDate(c);
    if (plain !== null) return plain;
    return ymd(Number(c.slice(0, 4)), Number(c.slice(5, 7)), Number(c.slice(8, 10)));
  }
  const s = c.normalize('NFKC').trim();
  if (s === '') return null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToDate(Number(s));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    if (!format) throw new ValueError('ambiguousDate');
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = m[3].length === 2 ? twoDigitYear(Number(m[3])) : Number(m[3]);
    return format.startsWith('DD') ? ymd(y, b, a) : ymd(y, a, b);
  }
  throw new ValueError('notDateExpected');
}

/** Looks at sample texts of a date column: which dateFormat the user probably needs (null if none or undecidable). */
export function suggestDateFormat(samples: Cell[]): DateFormat | null {
  let ambiguous = false;
  let dayFirst = false;
  let monthFirst = false;
  let twoDigit = false;
  for (const c of samples) {
    if (typeof c !== 'string') continue;
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b/.exec(c);
    if (!m) continue;
    ambiguous = true;
    if (m[3].length === 2) twoDigit = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (!ambiguous || dayFirst === monthFirst) return null;
  return dayFirst ? (twoDigit ? 'DD/MM/YY' : 'DD/MM/YYYY') : twoDigit ? 'MM/DD/YY' : 'MM/DD/YYYY';
}

const TRUE = new Set(['1', 'y', 'yes', 'true', 't', '是', '通过', '合格', '已通过', 'pass', 'passed', '✓', '√']);
const FALSE = new Set(['0', 'n', 'no', 'false', 'f', '否', '未通过', '不通过', '不合格', 'fail', 'failed', '✗', '×']);

export function parseBoolean(c: Cell): boolean | null {
  if (c === null) return null;
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') {
    if (c === 1 || c === 0) return c === 1;
    throw new ValueError('notYesNo');
  }
  const s = String(c).trim().toLowerCase();
  if (s === '') return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw new ValueError('notYesNo');
}

/**
 * A code value of an enumeration: first the mapping's value map (exact, then case-insensitive), then the code itself,
 * then the built-in Chinese and English words for it.
 */
export function parseEnum<T extends string>(
  c: Cell,
  allowed: readonly T[],
  words: Partial<Record<T, readonly string[]>>,
  valueMap: Record<string, string> | undefined,
  what: string,
): T | null {
  const s = parseText(c, 200);
  if (s === null) return null;
  let v: string = s;
  if (valueMap) {
    const hit = valueMap[s] ?? Object.entries(valueMap).find(([k]) => k.trim().toLowerCase() === s.toLowerCase())?.[1];
    if (hit !== undefined) v = hit;
  }
  const lower = v.normalize('NFKC').trim().toLowerCase();
  const direct = allowed.find((a) => a.toLowerCase() === lower);
  if (direct) return direct;
  for (const a of allowed) if (words[a]?.some((w) => w.toLowerCase() === lower)) return a;
  // The allowed values in the words a Chinese reader writes them in (the first Chinese synonym), else as codes.
  const allowedZh = allowed.map((a) => words[a]?.find((w) => /[\u4e00-\u9fff]/.test(w)) ?? a);
  throw new ValueError('notEnumValue', { value: s, what, allowed: [...allowed], allowedZh });
}
