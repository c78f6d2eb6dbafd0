import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKpiData } from '../../src/kpi/load-kpi-data';
import { computeReport, type KpiReport } from '../../src/kpi/report';
import { timeSeries } from '../../src/kpi/series';
import { SqliteStore } from '../../src/store/sqlite-store';
import { NOW, PERIOD, seedHistory } from './fixture';

// Every expected figure below is counted by hand from test/kpi/fixture.ts (see the comments).
describe('KPIs of the fixture week', () => {
  let dir: string;
  let store: SqliteStore;
  let report: KpiReport;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-kpi-'));
    store = new SqliteStore(path.join(dir, 'kpi.db'));
    seedHistory(store.db);
    report = computeReport(loadKpiData(store.db, NOW), PERIOD, NOW);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('volume: 7 opened in the week (not INC-000006 after it, not REQ-000002 before it), 5 closed in it', () => {
    expect(report.overall.opened).toBe(7);
    // INC-000001, INC-000002, REQ-000001, INC-000003 (self-service) and REQ-000002 (opened the week before).
    expect(report.overall.closed).toBe(5);
  });

  test('first response: 10, 20, 60, 120 min -> median 40, p90 (nearest rank 4 of 4) 120', () => {
    expect(report.overall.firstResponse).toEqual({ count: 4, medianMinutes: 40, p90Minutes: 120 });
  });

  test('hand-off to tier-2: 0, 0, 0 (escalated at once) and 90 min (INC-000004 on request) -> median 0, p90 90', () => {
    expect(report.overall.handoff).toEqual({ count: 4, medianMinutes: 0, p90Minutes: 90 });
  });

  test('SLA: response 3 met / 3 breached, resolution 2 met / 2 breached (2 not yet due), self-service excluded', () => {
    // Response met: INC-000001, REQ-000001, INC-000007. Breached: INC-000002 (late), INC-000004 and INC-000005 (unanswered past due).
    expect(report.overall.slaResponse).toEqual({ met: 3, breached: 3, metPct: 50 });
    // Met: INC-000001, REQ-000001. Breached: INC-000002 (resolved again after its due time), INC-000007 (open, past due).
    expect(report.overall.slaResolution).toEqual({ met: 2, breached: 2, metPct: 50 });
  });

  test('self-service: articles offered on 3 tickets, 1 solved -> 33.3 %; deflection 1 of 7 opened', () => {
    expect(report.overall.selfService.kbOffered).toBe(3);
    expect(report.overall.selfService.resolved).toBe(1);
    expect(report.overall.selfService.ratePct).toBeCloseTo(100 / 3, 10);
    expect(report.overall.selfService.deflectionPct).toBeCloseTo(100 / 7, 10);
  });

  test('questions answered without a ticket count as self-service: 2 in the week (1 after it) -> 3 solved of 5 offered, deflection 3 of 9', () => {
    const data = loadKpiData(store.db, NOW);
    const kbAnswers = [
      { at: '2026-03-03T10:00:00.000Z', channel: 'webchat', category: 'email', articles: ['software-install'], csat: 4 },
      { at: '2026-03-04T10:00:00.000Z', channel: 'slack', category: null, articles: ['vpn-connect'], csat: null },
      { at: '2026-03-09T10:00:00.000Z', channel: 'webchat', category: 'email', articles: ['software-install'] },
    ];
    const withAnswers = computeReport({ ...data, kbAnswers }, PERIOD, NOW);
    // One of the two answers in the week was rated (4): the self-service CSAT; the tickets' CSAT is unchanged.
    expect(withAnswers.overall.selfService).toEqual({ kbOffered: 5, resolved: 3, answered: 2, ratePct: 60, deflectionPct: expect.closeTo(100 / 3, 10), rated: 1, csatAverage: 4 });
    expect(withAnswers.overall.csat).toEqual(report.overall.csat);
    expect(withAnswers.overall.opened).toBe(7);
    expect(withAnswers.breakdown.channel.webchat.selfService.answered).toBe(1);
    expect(withAnswers.breakdown.category.email.selfService.answered).toBe(1);
    expect(withAnswers.breakdown.category['(none)'].selfService.answered).toBe(1);
    // An answer has no priority or group: those slices are as without it.
    expect(withAnswers.breakdown.priority).toEqual(report.breakdown.priority);
    expect(withAnswers.kb.top[0]).toEqual({ id: 'software-install', offered: 3, helpful: 2, notHelpful: 1 });
    // Tuesday and Wednesday: one ticket opened (not deflected) and one question answered each -> 1 of 2.
    expect(timeSeries(data.tickets, PERIOD, NOW, kbAnswers).map((p) => p.deflectionPct)).toEqual([0, 50, 50, 100, 0, 0, 0]);
  });

  test('first-contact resolution: REQ-000001 and INC-000003 of 5 closed (others escalated or transferred) -> 40 %', () => {
    expect(report.overall.firstContact).toEqual({ closed: 5, resolved: 2, ratePct: 40 });
  });

  test('reopen rate: INC-000002 of the 3 opened tickets ever resolved', () => {
    expect(report.overall.reopen.resolved).toBe(3);
    expect(report.overall.reopen.reopened).toBe(1);
    expect(report.overall.reopen.ratePct).toBeCloseTo(100 / 3, 10);
  });

  test('CSAT: 4 closed tickets surveyed, 3 rated 5, 3, 4 -> average 4, response rate 75 %', () => {
    expect(report.overall.csat).toEqual({ surveyed: 4, responses: 3, average: 4, responseRatePct: 75 });
  });

  test('backlog now: 4 open tickets by priority and age at the injected clock', () => {
    expect(report.backlog.total).toBe(4);
    expect(report.backlog.byPriority.P1).toEqual({ total: 1, '<1d': 0, '1-3d': 1, '3-7d': 0, '>7d': 0 });
    expect(report.backlog.byPriority.P2).toEqual({ total: 1, '<1d': 0, '1-3d': 0, '3-7d': 1, '>7d': 0 });
    expect(report.backlog.byPriority.P3).toEqual({ total: 1, '<1d': 0, '1-3d': 0, '3-7d': 1, '>7d': 0 });
    expect(report.backlog.byPriority.P4).toEqual({ total: 1, '<1d': 0, '1-3d': 1, '3-7d': 0, '>7d': 0 });
    expect(report.backlog.byPriority.P5.total).toBe(0);
  });

  test('knowledge base: software-install is the top article, outlook-not-syncing the worst rated', () => {
    expect(report.kb.top).toEqual([{ id: 'software-install', offered: 2, helpful: 1, notHelpful: 1 }]);
    expect(report.kb.worst).toEqual([
      { id: 'outlook-not-syncing', offered: 2, helpful: 0, notHelpful: 2 },
      { id: 'software-install', offered: 2, helpful: 1, notHelpful: 1 },
    ]);
  });

  test('per channel: web chat 4 opened / 3 closed, FRT 10, 20, 120 -> median 20; Teams only closes REQ-000002', () => {
    expect(Object.keys(report.breakdown.channel)).toEqual(['email', 'slack', 'teams', 'webchat']);
    const web = report.breakdown.channel.webchat;
    expect([web.opened, web.closed]).toEqual([4, 3]);
    expect(web.firstResponse).toEqual({ count: 3, medianMinutes: 20, p90Minutes: 120 });
    expect(web.slaResponse).toEqual({ met: 3, breached: 0, metPct: 100 });
    // Resolution: INC-000001 and REQ-000001 met, INC-000007 breached; INC-000003 is self-service.
    expect(web.slaResolution.met).toBe(2);
    expect(web.slaResolution.breached).toBe(1);
    const teams = report.breakdown.channel.teams;
    expect([teams.opened, teams.closed, teams.firstContact.ratePct, teams.csat.average]).toEqual([0, 1, 0, 4]);
  });

  test('per priority and group: P2 FRT 10, 20, 60 -> median 20, p90 60; response SLA 2 of 3', () => {
    const p2 = report.breakdown.priority.P2;
    expect(p2.firstResponse).toEqual({ count: 3, medianMinutes: 20, p90Minutes: 60 });
    expect(p2.slaResponse.met).toBe(2);
    expect(p2.slaResponse.metPct).toBeCloseTo(200 / 3, 10);
    expect(report.breakdown.group.network.opened).toBe(2);
    expect(report.breakdown.group['service-desk'].opened).toBe(4);
    expect(report.breakdown.category.network.reopen).toEqual({ resolved: 2, reopened: 1, ratePct: 50 });
  });

  test('daily series: one point a day; Monday has 1 opened and 2 closed, Thursday the only deflection', () => {
    const series = timeSeries(loadKpiData(store.db, NOW).tickets, PERIOD, NOW);
    expect(series.map((p) => p.opened)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(series.map((p) => p.closed)).toEqual([2, 0, 1, 2, 0, 0, 0]);
    expect(series.map((p) => p.deflectionPct)).toEqual([0, 0, 0, 100, 0, 0, 0]);
    expect(series[0].csatAverage).toBe(4.5);
  });
});
