import { localTimeOf } from '../services/local-time.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `25 Nov 2026` for an ISO timestamp, as the calendar reads in `timeZone`. */
export function formatDate(iso: string, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(iso));
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `25 Nov 06:30` for an ISO timestamp, as the calendar and clock read in `timeZone`: a date with its day, no year. */
export function formatDayTime(iso: string, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone });
    dayFormatters.set(timeZone, formatter);
  }
  const instant = new Date(iso);
  return `${formatter.format(instant)} ${localTimeOf(instant, timeZone)}`;
}

/** `A`, `A and B`, `A, B and C`. */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
