import { fixture } from '../teams/helpers/teams-test-app';
import { type FuzzRequest } from './helpers/fuzz-run';
import { runHttpFuzz, startFuzzApp } from './helpers/fuzz-app';
import { draw, fixtureMutations, type FuzzBody } from './helpers/mutate';
import { TeamsActivity } from './helpers/schemas';
import { zodArbitrary } from './helpers/zod-arbitrary';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const FIXTURES = ['card-submit', 'channel-mention', 'install-personal', 'personal-message'];

function isInvoke(body: string | Buffer): boolean {
  try {
    return (JSON.parse(body.toString()) as { type?: unknown }).type === 'invoke';
  } catch {
    return false;
  }
}

describe('fuzzing the Teams edge (development mode: unsigned, loopback serviceUrl)', () => {
  test(`${COUNT} generated and mutated activities: each a 2xx or a 4xx, no crash, nothing half-stored`, async () => {
    // Arrange: activities addressed back to the connector stand-in, so nothing leaves this machine.
    const t = await startFuzzApp();
    try {
      const serviceUrl = t.connector.serviceUrl;
      const half = Math.ceil(COUNT / 2);
      const bodies: FuzzBody[] = [
        ...draw(zodArbitrary(TeamsActivity), half).map((v) => ({ body: JSON.stringify({ ...(v as object), serviceUrl }), mutation: 'schema' })),
        ...draw(fixtureMutations(FIXTURES.map((name) => fixture(name, {}, serviceUrl))), COUNT - half),
      ];
      const requests: FuzzRequest[] = bodies.map((b) => ({ path: '/api/teams/messages', headers: { 'content-type': 'application/json' }, body: b.body, label: b.mutation }));

      // Act
      const { tally, unhandled, db, healthStatus } = await runHttpFuzz(t, 'teams', requests,
        // Bot Framework's contract: an invoke activity the bot does not handle is answered 501 Not Implemented.
        { protocolAnswer: (status, r) => status === 501 && isInvoke(r.body) }, '4xx/501-invoke');

      // Assert
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(healthStatus).toBe(200);
      expect(db.inbound).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  }, 180_000);
});
