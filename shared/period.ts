import type { PeriodKind } from './enums';

/**
 * Calendar periods as channel teams name them: month '2019-03', quarter '2019-Q1', half '2019-H1', year '2019'.
 * With a fiscal year starting in month M (settings), period labels are fiscal: FY2019 starts on M/1 of 2019
 * when M = 1, else on M/1 of 2018 (the fiscal year is named after the calendar year it ends in), and
 * '2019-Q1' is its first three months. Months ('2019-03') are always calendar months.
 */
export interface Period {
  label: string;
  kind: PeriodKind;
  /** First day, YYYY-MM-DD, inclusive. */
  start: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Adds months to (year, month), month 1–12. */
function addMonths(y: number, m: number, n: number): [number, number] {
  const idx = y * 12 + (m - 1) + n;
  return [Math.floor(idx / 12), (idx % 12) + 1];
}

function build(label: string, kind: PeriodKind, startY: number, startM: number, months: number): Period {
  const [ey, em] = addMonths(startY, startM, months - 1);
  return { label, kind, start: ymd(startY, startM, 1), end: ymd(ey, em, daysInMonth(ey, em)) };
}

const LABEL = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

export function isPeriodLabel(label: string): boolean {
  return LABEL.test(label);
}

/** Parses a period label; fiscalStartMonth shifts quarters, halves and years (1 = calendar). */
export function parsePeriod(label: string, fiscalStartMonth = 1): Period {
  const m = LABEL.exec(label);
  if (!m) throw new RangeError(`Not a period: ${label} (expected 2019-03, 2019-Q1, 2019-H1 or 2019)`);
  const year = Number(m[1]);
  if (m[2]) return build(label, 'month', year, Number(m[2]), 1);
  // Fiscal year `year` starts in fiscalStartMonth of year-1 unless the fiscal year is the calendar year.
  const [fy, fm] = fiscalStartMonth === 1 ? [year, 1] : [year - 1, fiscalStartMonth];
  if (m[3]) {
    const [y, mo] = addMonths(fy, fm, (Number(m[3]) - 1) * 3);
    return build(label, 'quarter', y, mo, 3);
  }
  if (m[4]) {
    const [y, mo] = addMonths(fy, fm, (Number(m[4]) - 1) * 6);
    return build(label, 'half', y, mo, 6);
  }
  return build(label, 'year', fy, fm, 12);
}

/** The period of `kind` that contains `date` (YYYY-MM-DD). */
export function periodContaining(date: string, kind: PeriodKind, fiscalStartMonth = 1): Period {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  if (kind === 'month') return parsePeriod(`${y}-${pad(mo)}`);
  // Months since the start of the fiscal year that begins in fiscalStartMonth.
  const offset = (mo - fiscalStartMonth + 12) % 12;
  const fiscalYear = fiscalStartMonth === 1 ? y : mo >= fiscalStartMonth ? y + 1 : y;
  if (kind === 'quarter') return parsePeriod(`${fiscalYear}-Q${Math.floor(offset / 3) + 1}`, fiscalStartMonth);
  if (kind === 'half') return parsePeriod(`${fiscalYear}-H${Math.floor(offset / 6) + 1}`, fiscalStartMonth);
  return parsePeriod(String(fiscalYear), fiscalStartMonth);
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The period right after / before this one, of the same kind. */
export function nextPeriod(p: Period, fiscalStartMonth = 1): Period {
  return periodContaining(dayAfter(p.end), p.kind, fiscalStartMonth);
}
export function previousPeriod(p: Period, fiscalStartMonth = 1): Period {
  return periodContaining(dayBefore(p.start), p.kind, fiscalStartMonth);
}

/** The period of `kind` that `day` is in and the `n` before it, newest first (fiscal quarters, halves and years). */
export function periodsBack(day: string, kind: PeriodKind, n: number, fiscalStartMonth = 1): string[] {
  const out = [periodContaining(day, kind, fiscalStartMonth)];
  while (out.length <= n) out.push(previousPeriod(out[out.length - 1], fiscalStartMonth));
  return out.map((p) => p.label);
}

/** The quarter `day` is in and the `n` before it, newest first: the quarters a page offers, defaulting to one of them. */
export function quartersBack(day: string, n: number, fiscalStartMonth = 1): string[] {
  return periodsBack(day, 'quarter', n, fiscalStartMonth);
}

/** The same period one year earlier (year-on-year base). */
export function samePeriodLastYear(p: Period, fiscalStartMonth = 1): Period {
  const y = Number(p.label.slice(0, 4)) - 1;
  return parsePeriod(`${y}${p.label.slice(4)}`, fiscalStartMonth);
}

/** All periods of `kind` from the one containing `from` to the one containing `to`, inclusive. */
export function periodsBetween(from: string, to: string, kind: PeriodKind, fiscalStartMonth = 1): Period[] {
  const out: Period[] = [];
  let p = periodContaining(from, kind, fiscalStartMonth);
  while (p.start <= to) {
    out.push(p);
    p = nextPeriod(p, fiscalStartMonth);
  }
  return out;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds months, clamping to the month's end (2024-01-31 + 1 month = 2024-02-29). */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m] = addMonths(Number(date.slice(0, 4)), Number(date.slice(5, 7)), months);
  return ymd(y, m, Math.min(Number(date.slice(8, 10)), daysInMonth(y, m)));
}
