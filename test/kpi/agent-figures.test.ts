import { agentFigures } from '../../src/kpi/agent-figures';
import type { KpiTicket } from '../../src/kpi/kpi-data';

const base: KpiTicket = {
  id: 1, number: 'INC-000001', type: 'incident', category: 'network', priority: 'P3', status: 'in_progress', group: 'network', agentId: 'ann',
  channel: 'webchat', createdAt: '2026-03-02T08:00:00.000Z', firstResponseAt: null, escalatedAt: null, resolvedAt: null, closedAt: null,
  responseDueAt: '2026-03-02T12:00:00.000Z', resolveDueAt: '2026-03-05T12:00:00.000Z', csat: null, majorIncidentId: null, kb: [], events: [],
};
const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' };

describe('per-agent figures (#21 dashboard)', () => {
  test('open now, resolved, first response and resolution medians and CSAT per owner; unowned tickets are left out', () => {
    const tickets: KpiTicket[] = [
      { ...base, escalatedAt: '2026-03-02T08:00:00.000Z', firstResponseAt: '2026-03-02T08:10:00.000Z' },
      { ...base, id: 2, status: 'closed', firstResponseAt: '2026-03-02T08:30:00.000Z', resolvedAt: '2026-03-02T10:00:00.000Z', closedAt: '2026-03-02T11:00:00.000Z', csat: 4 },
      { ...base, id: 3, status: 'resolved', resolvedAt: '2026-03-02T12:00:00.000Z' },
      // Resolved before the period: counted nowhere in it.
      { ...base, id: 4, status: 'closed', resolvedAt: '2026-03-01T12:00:00.000Z', closedAt: '2026-03-01T13:00:00.000Z', csat: 1 },
      { ...base, id: 5, agentId: 'bo', status: 'escalated' },
      { ...base, id: 6, agentId: null },
    ];
    expect(agentFigures(tickets, period)).toEqual([
      { agentId: 'ann', openNow: 1, resolved: 2, firstResponseMedianMinutes: 20, resolutionMedianHours: 3, csatAverage: 4, csatCount: 1 },
      { agentId: 'bo', openNow: 1, resolved: 0, firstResponseMedianMinutes: null, resolutionMedianHours: null, csatAverage: null, csatCount: 0 },
    ]);
  });
});
