import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './teams-test-app';

/** Alice's Teams user id (the sender of the personal-message fixture). */
const ALICE_ID = (fixture('personal-message').from as { id: string }).id;

/**
 * A harness started before and disposed after each test of the enclosing scope, with Alice (member-alice) in the
 * connector's member directory. It stands for the current test's harness: use it inside tests and hooks only.
 */
export function useTeamsHarness(): TeamsHarness {
  let current: TeamsHarness | undefined;
  beforeEach(async () => {
    current = await startTeamsHarness();
    current.connector.members.set(ALICE_ID, fixture('member-alice'));
  });
  afterEach(async () => {
    if (current) await disposeTeamsHarness(current);
  });
  const h = () => current!;
  return {
    get app() { return h().app; },
    get connector() { return h().connector; },
    get url() { return h().url; },
    get dir() { return h().dir; },
    post: (activity, headers) => h().post(activity, headers),
    settle: () => h().settle(),
    close: () => h().close(),
  };
}
