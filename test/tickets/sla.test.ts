import { BusinessCalendar } from '../../src/tickets/business-calendar';
import {
  computeDueTimes, describeDuration, describeTarget, dueAt, DEFAULT_SLA_POLICY, elapsedSlaTime,
  shiftedDueAt, slaProgress, slaState, SlaConfig,
} from '../../src/tickets/sla';

const H = 3_600_000;
const berlin = BusinessCalendar.parse({ timeZone: 'Europe/Berlin', holidays: ['2025-12-25', '2025-12-26'] });
const config = SlaConfig.parse({ calendar: berlin });

describe('computeDueTimes', () => {
  it('P1 runs around the clock, even on a Friday evening', () => {
    expect(computeDueTimes('P1', '2025-03-07T17:50:00Z', config)).toEqual({
      responseDueAt: '2025-03-07T18:05:00.000Z', resolveDueAt: '2025-03-07T21:50:00.000Z',
    });
  });

  it('P3 uses business hours and business days of 9 h (Fri 16:00 Berlin)', () => {
    // respond 4 h: Fri 2 h + Mon 2 h -> Mon 11:00; resolve 27 h: Fri 2 + Mon 9 + Tue 9 + Wed 7 -> Wed 16:00.
    expect(computeDueTimes('P3', '2025-01-10T15:00:00Z', config)).toEqual({
      responseDueAt: '2025-01-13T10:00:00.000Z', resolveDueAt: '2025-01-15T15:00:00.000Z',
    });
  });

  it('P5 responds within 2 business days (Mon 12:00 -> Wed 12:00)', () => {
    expect(computeDueTimes('P5', '2025-01-13T11:00:00Z', config).responseDueAt).toBe('2025-01-15T11:00:00.000Z');
  });

  it('counts in the calendar time zone (Shanghai Fri 17:30 + 4 h -> Mon 12:30)', () => {
    const shanghai = SlaConfig.parse({ calendar: { timeZone: 'Asia/Shanghai' } });
    expect(computeDueTimes('P3', '2025-01-10T09:30:00Z', shanghai).responseDueAt).toBe('2025-01-13T04:30:00.000Z');
  });

  it('uses a configured policy instead of the defaults', () => {
    const custom = SlaConfig.parse({ calendar: berlin, policy: { ...DEFAULT_SLA_POLICY, P1: { clock: '24x7', respond: '5m', resolve: '1h' } } });
    expect(computeDueTimes('P1', '2025-01-13T08:00:00Z', custom).responseDueAt).toBe('2025-01-13T08:05:00.000Z');
  });

  it('rejects a malformed duration', () => {
    expect(SlaConfig.safeParse({ policy: { ...DEFAULT_SLA_POLICY, P2: { clock: '24x7', respond: '30 minutes', resolve: '8h' } } }).success).toBe(false);
  });
});

describe('pauses', () => {
  const start = '2025-01-13T08:00:00Z'; // Monday 09:00 Berlin

  it('pushes a business-hours due time back by the paused working time', () => {
    // 4 h due 13:00; paused 10:00-11:30 -> 14:30 Berlin.
    const due = shiftedDueAt(start, '4h', [{ from: '2025-01-13T09:00:00Z', to: '2025-01-13T10:30:00Z' }], 'business', berlin);
    expect(due?.toISOString()).toBe('2025-01-13T13:30:00.000Z');
  });

  it('counts only the working part of an overnight pause', () => {
    // 27 h due Wed 18:00; paused Mon 17:00-Tue 10:00 = 2 working hours -> Thu 11:00 Berlin.
    const due = shiftedDueAt(start, '3bd', [{ from: '2025-01-13T16:00:00Z', to: '2025-01-14T09:00:00Z' }], 'business', berlin);
    expect(due?.toISOString()).toBe('2025-01-16T10:00:00.000Z');
  });

  it('shifts a 24x7 due time by wall time', () => {
    const due = shiftedDueAt('2025-03-07T10:00:00Z', '4h', [{ from: '2025-03-07T11:00:00Z', to: '2025-03-07T12:30:00Z' }], '24x7', berlin);
    expect(due?.toISOString()).toBe('2025-03-07T15:30:00.000Z');
  });

  it('ignores a pause that starts after the due time and gives none while a pause is open', () => {
    expect(shiftedDueAt(start, '4h', [{ from: '2025-01-13T15:00:00Z', to: '2025-01-13T16:00:00Z' }], 'business', berlin)?.toISOString())
      .toBe('2025-01-13T12:00:00.000Z');
    expect(shiftedDueAt(start, '4h', [{ from: '2025-01-13T09:00:00Z' }], 'business', berlin)).toBeNull();
  });

  it('does not count overlapping pauses twice', () => {
    const pauses = [
      { from: '2025-01-13T09:00:00Z', to: '2025-01-13T10:00:00Z' },
      { from: '2025-01-13T09:30:00Z', to: '2025-01-13T10:30:00Z' },
    ];
    expect(elapsedSlaTime('2025-01-13T11:00:00Z', start, pauses, 'business', berlin)).toBe(1.5 * H);
  });
});

describe('slaProgress', () => {
  const start = '2025-01-13T08:00:00Z';
  const due = dueAt(start, '4h', 'business', berlin); // 12:00Z

  it('reaches the 75% warning after 3 of 4 working hours', () => {
    const p = slaProgress('2025-01-13T11:00:00Z', start, due, [], 'business', berlin);
    expect(p).toBe(0.75);
    expect(slaState(p)).toBe('warning');
  });

  it('does not count paused time, including a pause still open', () => {
    expect(slaProgress('2025-01-13T11:00:00Z', start, due, [{ from: '2025-01-13T09:00:00Z', to: '2025-01-13T10:00:00Z' }], 'business', berlin)).toBe(0.5);
    expect(slaProgress('2025-01-13T11:00:00Z', start, due, [{ from: '2025-01-13T09:00:00Z' }], 'business', berlin)).toBe(0.25);
  });

  it('goes past 1 when breached and does not advance overnight', () => {
    expect(slaState(slaProgress('2025-01-13T13:00:00Z', start, due, [], 'business', berlin))).toBe('breached');
    const evening = slaProgress('2025-01-13T17:00:00Z', start, due, [], 'business', berlin);
    expect(slaProgress('2025-01-14T07:59:00Z', start, due, [], 'business', berlin)).toBe(evening);
    expect(slaState(0.2)).toBe('ok');
  });
});

describe('describing durations', () => {
  it('writes English and Chinese', () => {
    expect(describeDuration(4 * H, 'en')).toBe('within 4 hours');
    expect(describeDuration(4 * H, 'zh')).toBe('4小时内');
    expect(describeDuration(15 * 60_000, 'en')).toBe('within 15 minutes');
    expect(describeDuration(60 * 60_000, 'en')).toBe('within 1 hour');
    expect(describeDuration(48 * H, 'zh')).toBe('2天内');
  });

  it('names business days and business hours from a policy target', () => {
    expect(describeTarget(DEFAULT_SLA_POLICY.P5, 'resolve', 'en')).toBe('within 10 business days');
    expect(describeTarget(DEFAULT_SLA_POLICY.P3, 'resolve', 'zh')).toBe('3个工作日内');
    expect(describeTarget(DEFAULT_SLA_POLICY.P3, 'respond', 'en')).toBe('within 4 hours (business hours)');
    expect(describeTarget(DEFAULT_SLA_POLICY.P1, 'respond', 'zh')).toBe('15分钟内');
  });
});
