import type { KpiData, KpiTicket } from '../../src/kpi/kpi-data';
import { formatReport, toCsv } from '../../src/kpi/format-report';
import { parsePeriod } from '../../src/kpi/period';
import { computeReport } from '../../src/kpi/report';
import { median, percentile } from '../../src/kpi/stats';

const ticket = (over: Partial<KpiTicket>): KpiTicket => ({
  id: 1, number: 'INC-000001', type: 'incident', category: 'network', priority: 'P3', status: 'new', group: 'network', channel: 'slack',
  createdAt: '2026-03-02T10:00:00.000Z', firstResponseAt: null, escalatedAt: null, resolvedAt: null, closedAt: null,
  responseDueAt: '2026-03-02T14:00:00.000Z', resolveDueAt: '2026-03-05T14:00:00.000Z', csat: null, majorIncidentId: null, kb: [], events: [],
  ...over,
});

const PERIOD = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
const NOW = '2026-03-10T00:00:00.000Z';

describe('statistics', () => {
  test('median of odd and even counts; nearest-rank percentile is an observed value', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
  });
});

describe('report parts', () => {
  test('users notified: distinct users with a broadcast sent in the period; major incidents with linked tickets', () => {
    const data: KpiData = {
      tickets: [ticket({ id: 1, majorIncidentId: 7 }), ticket({ id: 2, majorIncidentId: 7 }), ticket({ id: 3, createdAt: '2026-02-01T00:00:00.000Z', majorIncidentId: 7 })],
      notifications: [
        { userId: 1, sentAt: '2026-03-03T00:00:00.000Z' }, { userId: 1, sentAt: '2026-03-04T00:00:00.000Z' },
        { userId: 2, sentAt: '2026-03-04T00:00:00.000Z' }, { userId: 3, sentAt: '2026-03-09T00:00:00.000Z' },
      ],
      majorIncidents: [
        { id: 7, number: 'MI-000007', title: 'Mail down in Shanghai', status: 'resolved', createdAt: '2026-03-02T09:00:00.000Z' },
        { id: 8, number: 'MI-000008', title: 'Old', status: 'closed', createdAt: '2026-01-02T09:00:00.000Z' },
      ],
    };
    const report = computeReport(data, PERIOD, NOW);
    expect(report.notifications).toEqual({ deliveries: 3, users: 2 });
    expect(report.majorIncidents).toEqual([{ ...data.majorIncidents![0], linkedTickets: 2 }]);
    expect(computeReport({ ...data, majorIncidents: null }, PERIOD, NOW).majorIncidents).toBeNull();
  });

  test('an unanswered ticket not yet due is neither met nor breached', () => {
    const report = computeReport({ tickets: [ticket({ responseDueAt: '2026-03-11T00:00:00.000Z' })], notifications: [], majorIncidents: null }, PERIOD, NOW);
    expect(report.overall.slaResponse).toEqual({ met: 0, breached: 0, metPct: null });
  });

  test('formats: CSV rows per slice with a header, defused formulas; aligned table; JSON round-trips', () => {
    const report = computeReport({ tickets: [ticket({ group: '=cmd|calc' })], notifications: [], majorIncidents: null }, PERIOD, NOW);
    const csv = formatReport(report, 'csv').trim().split('\n');
    expect(csv[0]).toBe('dimension,slice,opened,closed,first_response_median_min,first_response_p90_min,handoff_median_min,sla_response_met_pct,sla_resolution_met_pct,self_service_pct,deflection_pct,first_contact_pct,reopen_pct,csat_average,csat_response_pct,self_service_csat_average');
    expect(csv[1]).toBe('all,all,1,0,,,,0,0,,0,,,,,');
    expect(csv).toContain("group,'=cmd|calc,1,0,,,,0,0,,0,,,,,");
    expect(csv).toHaveLength(1 + 1 + 4);
    const table = formatReport(report, 'table');
    expect(table).toMatch(/^dimension +slice +opened/m);
    expect(table).toContain('Major incidents: not recorded in this database');
    expect(JSON.parse(formatReport(report, 'json')).overall.opened).toBe(1);
    expect(toCsv(['a'], [['x,"y"']])).toBe('a\n"x,""y"""\n');
  });

  test('period: dates are UTC days, --to includes its day, default 30 days, bad input tells the fix', () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    expect(parsePeriod({ from: '2026-03-02', to: '2026-03-08' }, now)).toEqual(PERIOD);
    expect(parsePeriod({}, now)).toEqual({ from: '2026-02-08T12:00:00.000Z', to: '2026-03-10T12:00:00.000Z' });
    expect(() => parsePeriod({ from: 'yesterday' }, now)).toThrow(/YYYY-MM-DD/);
    expect(() => parsePeriod({ from: '2026-03-09', to: '2026-03-01' }, now)).toThrow(/before/);
  });
});
