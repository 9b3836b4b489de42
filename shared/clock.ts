/**
 * The one clock. "Today" is the local calendar day in the workspace's time zone (setting `company.timeZone`, an IANA
 * name such as Asia/Shanghai; else the machine's zone): a run paid in Beijing at 07:30 is paid today, not on the
 * UTC day before. Instants (created_at, audit `at`) stay ISO timestamps in UTC.
 */
export interface Clock {
  now(): Date;
  /** YYYY-MM-DD: the calendar day of `at` (default: now) in the clock's time zone. */
  today(at?: Date): string;
  /** IANA zone, or undefined for the machine's zone. */
  readonly timeZone: string | undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day (YYYY-MM-DD) of an instant in `timeZone` (default: the machine's zone). */
export function localDate(at: Date = new Date(), timeZone?: string): string {
  if (timeZone) {
    const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The clock on the wall, in `timeZone` (default: the machine's zone). */
export function systemClock(timeZone?: string): Clock {
  return { now: () => new Date(), today: (at = new Date()) => localDate(at, timeZone), timeZone };
}

/** A clock stopped at one instant (tests, `--as-of`). */
export function fixedClock(at: Date | string, timeZone?: string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant), today: (t = instant) => localDate(t, timeZone), timeZone };
}

/** The first instant after the local day `date` (YYYY-MM-DD), as an ISO timestamp: an exclusive upper bound. */
export function endOfLocalDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + 1).toISOString();
}

/** The first instant of the local day `date`, as an ISO timestamp. */
export function startOfLocalDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
