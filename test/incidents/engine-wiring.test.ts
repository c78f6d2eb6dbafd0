import { MajorIncidents, type DetectionOutcome } from '../../src/incidents/major-incidents';
import { SlaMonitor } from '../../src/sla/sla-monitor';
import { sqliteIncidentStore } from '../../src/store/sqlite-incident-store';
import { sqliteSlaStore } from '../../src/store/sqlite-sla-store';
import { DEFAULT_SLA_POLICY, SlaConfig } from '../../src/tickets/sla';
import type { ChannelAdapter } from '../../src/types/channel';
import type { ChannelName, OutboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

/** A channel that records what the dispatcher sends through it. */
function recordingChannel(name: ChannelName) {
  const sent: { userId: string; message: OutboundMessage }[] = [];
  const channel: ChannelAdapter = {
    name,
    capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
    start: async () => {},
    stop: async () => {},
    send: async (ref, message) => {
      sent.push({ userId: ref.userId, message });
    },
  };
  return { channel, sent };
}

const textOf = (m: OutboundMessage) => ('text' in m ? String(m.text) : '');
const allDay = SlaConfig.parse({
  policy: Object.fromEntries(Object.entries(DEFAULT_SLA_POLICY).map(([p, target]) => [p, { ...target, clock: '24x7' }])),
});

describe('wired to a running app (the lead wires these on engine.events)', () => {
  test('three chat users report the VPN: MI opened from committed turns, each told on their own channel, then told it is fixed', async () => {
    const web = recordingChannel('webchat');
    const term = recordingChannel('terminal');
    const t = await startTestApp({}, { channels: [web.channel, term.channel], turnDeps: fixedTurnDeps({ category: 'network' }), dispatch: false });
    try {
      const mi = new MajorIncidents({ store: t.app.store, incidents: sqliteIncidentStore(t.app.store), engine: t.app.engine });
      const detections: Promise<DetectionOutcome | null>[] = [];
      t.app.engine.events.on('committed', (result) => {
        if (result.openedTicket?.type === 'incident') detections.push(mi.onTicketOpened(result.openedTicket, new Date()));
      });
      const say = (channel: ChannelName, user: string, text: string) =>
        t.app.engine.receive({ ref: { channel, conversationId: `${channel}:${user}`, userId: user }, platformMessageId: `${user}-1`, text });

      await say('webchat', 'ana', 'VPN will not connect from home');
      await say('terminal', 'bo', 'cannot connect to the VPN, it times out');
      await say('webchat', 'cy', 'the VPN connection keeps timing out');
      const outcomes = await Promise.all(detections);
      await mi.resolveMajorIncident('MI-000001', 'The VPN gateway was restarted', new Date());
      await t.app.dispatcher.drainDue();

      expect(outcomes.map((o) => o?.action ?? null)).toEqual([null, null, 'opened']);
      const to = (rec: ReturnType<typeof recordingChannel>, user: string) => rec.sent.filter((s) => s.userId === user).map((s) => textOf(s.message));
      for (const [rec, user] of [[web, 'ana'], [term, 'bo'], [web, 'cy']] as const) {
        const texts = to(rec, user);
        expect(texts.some((x) => /known problem affecting several people \(MI-000001\)/.test(x))).toBe(true);
        expect(texts.at(-1)).toMatch(/MI-000001 \(VPN will not connect from home\) has been fixed: The VPN gateway was restarted/);
      }
      expect(to(term, 'ana')).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  test('an SLA breach found by the monitor reaches the user through the dispatcher', async () => {
    const term = recordingChannel('terminal');
    let now = new Date('2026-03-02T10:00:00Z');
    const t = await startTestApp({}, { channels: [term.channel], turnDeps: fixedTurnDeps(), dispatch: false, clock: () => now });
    try {
      await t.app.engine.receive({ ref: { channel: 'terminal', conversationId: 'term:ana', userId: 'ana' }, platformMessageId: 'p1', text: 'my laptop will not boot' });
      const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
      const monitor = new SlaMonitor({ store: t.app.store, slaStore: sqliteSlaStore(t.app.store), sla: allDay, engine: t.app.engine, clock: () => now });

      now = new Date(Date.parse(ticket.responseDueAt) + 60_000);
      const report = await monitor.tick(now);
      await t.app.dispatcher.drainDue();

      expect(report.escalated).toEqual(['INC-000001']);
      expect(textOf(term.sent.at(-1)!.message)).toMatch(/^Sorry, we missed our first-response target for INC-000001\. It is now with .+; new expected response: by /);
    } finally {
      await t.stop();
    }
  });
});
