import {
  addBusinessTime, BusinessCalendar, businessDayMs, businessTimeBetween, zonedParts, zonedTimeToUtc,
} from '../../src/tickets/business-calendar';

const berlin = BusinessCalendar.parse({ timeZone: 'Europe/Berlin', holidays: ['2025-12-25', '2025-12-26'] });
const H = 3_600_000;
const d = (iso: string) => new Date(iso);

describe('BusinessCalendar schema', () => {
  it('defaults to UTC, Monday-Friday, 09:00-18:00', () => {
    const cal = BusinessCalendar.parse({});
    expect(cal).toEqual({ timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], hours: { start: '09:00', end: '18:00' }, holidays: [] });
    expect(businessDayMs(cal)).toBe(9 * H);
  });

  it('rejects an unknown time zone and reversed hours', () => {
    expect(BusinessCalendar.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(BusinessCalendar.safeParse({ hours: { start: '18:00', end: '09:00' } }).success).toBe(false);
  });
});

describe('time zone conversion', () => {
  it('maps wall-clock times to instants in winter and summer time', () => {
    expect(zonedTimeToUtc({ year: 2025, month: 1, day: 13 }, '09:00', 'Europe/Berlin').toISOString()).toBe('2025-01-13T08:00:00.000Z');
    expect(zonedTimeToUtc({ year: 2025, month: 3, day: 31 }, '09:00', 'Europe/Berlin').toISOString()).toBe('2025-03-31T07:00:00.000Z');
    expect(zonedTimeToUtc({ year: 2025, month: 1, day: 13 }, '09:00', 'Asia/Shanghai').toISOString()).toBe('2025-01-13T01:00:00.000Z');
  });

  it('reads the same wall clock as Intl at every instant of a year, across DST changes and odd offsets', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
    const mismatches: string[] = [];
    for (const timeZone of zones) {
      const intl = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      // Every 37 min 13 s: the steps drift across all minutes and seconds of the hour over the year.
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000 + 13_000) {
        const fields = Object.fromEntries(intl.formatToParts(t).map((p) => [p.type, Number(p.value)]));
        const expected = { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
        if (JSON.stringify(zonedParts(new Date(t), timeZone)) !== JSON.stringify(expected)) mismatches.push(`${timeZone} ${new Date(t).toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reads wall-clock fields of an instant', () => {
    expect(zonedParts(d('2025-01-10T23:30:00Z'), 'Asia/Shanghai')).toMatchObject({ year: 2025, month: 1, day: 11, hour: 7, minute: 30 });
  });
});

describe('addBusinessTime', () => {
  it('carries the rest of a duration over the weekend (Fri 16:00 + 4 h -> Mon 11:00 Berlin)', () => {
    expect(addBusinessTime(d('2025-01-10T15:00:00Z'), 4 * H, berlin).toISOString()).toBe('2025-01-13T10:00:00.000Z');
  });

  it('starts counting at opening time when created before hours (Mon 06:00 + 4 h -> 13:00)', () => {
    expect(addBusinessTime(d('2025-01-13T05:00:00Z'), 4 * H, berlin).toISOString()).toBe('2025-01-13T12:00:00.000Z');
  });

  it('ends exactly at closing time rather than rolling to the next morning', () => {
    expect(addBusinessTime(d('2025-01-13T13:00:00Z'), 4 * H, berlin).toISOString()).toBe('2025-01-13T17:00:00.000Z');
  });

  it('skips holidays (Wed 24 Dec 17:00 + 8 h -> Mon 29 Dec 16:00)', () => {
    expect(addBusinessTime(d('2025-12-24T16:00:00Z'), 8 * H, berlin).toISOString()).toBe('2025-12-29T15:00:00.000Z');
  });

  it('follows the spring DST change (Fri 28 Mar 17:00 CET + 4 h -> Mon 31 Mar 12:00 CEST)', () => {
    expect(addBusinessTime(d('2025-03-28T16:00:00Z'), 4 * H, berlin).toISOString()).toBe('2025-03-31T10:00:00.000Z');
  });
});

describe('businessTimeBetween', () => {
  it('counts only working hours across a weekend (Fri 17:00 -> Mon 10:00 = 2 h)', () => {
    expect(businessTimeBetween(d('2025-01-10T16:00:00Z'), d('2025-01-13T09:00:00Z'), berlin)).toBe(2 * H);
  });

  it('is zero for a reversed interval', () => {
    expect(businessTimeBetween(d('2025-01-13T12:00:00Z'), d('2025-01-13T10:00:00Z'), berlin)).toBe(0);
  });
});
