import https from 'node:https';
import { Writable } from 'node:stream';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { createTeamsChannel } from '../../channels/teams/teams.channel';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const APP_ID = '00000000-0000-0000-0000-00000000f00d';
const CONVERSATION = (fixture('personal-message').conversation as { id: string }).id;

/** A JWT-shaped token signed by nobody, from an issuer Bot Framework does not trust. */
function forgedToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${part({ iss: 'https://attacker.example', aud: APP_ID, serviceurl: 'http://127.0.0.1/' })}.c2ln`;
}

describe('Teams authentication', () => {
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

  test('with an app id, unsigned and forged requests get 401 before any key or token fetch, and nothing is stored', async () => {
    const keyFetch = jest.spyOn(OpenIdMetadata.prototype, 'getKey');
    const httpsRequest = jest.spyOn(https, 'request');
    const activity = fixture('personal-message', {}, h.connector.serviceUrl);

    const unsigned = await h.post(activity);
    const forged = await h.post(activity, { authorization: `Bearer ${forgedToken()}` });
    await h.settle();

    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    expect(keyFetch).not.toHaveBeenCalled();
    expect(httpsRequest).not.toHaveBeenCalled();
    expect(h.connector.calls).toHaveLength(0);
    expect(await h.app.store.findConversation({ channel: 'teams', conversationId: CONVERSATION })).toBeNull();
    keyFetch.mockRestore();
    httpsRequest.mockRestore();
  });
});

describe('Teams without credentials (local development)', () => {
  test('start-up warns loudly and only loopback serviceUrls are accepted', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const h = await startTeamsHarness();
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: `${h.dir}/second.db`, WEBCHAT_ENABLED: 'false', TEAMS_DEV_UNAUTHENTICATED: 'true' });
    const app = await createApp(config, { channels: [createTeamsChannel({ devUnauthenticated: true, defaultLang: 'en' })], dispatch: false, log: createLogger({ level: 'warn', destination }) });

    await app.start(false);
    const remote = await h.post(fixture('personal-message', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    await app.stop();

    expect(lines.join('\n')).toMatch(/WITHOUT AUTHENTICATION/);
    expect(remote.status).toBe(403);
    expect(await h.app.store.findConversation({ channel: 'teams', conversationId: CONVERSATION })).toBeNull();
    await disposeTeamsHarness(h);
  });

  test('neither credentials nor the development switch is a configuration error that names the fix', () => {
    expect(() => createTeamsChannel({ defaultLang: 'en' })).toThrow(/TEAMS_APP_ID and TEAMS_APP_PASSWORD/);
    expect(parseConfig({ TEAMS_DEV_UNAUTHENTICATED: 'true' }).channels.teams).toBe(true);
    expect(parseConfig({}).channels.teams).toBe(false);
  });
});
