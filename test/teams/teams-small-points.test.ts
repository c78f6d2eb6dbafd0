import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { teamsManifest } from '../../channels/teams/manifest/teams-manifest';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const APP_ID = '00000000-0000-0000-0000-00000000f00d';

/** A JWT-shaped token naming Bot Framework's real issuer, signed by nobody. */
function bogusToken(serviceUrl: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'no-such-key', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: 1, exp: 4102444800 })}.c2ln`;
}

describe('Teams: bogus tokens', () => {
  let h: TeamsHarness;
  let consoleError: jest.SpyInstance;
  beforeEach(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined); // CloudAdapter prints refused requests
    h = await startTeamsHarness({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'not-a-real-secret', TEAMS_DEV_UNAUTHENTICATED: 'false' });
  });
  afterEach(async () => {
    await disposeTeamsHarness(h);
    consoleError.mockRestore();
  });

  test.each([
    ['its signing keys cannot be fetched', new Error('request to https://login.botframework.com/v1/.well-known/openidconfiguration failed, reason: getaddrinfo ENOTFOUND login.botframework.com')],
    ['its key id is published by nobody', null],
  ])('a token whose check fails (%s) gets a bare 401, no internal detail, nothing stored', async (_name, failure) => {
    const getKey = jest.spyOn(OpenIdMetadata.prototype, 'getKey');
    if (failure) getKey.mockRejectedValue(failure);
    else getKey.mockResolvedValue(null);
    const activity = fixture('personal-message', {}, h.connector.serviceUrl);

    const res = await h.post(activity, { authorization: `Bearer ${bogusToken(h.connector.serviceUrl)}` });
    const body = await res.text();
    await h.settle();

    expect(res.status).toBe(401);
    expect(body).toBe('');
    expect(h.connector.calls).toHaveLength(0);
    expect(await h.app.store.findConversation({ channel: 'teams', conversationId: (activity.conversation as { id: string }).id })).toBeNull();
    getKey.mockRestore();
  });

  test('an unsigned request gets a 401 without botbuilder\'s message', async () => {
    const res = await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    expect([res.status, await res.text()]).toEqual([401, '']);
  });
});

describe('Teams package pages', () => {
  test('the privacy and terms URLs of the package are served, in English and Chinese', async () => {
    const h = await startTeamsHarness();
    try {
      const developer = teamsManifest({ TEAMS_APP_ID: APP_ID, PUBLIC_URL: 'https://desk.acme.test' }).developer as { privacyUrl: string; termsOfUseUrl: string };
      for (const url of [developer.privacyUrl, developer.termsOfUseUrl]) {
        const res = await fetch(`${h.url}${new URL(url).pathname}`);
        const html = await res.text();
        expect([url, res.status, res.headers.get('content-type')]).toEqual([url, 200, 'text/html; charset=utf-8']);
        expect(html).toMatch(/<section lang="en">[\s\S]*<section lang="zh">/);
      }
    } finally {
      await disposeTeamsHarness(h);
    }
  });
});
