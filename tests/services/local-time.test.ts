import { describe, expect, it } from 'vitest';
import { addDays, instantOfLocalTime, localDateOf, localTimeOf, startOfLocalDay } from '../../src/services/local-time.js';

describe('localDateOf', () => {
  it('gives the calendar day in the zone, not in UTC', () => {
    const instant = new Date('2026-03-10T22:30:00Z');
    expect(localDateOf(instant, 'UTC')).toBe('2026-03-10');
    expect(localDateOf(instant, 'Asia/Tokyo')).toBe('2026-03-11');
    expect(localDateOf(new Date('2026-03-11T03:00:00Z'), 'America/New_York')).toBe('2026-03-10');
  });
});

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('instantOfLocalTime', () => {
  it('finds a plain local time in several zones', () => {
    expect(instantOfLocalTime('2026-06-15', '07:00', 'Asia/Tokyo').toISOString()).toBe('2026-06-14T22:00:00.000Z');
    expect(instantOfLocalTime('2026-06-15', '07:00', 'America/New_York').toISOString()).toBe('2026-06-15T11:00:00.000Z');
    expect(instantOfLocalTime('2026-01-15', '07:00', 'Europe/London').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(instantOfLocalTime('2026-06-15', '07:00', 'Europe/London').toISOString()).toBe('2026-06-15T06:00:00.000Z');
    expect(instantOfLocalTime('2026-06-15', '07:00', 'Asia/Kolkata').toISOString()).toBe('2026-06-15T01:30:00.000Z');
  });

  it('moves a time in the spring-forward gap past the gap (02:30 New York is 03:30 EDT)', () => {
    const instant = instantOfLocalTime('2026-03-08', '02:30', 'America/New_York');
    expect(instant.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localTimeOf(instant, 'America/New_York')).toBe('03:30');
    expect(localDateOf(instant, 'America/New_York')).toBe('2026-03-08');
  });

  it('takes the first of a time that occurs twice at fall-back (01:30 London is 01:30 BST)', () => {
    expect(instantOfLocalTime('2026-10-25', '01:30', 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOfLocalTime('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads back as the asked wall time on every day of a year outside gaps', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Tokyo']) {
      for (let day = 0; day < 366; day += 1) {
        const date = addDays('2026-01-01', day);
        const instant = instantOfLocalTime(date, '07:45', zone);
        expect(localDateOf(instant, zone), `${zone} ${date}`).toBe(date);
        expect(localTimeOf(instant, zone), `${zone} ${date}`).toBe('07:45');
      }
    }
  });
});

describe('startOfLocalDay', () => {
  it('is midnight, or the first instant after a midnight gap', () => {
    expect(startOfLocalDay('2026-06-15', 'Europe/Berlin').toISOString()).toBe('2026-06-14T22:00:00.000Z');
    // Chile springs forward at midnight: 2026-09-06 starts at 01:00 local.
    expect(localTimeOf(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('01:00');
  });
});
