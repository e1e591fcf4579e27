/**
 * Calendar dates in IANA time zones, with nothing but the runtime's Intl data (POL-2). A company's
 * enforcement instant is 00:00 of a date in the admin's zone; offsets change with daylight saving, so
 * the offset that applies is the one in force at that instant, not today's.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Area/Location names and the few single-word ones (UTC, GMT…): never a raw offset like "+01:00". */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** Milliseconds since the epoch of a wall-clock time read as if it were UTC; correct for years below 100 too. */
function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** The wall clock of `timeZone` at an instant, as milliseconds read as if UTC (whole seconds). */
function wallClockAt(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return wallClockMs(part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second'));
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instantMs: number, timeZone: string): number {
  return wallClockAt(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000;
}

/** "YYYY-MM-DD" naming a day that exists in the calendar (no 2026-02-30), or null. */
export function parseCalendarDate(value: string): { year: number; month: number; day: number } | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(wallClockMs(year, month, day));
  const real = year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? { year, month, day } : null;
}

/** Whether the runtime knows this IANA zone name ("America/Los_Angeles", "UTC"); offsets and typos are not zones. */
export function isIanaTimeZone(name: string): boolean {
  if (name.length > 64 || !ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone name to store: the runtime's spelling when the admin's differs only in case
 * ("america/los_angeles"), else the admin's own (ICU would turn "Asia/Kolkata" into "Asia/Calcutta").
 */
export function normalizeTimeZone(name: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** The calendar date ("YYYY-MM-DD") in `timeZone` at an instant: "today" for someone in that zone. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  return new Date(wallClockAt(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar date in a zone (POL-2): 00:00 local, as UTC. Where the clocks go back
 * over midnight and 00:00 happens twice, the earlier one; where they jump over midnight, the moment of
 * the jump (the day then starts at 01:00 local). The same rule as java.time's atStartOfDay.
 */
export function startOfDayIn(date: string, timeZone: string): Date {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date: ${date}`);
  const midnight = wallClockMs(parsed.year, parsed.month, parsed.day);
  // At most one offset change lies within a day either side of any midnight, so these are the candidates.
  const offsets = [...new Set([offsetAt(midnight - DAY_MS, timeZone), offsetAt(midnight + DAY_MS, timeZone)])];
  const instants = offsets.map((offset) => midnight - offset).filter((instant) => wallClockAt(instant, timeZone) === midnight);
  if (instants.length > 0) return new Date(Math.min(...instants));
  return new Date(firstInstantFrom(midnight, timeZone, midnight - Math.max(...offsets), midnight - Math.min(...offsets)));
}

/** Binary search, to the second, for the first instant in [low, high] whose wall clock reads `wallClock` or later. */
function firstInstantFrom(wallClock: number, timeZone: string, low: number, high: number): number {
  let [lowSeconds, highSeconds] = [Math.floor(low / 1000), Math.ceil(high / 1000)];
  while (lowSeconds < highSeconds) {
    const middle = Math.floor((lowSeconds + highSeconds) / 2);
    if (wallClockAt(middle * 1000, timeZone) >= wallClock) highSeconds = middle;
    else lowSeconds = middle + 1;
  }
  return lowSeconds * 1000;
}
