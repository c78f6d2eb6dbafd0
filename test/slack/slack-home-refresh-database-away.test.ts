import { SlackSurfaces, type SurfaceDeps } from '../../channels/slack/slack-surfaces';
import { StorageUnavailableError } from '../../src/store/storage-health';

/** Surfaces whose lookups answer until `away.now` is set, then fail as a PostgreSQL that went away does. */
function surfacesWithDatabase(away: { now: boolean }, warnings: string[]) {
  const lookup = {
    findUser: async () => {
      if (away.now) throw new StorageUnavailableError(new Error('Connection terminated unexpectedly'));
      return null;
    },
    ticketsForUser: async () => [],
  };
  const log = { warn: (_fields: unknown, msg: string) => void warnings.push(msg), info: () => undefined, debug: () => undefined, error: () => undefined };
  const published: string[] = [];
  const deps = {
    client: { views: { publish: async (args: { user_id: string }) => void published.push(args.user_id) } },
    users: { profile: async () => null },
    context: () => ({ lookup, log }),
    accept: async () => 'accepted' as const,
  } as unknown as SurfaceDeps;
  return { surfaces: new SlackSurfaces(deps), published };
}

describe('the Slack Home tab refreshed after the bot wrote, while the database is away', () => {
  // Issue #22: the refresh runs on a timer half a second after a reply; its lookups (the person, their tickets)
  // failing rejected a promise nobody handled, which ends a Node process: one instance exited in a PostgreSQL outage.
  test('the failed refresh is logged and nothing is left unhandled; the next one publishes again', async () => {
    // Arrange: Alice's Home tab was published once (she opened it), then the database goes away.
    const away = { now: false };
    const warnings: string[] = [];
    const { surfaces, published } = surfacesWithDatabase(away, warnings);
    await surfaces.publishHome('U0ALICE');
    expect(published).toEqual(['U0ALICE']);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      away.now = true;

      // Act: the bot wrote to her; the refresh comes half a second later.
      surfaces.touched('U0ALICE');
      await new Promise((r) => setTimeout(r, 700));

      // Assert
      expect(rejections).toEqual([]);
      expect(warnings).toEqual(['slack home tab not refreshed']);

      // The database is back: the next write refreshes her tab.
      away.now = false;
      surfaces.touched('U0ALICE');
      await new Promise((r) => setTimeout(r, 700));
      expect(published).toEqual(['U0ALICE', 'U0ALICE']);
    } finally {
      process.off('unhandledRejection', onRejection);
      surfaces.stop();
    }
  });
});
