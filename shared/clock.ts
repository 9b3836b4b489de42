/**
 * The one clock. "Today" is the local calendar day in the workspace's time zone (setting `company.timeZone`, an IANA
 * name such as Asia/Shanghai; else the machine's zone): a run paid in Beijing at 07:30 is paid today, not on the
 * UTC day before. Instants (created_at, audit `at`) stay ISO timestamps in UTC.
 */
export interface Clock {
  now(): Date;
  /** YYYY-MM-DD: the calendar day of `at` (default: now) in the clock's time zone. */
  today(at?: Date): string;
  /** The IANA zone in effect: the workspace's (setting `company.timeZone`), else the machine's, resolved to its name. */
  readonly timeZone: string;
}

/** The machine's IANA zone (e.g. Asia/Shanghai; UTC where the runtime knows none). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
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

/** The clock on the wall, in `timeZone` (default: the machine's zone). The one place the domain reads the wall time. */
export function systemClock(timeZone: string = machineTimeZone()): Clock {
  return { now: () => new Date(), today: (at = new Date()) => localDate(at, timeZone), timeZone };
}

/** A clock stopped at one instant (tests, `--as-of`), in `timeZone` (default: the machine's zone). */
export function fixedClock(at: Date | string, timeZone: string = machineTimeZone()): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant), today: (t = instant) => localDate(t, timeZone), timeZone };
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();
/** Minutes `timeZone` is ahead of UTC at the instant `ms`. */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  let f = instantFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    instantFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The first instant of the calendar day `date` (YYYY-MM-DD) plus `plusDays` in `timeZone`, as an ISO timestamp. The
 * zone is required: pass the workspace clock's (`ctx.clock.timeZone`), never leave it to the laptop's. A day that
 * starts inside a daylight-saving gap starts at the first wall time after it.
 */
export function startOfDayIso(date: string, timeZone: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  const wallMidnight = Date.UTC(y, m - 1, d + plusDays);
  // The offset at midnight can differ from the offset a few hours away (DST): try both, keep the earliest instant
  // that falls on the day; when midnight itself is skipped, that is the first wall time after the gap.
  const first = wallMidnight - zoneOffsetMinutes(wallMidnight, timeZone) * 60_000;
  const second = wallMidnight - zoneOffsetMinutes(first, timeZone) * 60_000;
  const day = localDate(new Date(wallMidnight), 'UTC');
  const onDay = [first, second].filter((ms) => localDate(new Date(ms), timeZone) === day);
  return new Date(onDay.length ? Math.min(...onDay) : Math.max(first, second)).toISOString();
}

/** The first instant after the day `date` in `timeZone`: an exclusive upper bound. */
export function endOfLocalDayIso(date: string, timeZone: string): string {
  return startOfDayIso(date, timeZone, 1);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
