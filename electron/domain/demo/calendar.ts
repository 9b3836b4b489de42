import type { ChannelType } from '../../../shared/enums';

/** The demo's time frame: three full years of sales, "today" shortly after. */
export const FIRST_YEAR = 2023;
export const LAST_YEAR = 2025;
/** The date the demo is "as of": training expiry, risk reviews and statuses are set relative to it. */
export const DEMO_AS_OF = '2026-01-15';

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

export function demoMonths(): Month[] {
  const out: Month[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let m = 1; m <= 12; m++) out.push({ year: y, month: m, index: out.length, key: `${y}-${pad2(m)}`, days: daysInMonth(y, m) });
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

/** The month of Chinese New Year (春节) in the demo years: 2023-01-22, 2024-02-10, 2025-01-29. */
const SPRING_FESTIVAL_MONTH: Record<number, number> = { 2023: 1, 2024: 2, 2025: 1 };

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
