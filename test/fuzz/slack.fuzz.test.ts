import fc from 'fast-check';
import { fixture } from '../slack/helpers/fixtures';
import { type FuzzRequest } from './helpers/fuzz-run';
import { runHttpFuzz, startFuzzApp } from './helpers/fuzz-app';
import { draw, fixtureMutations, type FuzzBody } from './helpers/mutate';
import { SlackBlockActions, SlackEventEnvelope } from './helpers/schemas';
import { interactionBody, slackHeaders } from './helpers/slack-sign';
import { zodArbitrary } from './helpers/zod-arbitrary';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const EVENTS = ['event-app-mention', 'event-bot-message', 'event-message-im', 'event-reaction-added', 'event-thread-reply', 'url-verification'];

describe('fuzzing the Slack edge (Events API and interactivity, correctly signed)', () => {
  test(`${COUNT} payloads (events and interactivity): each a 2xx or a 4xx, no crash, nothing half-stored`, async () => {
    // Arrange: half events, half clicks; each half generated from the schemas and mutated recordings;
    // 5% with a broken signature or a stale time.
    const t = await startFuzzApp();
    try {
      const quarter = Math.ceil(COUNT / 4);
      const half = 2 * quarter;
      const events: FuzzBody[] = [
        ...draw(zodArbitrary(SlackEventEnvelope), quarter).map((v) => ({ body: JSON.stringify(v), mutation: 'schema' })),
        ...draw(fixtureMutations(EVENTS.map((name) => fixture(name))), quarter),
      ];
      const clicks: FuzzBody[] = [
        ...draw(zodArbitrary(SlackBlockActions), quarter).map((v) => ({ body: JSON.stringify(v), mutation: 'schema' })),
        ...draw(fixtureMutations([fixture('block-actions')]), COUNT - half - quarter),
      ];
      const rolls = draw(fc.nat(99), COUNT);
      const now = Math.floor(Date.now() / 1000);
      const request = (body: string | Buffer, type: string, label: string, roll: number): FuzzRequest => {
        const headers = slackHeaders(body, type, roll === 0 ? now - 600 : now);
        if (roll === 1) headers['x-slack-signature'] = headers['x-slack-signature'].replace(/.$/, (c) => (c === '0' ? '1' : '0'));
        if (roll === 2) delete headers['x-slack-signature'];
        if (roll === 3) headers['x-slack-request-timestamp'] = 'yesterday';
        if (roll === 4) headers['x-slack-retry-num'] = '1';
        return { path: '/slack/events', headers, body, label };
      };
      const requests = [
        ...events.map((b, i) => request(b.body, 'application/json', `event ${b.mutation}`, rolls[i])),
        ...clicks.map((b, i) => request(interactionBody(b.body), 'application/x-www-form-urlencoded', `click ${b.mutation}`, rolls[half + i])),
      ];

      // Act
      const { tally, unhandled, db, healthStatus } = await runHttpFuzz(t, 'slack', requests);

      // Assert
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(healthStatus).toBe(200);
      expect(db.inbound).toBeGreaterThan(0);
      expect(tally.byStatus[401]).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 180_000);
});
