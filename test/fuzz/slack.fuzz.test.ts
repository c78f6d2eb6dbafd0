import fc from 'fast-check';
import { checkDatabase } from '../reliability/helpers/db-invariants';
import { fixture } from '../slack/helpers/fixtures';
import { fuzzHttp, watchProcess, type FuzzRequest } from './helpers/fuzz-run';
import { startFuzzApp } from './helpers/fuzz-app';
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
      const { result: tally, unhandled } = await watchProcess(async () => {
        const out = await fuzzHttp(t.url, requests);
        await t.app.engine.idle();
        return out;
      });

      // Assert
      const db = checkDatabase(t.dbFile, { answered: true });
      const health = await fetch(`${t.url}/healthz`);
      console.log(`fuzz slack: payloads=${tally.payloads} 2xx=${tally.ok} 4xx=${tally.refused} stored=${db.inbound} failures=${tally.failures + unhandled.length + db.problems.length} statuses=${JSON.stringify(tally.byStatus)}`);
      if (process.env.FUZZ_SAMPLES) console.log(JSON.stringify(tally.samples, null, 1));
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(health.status).toBe(200);
      expect(db.inbound).toBeGreaterThan(0);
      expect(tally.byStatus[401]).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 180_000);
});
