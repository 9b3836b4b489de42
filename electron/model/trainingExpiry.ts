import { isoDate } from '../../shared/dates';
import { addDays, addMonthsClamped } from '../../shared/period';

/**
 * Certificate expiry convention (used everywhere: records, compliance, matrix, exports, demo data):
 *
 *   expiresOn = completedOn + validityMonths, the day clamped to the month's end,
 *   and the certificate is VALID THROUGH expiresOn INCLUSIVE (it lapses on the day after).
 *
 * So a 12-month certificate completed 2024-01-31 is valid through 2025-01-31 (the anniversary), a 1-month one
 * completed 2024-01-31 through 2024-02-29 (no 31 February: clamped), and a 12-month one completed on the leap day
 * 2024-02-29 through 2025-02-28. The anniversary is what certificates print as "valid until" and what partners
 * expect; counting validity as "anniversary minus one day" surprises people and disagrees with imported files.
 * Clamping never gives more than the calendar months promised: 2024-01-30 and 2024-01-31 + 1 month both end 2024-02-29.
 *
 * Courses without a validity (null) never expire: returns null.
 */
export function computeExpiry(completedOn: string, validityMonths: number | null): string | null {
  if (validityMonths === null || validityMonths === undefined) return null;
  if (!Number.isInteger(validityMonths) || validityMonths <= 0) {
    throw new RangeError(`validityMonths must be a positive whole number or null, got ${validityMonths}`);
  }
  if (!isIsoDate(completedOn)) throw new RangeError(`completedOn must be a date YYYY-MM-DD, got ${completedOn}`);
  return addMonthsClamped(completedOn, validityMonths);
}

/** True when a certificate with this expiry is valid on `asOf` (inclusive expiry; null = never expires). */
export function isValidOn(expiresOn: string | null, asOf: string): boolean {
  return expiresOn === null || expiresOn >= asOf;
}

/** Whole days from `asOf` to `expiresOn` (0 = lapses after today, negative = already lapsed). */
export function daysUntil(expiresOn: string, asOf: string): number {
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
}

/** The last date a certificate may expire on and still count as "expiring within `days` days" of asOf. */
export function horizon(asOf: string, days: number): string {
  return addDays(asOf, days);
}

/** A calendar date YYYY-MM-DD (the one date schema's test, shared/dates.ts). */
export function isIsoDate(s: string): boolean {
  return isoDate.safeParse(s).success;
}
