import type { ChannelType } from '../../../shared/enums';

/** Months of sales history in the demo: three years, ending with the last full month before the as-of day. */
export const SALES_MONTHS = 36;

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
  /** 0 for the first month of the demo */
  index: number;
  key: string; // 'YYYY-MM'
  days: number;
}

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
export const pad2 = (n: number) => String(n).padStart(2, '0');
export const isoDate = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;

/**
 * The demo's time frame, all relative to the day it is "as of" (by default the day it is loaded): 36 months of sales
 * ending with the last full month before that day; joins, training, expiries, risk reviews, deals and payouts are placed
 * around it as they would be in a living business on that day.
 */
export interface DemoCalendar {
  asOf: string;
  /** First day of the first month with sales. */
  firstSale: string;
  /** Last day of the last full month before the as-of day. */
  lastSale: string;
  months: Month[];
}

export function demoCalendar(asOf: string): DemoCalendar {
  const [y, m] = asOf.split('-').map(Number);
  const lastIndex = y * 12 + (m - 1) - 1; // the month before the as-of month
  const months: Month[] = [];
  for (let i = lastIndex - SALES_MONTHS + 1; i <= lastIndex; i++) {
    const year = Math.floor(i / 12);
    const month = (i % 12) + 1;
    months.push({ year, month, index: months.length, key: `${year}-${pad2(month)}`, days: daysInMonth(year, month) });
  }
  const first = months[0];
  const last = months[months.length - 1];
  return { asOf, firstSale: isoDate(first.year, first.month, 1), lastSale: isoDate(last.year, last.month, last.days), months };
}

/** The as-of day plus `days` (negative: before it). */
export const relDay = (cal: DemoCalendar, days: number) => addDays(cal.asOf, days);

/** Quarters whose three months all lie in the sales history, oldest first ('2025-Q4'). */
export function fullQuarters(cal: DemoCalendar): string[] {
  const out: string[] = [];
  for (const m of cal.months) {
    if (m.month % 3 !== 1) continue;
    if (cal.months[m.index + 2]) out.push(quarterKey(m.year, m.month));
  }
  return out;
}

/** 'YYYY-MM-DD' plus `months`, the day clamped to the month's end (2025-01-31 + 1 month = 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return isoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const quarterOf = (month: number) => Math.floor((month - 1) / 3) + 1;
export const quarterKey = (year: number, month: number) => `${year}-Q${quarterOf(month)}`;

/** The month of Chinese New Year (春节) by year (2025-01-29, 2026-02-17, …); February where not listed. */
const SPRING_FESTIVAL_MONTH: Record<number, number> = {
  2018: 2, 2019: 2, 2020: 1, 2021: 2, 2022: 2, 2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2, 2028: 1, 2029: 2,
  2030: 2, 2031: 1, 2032: 2, 2033: 1, 2034: 2, 2035: 2, 2036: 1, 2037: 2, 2038: 2, 2039: 1, 2040: 2,
};

/**
 * Seasonal demand factor for a month and channel type: the Spring Festival dip (and the slow month after),
 * the 618 and Double 11 peaks (strong in e-commerce, echoed in retail), the year-end push of the stock-holding channels.
 */
export function seasonality(year: number, month: number, channelType: ChannelType): number {
  let f = 1;
  const cny = SPRING_FESTIVAL_MONTH[year] ?? 2;
  if (month === cny) f *= 0.62;
  else if (month === cny + 1) f *= 0.85;
  else if (month === cny - 1 && cny === 2) f *= 1.08; // stocking up before the holiday
  const online = channelType === 'ecommerce';
  const shops = channelType === 'retail' || channelType === 'telesales';
  if (month === 6) f *= online ? 1.75 : shops ? 1.15 : 1.02;
  if (month === 11) f *= online ? 2.2 : shops ? 1.25 : 1.05;
  if (month === 12) f *= online ? 0.95 : channelType === 'dealer' || channelType === 'distributor' || channelType === 'agent' ? 1.18 : 1.08;
  if (month === 7 || month === 8) f *= 0.93; // summer lull
  if (month === 9 || month === 10) f *= 1.05; // back to business, 国庆
  return f;
}

/** The 618 / Double 11 campaign days in a month, if any (orders cluster on them in e-commerce). */
export function campaignDays(month: number): [number, number] | null {
  if (month === 6) return [1, 18];
  if (month === 11) return [1, 11];
  return null;
}
