import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import {
  cronExpressionFor,
  digestWindow,
  latestSlotAtOrBefore,
  MAX_WINDOW_MS,
  nextSlotAfter,
  slotOn,
} from '../../../src/services/digest/digest-slot.js';
import type { DigestRecord } from '../../../src/data/schemas.js';

const ny = { time: '07:00', timezone: 'America/New_York' };

describe('latestSlotAtOrBefore', () => {
  it('is today once the time has come, yesterday before', () => {
    expect(latestSlotAtOrBefore(new Date('2026-06-15T11:00:00Z'), ny).localDate).toBe('2026-06-15');
    expect(latestSlotAtOrBefore(new Date('2026-06-15T10:59:59Z'), ny).localDate).toBe('2026-06-14');
  });

  it('keeps a gap-shifted slot on its own day', () => {
    const slot = latestSlotAtOrBefore(new Date('2026-03-08T07:30:00Z'), { time: '02:30', timezone: 'America/New_York' });
    expect(slot).toEqual({ localDate: '2026-03-08', at: new Date('2026-03-08T07:30:00Z') });
  });
});

describe('nextSlotAfter', () => {
  it('is strictly after now', () => {
    expect(nextSlotAfter(new Date('2026-06-15T11:00:00Z'), ny).localDate).toBe('2026-06-16');
    expect(nextSlotAfter(new Date('2026-06-15T10:00:00Z'), ny).localDate).toBe('2026-06-15');
  });

  it('gives one slot per local day across both daylight-saving changes', () => {
    for (const [zone, time, from] of [
      ['America/New_York', '02:30', '2026-03-05T00:00:00Z'],
      ['Europe/London', '01:30', '2026-10-22T00:00:00Z'],
    ] as const) {
      let now = new Date(from);
      const days: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const slot = nextSlotAfter(now, { time, timezone: zone });
        days.push(slot.localDate);
        now = slot.at;
      }
      expect(new Set(days).size, zone).toBe(7);
    }
  });
});

describe('cronExpressionFor', () => {
  it('fires at the slot and an hour later, a valid node-cron pattern', () => {
    expect(cronExpressionFor('07:05')).toBe('5 7,8 * * *');
    expect(cronExpressionFor('23:30')).toBe('30 23,0 * * *');
    expect(cron.validate(cronExpressionFor('23:30'))).toBe(true);
  });

  it('rejects a malformed time', () => {
    expect(() => cronExpressionFor('7:5')).toThrow(RangeError);
  });
});

const posted = (localDate: string, claimedAt: string, windowTo: string | null = null): DigestRecord => ({
  guildId: '1',
  localDate,
  status: 'posted',
  instanceId: 'a',
  claimedAt,
  postedAt: claimedAt,
  messageIds: ['5'],
  windowTo,
  error: null,
  attempts: 1,
});

describe('digestWindow', () => {
  const settings = { time: '07:00', timezone: 'UTC' };
  const now = new Date('2026-06-15T07:00:00Z');

  it('starts where the last posted digest\'s window ended and ends now', () => {
    // Claimed again later (its first attempt failed part-way): the window it was built from still ends at 07:01.
    const last = posted('2026-06-14', '2026-06-14T08:01:00.000Z', '2026-06-14T07:01:00.000Z');
    const window = digestWindow({ localDate: '2026-06-15', settings, now, lastPosted: last });
    expect(window).toEqual({ from: '2026-06-14T07:01:00.000Z', to: '2026-06-15T07:00:00.000Z', follows: 'last-digest' });
  });

  it('starts where the last posted digest was claimed when its window end was not kept', () => {
    const window = digestWindow({ localDate: '2026-06-15', settings, now, lastPosted: posted('2026-06-14', '2026-06-14T07:02:00.000Z') });
    expect(window).toEqual({ from: '2026-06-14T07:02:00.000Z', to: '2026-06-15T07:00:00.000Z', follows: 'last-digest' });
  });

  it('covers a day from the previous slot when nothing was posted before', () => {
    const window = digestWindow({ localDate: '2026-06-15', settings, now, lastPosted: undefined });
    expect(window).toEqual({ from: '2026-06-14T07:00:00.000Z', to: '2026-06-15T07:00:00.000Z', follows: 'no-digest' });
  });

  it('never spans more than two days', () => {
    const window = digestWindow({ localDate: '2026-06-15', settings, now, lastPosted: posted('2026-06-01', '2026-06-01T07:00:00.000Z') });
    expect(Date.parse(window.to) - Date.parse(window.from)).toBe(MAX_WINDOW_MS);
    expect(window.follows).toBe('previous-day');
  });

  it('ends a past day at its slot', () => {
    const window = digestWindow({ localDate: '2026-06-10', settings, now, lastPosted: posted('2026-06-14', '2026-06-14T07:00:00.000Z') });
    expect(window).toEqual({ from: '2026-06-09T07:00:00.000Z', to: slotOn('2026-06-10', settings).at.toISOString(), follows: 'previous-day' });
  });
});
