import type { LocalDate } from '../data/schemas.js';

/** Wall-clock fields of an instant in a time zone. */
type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockOf(instant: Date, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The zone's UTC offset at `instant`, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockOf(new Date(instant), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
}

function parseLocalTime(time: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`not a HH:MM time: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The calendar day `instant` falls on in `timeZone`, as `YYYY-MM-DD`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const wall = wallClockOf(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The wall-clock time of `instant` in `timeZone`, as `HH:MM`. */
export function localTimeOf(instant: Date, timeZone: string): string {
  const wall = wallClockOf(instant, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/**
 * The instant at which the wall clock in `timeZone` reads `time` (`HH:MM`) on `date`.
 *
 * Daylight-saving changes: a time that occurs twice (fall-back) resolves to the first occurrence; a time that does not
 * exist (spring-forward gap) resolves to the instant the same distance past the gap's start, i.e. the wall time
 * shifted forward by the gap (02:30 in New York on the spring-forward day is 03:30 EDT), as Temporal's
 * `disambiguation: 'compatible'` and most calendars do.
 */
export function instantOfLocalTime(date: LocalDate, time: string, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  const { hour, minute } = parseLocalTime(time);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // A day away on each side brackets any single transition near `wall` (no zone changes offset twice in 48 hours).
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const readsBack = (instant: number): boolean => {
    const got = wallClockOf(new Date(instant), timeZone);
    return got.year === year && got.month === month && got.day === day && got.hour === hour && got.minute === minute;
  };
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(readsBack).sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In the gap: reading the wall time with the offset from before the change lands past the gap by the same distance.
  return new Date(wall - offsetBefore);
}

/** The first instant of `date` in `timeZone` (midnight, or the first valid instant after a midnight gap). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return instantOfLocalTime(date, '00:00', timeZone);
}
