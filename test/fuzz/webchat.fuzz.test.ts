import fc from 'fast-check';
import { type FuzzRequest } from './helpers/fuzz-run';
import { runHttpFuzz, startFuzzApp } from './helpers/fuzz-app';
import { draw, fixtureMutations } from './helpers/mutate';
import { WebchatPost } from './helpers/schemas';
import { zodArbitrary } from './helpers/zod-arbitrary';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);

// Recorded shapes of what the page posts: a typed message and a button click.
const FIXTURES = [
  { clientMessageId: 'm1', text: 'my vpn drops every 10 minutes' },
  { clientMessageId: 'm2', text: '', action: { id: 'choice', value: 'yes' } },
];

describe('fuzzing the web chat edge', () => {
  test(`${COUNT} generated and mutated payloads: each a 2xx or a 4xx, no crash, nothing half-stored`, async () => {
    // Arrange: a few sessions; schema-generated bodies, mutated fixtures, and wrong headers.
    const t = await startFuzzApp();
    try {
      const cookies = await Promise.all([1, 2, 3, 4].map(async () => {
        const res = await fetch(`${t.url}/api/chat/session`, { method: 'POST' });
        return String(res.headers.get('set-cookie')).split(';')[0];
      }));
      const generated = draw(zodArbitrary(WebchatPost), Math.ceil(COUNT / 2)).map((v) => ({ body: JSON.stringify(v), mutation: 'schema' }));
      const mutated = draw(fixtureMutations(FIXTURES), COUNT - generated.length);
      const headerChoice = draw(fc.nat(99), COUNT);
      const requests: FuzzRequest[] = [...generated, ...mutated].map((b, i) => {
        const roll = headerChoice[i];
        const headers: Record<string, string> = { 'content-type': roll < 3 ? 'text/plain' : 'application/json' };
        if (roll < 3 || roll >= 8) headers.cookie = cookies[i % cookies.length];
        else if (roll >= 6) headers.cookie = 'fd_chat=../../etc';
        return { path: '/api/chat/messages', headers, body: b.body, label: b.mutation };
      });

      // Act
      const { tally, unhandled, db, healthStatus } = await runHttpFuzz(t, 'webchat', requests);

      // Assert
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(healthStatus).toBe(200);
      expect(tally.ok).toBeGreaterThan(0);
      expect(tally.refused).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 120_000);
});
