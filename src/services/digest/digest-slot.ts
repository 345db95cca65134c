import type { DigestRecord, DigestSettings, LocalDate } from '../../data/schemas.js';
import { addDays, instantOfLocalTime, localDateOf } from '../local-time.js';

/** What the slot math needs of a server's settings. */
export type SlotSettings = Pick<DigestSettings, 'time' | 'timezone'>;

/** One server's posting slot on one local day. */
export type DigestSlot = { localDate: LocalDate; at: Date };

/** The longest span a digest covers, whatever the history: a server that was silent for a week gets two days. */
export const MAX_WINDOW_MS = 48 * 3_600_000;

/** When the digest for `localDate` is due (see `instantOfLocalTime` for daylight-saving days). */
export function slotOn(localDate: LocalDate, settings: SlotSettings): DigestSlot {
  return { localDate, at: instantOfLocalTime(localDate, settings.time, settings.timezone) };
}

/**
 * The most recent slot at or before `now`: today's when its time has come, else yesterday's. Days are local to the
 * server's time zone; a slot shifted past a spring-forward gap still belongs to its own day.
 */
export function latestSlotAtOrBefore(now: Date, settings: SlotSettings): DigestSlot {
  const today = localDateOf(now, settings.timezone);
  const todays = slotOn(today, settings);
  if (todays.at.getTime() <= now.getTime()) return todays;
  return slotOn(addDays(today, -1), settings);
}

/** The first slot strictly after `now`. */
export function nextSlotAfter(now: Date, settings: SlotSettings): DigestSlot {
  const today = localDateOf(now, settings.timezone);
  // Today's slot may lie on either side of now; two days ahead covers a slot shifted across midnight.
  for (const offset of [-1, 0, 1, 2]) {
    const slot = slotOn(addDays(today, offset), settings);
    if (slot.at.getTime() > now.getTime()) return slot;
  }
  return slotOn(addDays(today, 3), settings);
}

/**
 * The node-cron expression for a server's slot: the slot's minute at its hour and at the hour after. The second
 * firing is a safety net, not a second post: on a spring-forward day the slot's hour may not exist (node-cron then
 * skips the day, while `instantOfLocalTime` moves the slot one hour on), and after a failed post it is a retry that
 * posts only the messages still missing. The claim on the local day keeps every firing after a post from posting again.
 */
export function cronExpressionFor(time: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`not a HH:MM time: ${time}`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return `${minute} ${hour},${(hour + 1) % 24} * * *`;
}

/**
 * The span of publication times a digest covers: `[from, to)`, ISO instants. `follows` says where `from` comes from:
 * the end of the last posted digest's window, the previous day's slot because no digest was ever posted, or the
 * previous day's slot for another reason (a past day before the last digest, a gap longer than `MAX_WINDOW_MS`).
 * `digestWindow` always sets it; absent (a window written by hand) reads as following the last digest.
 */
export type DigestWindow = { from: string; to: string; follows?: 'last-digest' | 'no-digest' | 'previous-day' };

/**
 * The stories a digest for `localDate` covers: published since the previous digest up to `to`.
 *
 * `to` is `now` when the digest is for the current slot (posting, preview); for a past day it is that day's slot, so a
 * dry run for a past date shows what that day's digest held. `from` is where the last posted digest's window ended
 * (its `windowTo`; its `claimedAt` on slots recorded before that was kept) when that lies before `to`, so no story
 * falls between two digests; otherwise the previous day's slot, so the first digest of a server covers a day, not
 * only the hours since midnight. The window never spans more than `MAX_WINDOW_MS`.
 */
export function digestWindow(input: {
  localDate: LocalDate;
  settings: SlotSettings;
  now: Date;
  lastPosted: DigestRecord | undefined;
}): DigestWindow {
  const { localDate, settings, now, lastPosted } = input;
  const slot = slotOn(localDate, settings);
  const isPast = localDate < localDateOf(now, settings.timezone);
  const to = isPast ? Math.min(slot.at.getTime(), now.getTime()) : now.getTime();
  const lastEnd = lastPosted ? Date.parse(lastPosted.windowTo ?? lastPosted.claimedAt) : Number.NaN;
  const previousSlot = slotOn(addDays(localDate, -1), settings).at.getTime();
  const isAfterLast = Number.isFinite(lastEnd) && lastEnd < to && lastEnd >= to - MAX_WINDOW_MS;
  let from = Number.isFinite(lastEnd) && lastEnd < to ? lastEnd : Math.min(previousSlot, to);
  from = Math.max(from, to - MAX_WINDOW_MS);
  const follows = isAfterLast ? 'last-digest' : lastPosted === undefined ? 'no-digest' : 'previous-day';
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), follows };
}
