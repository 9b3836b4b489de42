import { z } from 'zod';

/** True for a real calendar day given as YYYY-MM-DD parts (no 2025-02-30). */
export function isCalendarDate(v: string): boolean {
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The one date schema: a calendar date YYYY-MM-DD in the years 1900–2199 (no 2025-02-30, so `new Date(...)` works). */
export const isoDate = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');
