import fs from 'node:fs';
import { generateKeyPair } from 'jose';
import { JwksStandIn, unsignedToken } from './helpers/jwks-stand-in';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const SSO_APP = '7d1c2b3a-9e8f-4a5b-8c7d-6e5f4a3b2c1d';
const PUBLIC_URL = 'https://helpdesk.contoso.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const personal = fixture('personal-message');
const ALICE = (personal.from as { aadObjectId: string }).aadObjectId;
const BOB = { id: '29:1BoBbObBoB0123456789abcdefGhIjKlMnOpQrStUvWxYz_aBcDeFgH-IjKlMn', name: 'Bob Li', aadObjectId: '1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0' };

type TabBody = { error?: string; message?: string; open: Array<{ number: string; summary: string; status: string; next: string; due: string | null }>; recent: unknown[] };

describe('Teams personal tab API: SSO tokens verified against the (stand-in) Microsoft key set', () => {
  let h: TeamsHarness;
  let jwks: JwksStandIn;
  let aliceTicket: string;
  let bobTicket: string;
  beforeAll(async () => {
    jwks = new JwksStandIn();
    await jwks.start();
    h = await startTeamsHarness({ TEAMS_SSO_APP_ID: SSO_APP, TEAMS_SSO_JWKS_URL: jwks.url, PUBLIC_URL, LOG_LEVEL: 'info' });
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.post(fixture('personal-message', {
      id: '1763629953999', from: BOB, text: 'The printer on floor 3 is offline',
      conversation: { ...(personal.conversation as object), id: 'a:1BobsPersonalChatWithTheBot0123456789' },
    }, h.connector.serviceUrl));
    await h.settle();
    const numberOf = async (conversationId: string) => {
      const conversation = await h.app.store.findConversation({ channel: 'teams', conversationId });
      return (await h.app.store.getTicket(conversation!.ticketId!))!.number;
    };
    aliceTicket = await numberOf((personal.conversation as { id: string }).id);
    bobTicket = await numberOf('a:1BobsPersonalChatWithTheBot0123456789');
  });
  afterAll(async () => {
    await disposeTeamsHarness(h);
    await jwks.stop();
  });

  const ask = async (authorization?: string, query = 'lang=en') => {
    const res = await fetch(`${h.url}/teams/tab/api/my-tickets?${query}`, { headers: authorization ? { authorization } : {} });
    return { status: res.status, body: (await res.json()) as TabBody, headers: res.headers };
  };

  test('a valid v2 token: 200 with the signed-in person\'s tickets only, with status, next step and due time in their language', async () => {
    const { status, body } = await ask(`Bearer ${await jwks.token(SSO_APP, ALICE, TENANT)}`, 'lang=zh');

    expect(status).toBe(200);
    expect(body.open.map((t) => t.number)).toEqual([aliceTicket]);
    expect(JSON.stringify(body)).not.toContain(bobTicket);
    expect(body.open[0]).toMatchObject({ summary: expect.stringMatching(/VPN|809/i), status: expect.stringMatching(/[\u4e00-\u9fff]/), next: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(Date.parse(body.open[0].due!)).not.toBeNaN();
    // Bob's token shows Bob's.
    const bob = await ask(`Bearer ${await jwks.token(SSO_APP, BOB.aadObjectId, TENANT)}`);
    expect(bob.body.open.map((t) => t.number)).toEqual([bobTicket]);
    expect(bob.body.open[0].next).toMatch(/^[A-Z]/);
  });

  test('a v1 token (audience: the app id URI api://host/app id, issuer sts.windows.net) is accepted too', async () => {
    const token = await jwks.token(SSO_APP, ALICE, TENANT, { aud: `api://helpdesk.contoso.com/${SSO_APP}`, iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', azp: undefined, appid: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' });
    const { status, body } = await ask(`Bearer ${token}`);
    expect(status).toBe(200);
    expect(body.open.map((t) => t.number)).toEqual([aliceTicket]);
  });

  test.each([
    ['another app\'s audience', () => jwks.token('00000003-0000-0000-c000-000000000000', ALICE, TENANT), 'audience'],
    ['an expired token', () => jwks.token(SSO_APP, ALICE, TENANT, { iat: 1_700_000_000, nbf: 1_700_000_000, exp: 1_700_003_600 }), 'expired'],
    ['a token signed with another key (another tenant\'s, same kid)', async () => jwks.token(SSO_APP, ALICE, TENANT, {}, (await generateKeyPair('RS256')).privateKey), 'signature'],
    ['alg none', async () => unsignedToken({ aud: SSO_APP, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT, oid: ALICE, scp: 'access_as_user', ver: '2.0', exp: Math.floor(Date.now() / 1000) + 3600 }), 'signature'],
    ['an issuer that is not the token\'s tenant', () => jwks.token(SSO_APP, ALICE, TENANT, { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), 'issuer'],
    ['an id token (no access_as_user scope)', () => jwks.token(SSO_APP, ALICE, TENANT, { scp: undefined }), 'scope'],
    ['no object id', () => jwks.token(SSO_APP, ALICE, TENANT, { oid: undefined }), 'claims'],
    ['not a JWT', async () => 'not-a-token', 'malformed'],
  ])('%s: 401 with a JSON reason and nothing personal in the log', async (_name, make, reason) => {
    const lines: string[] = [];
    const writeSync = fs.writeSync;
    const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) return lines.push(String(data)), String(data).length;
      return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync);
    let answer: Awaited<ReturnType<typeof ask>>;
    try {
      answer = await ask(`Bearer ${await make()}`);
    } finally {
      spy.mockRestore();
    }
    expect([answer.status, answer.body.error]).toEqual([401, reason]);
    expect(answer.body.message).toBeTruthy();
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(answer.body).not.toHaveProperty('open');
    const log = lines.join('');
    expect(log).toContain('Teams tab: sign-in refused');
    expect(log).toContain(`"reason":"${reason}"`);
    for (const personalBit of [ALICE, TENANT, 'alice.martin', 'Alice Martin', 'eyJ']) expect(log).not.toContain(personalBit);
  });

  test('a valid token from another tenant for the same object id sees none of the tickets the bot took in the first tenant', async () => {
    const { status, body } = await ask(`Bearer ${await jwks.token(SSO_APP, ALICE, OTHER_TENANT)}`);
    expect(status).toBe(200);
    expect([body.open, body.recent]).toEqual([[], []]);
  });

  test('the tab page: scripts from this origin only (teams-js included, the installed library), framed by Microsoft\'s hosts only', async () => {
    const page = await fetch(`${h.url}/teams/tab`);
    const html = await page.text();
    const csp = String(page.headers.get('content-security-policy'));
    expect(page.status).toBe(200);
    expect(csp).toContain("script-src 'self'");
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com /);
    expect(csp).not.toMatch(/frame-ancestors[^;]*(\*\s|\*$|'self')/);
    expect(page.headers.get('x-frame-options')).toBeNull(); // Teams frames it; CSP frame-ancestors says who may
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script
    const sources = [...html.matchAll(/<script src="([^"]+)">/g)].map((m) => m[1]);
    expect(sources.every((src) => src.startsWith('/teams/tab/'))).toBe(true);
    const teamsJs = await fetch(`${h.url}${sources[0]}`);
    expect(teamsJs.headers.get('content-type')).toMatch(/javascript/);
    expect(await teamsJs.text()).toBe(fs.readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'), 'utf8'));
    expect(await (await fetch(`${h.url}${sources[1]}`)).text()).toContain('getAuthToken');
  });

  test('no credentials at all: 401 "missing"; the signed link of the bot works as the fallback, an altered one is 401', async () => {
    expect((await ask()).body.error).toBe('missing');
    // The link the personal welcome carries (signed with the installation's secret).
    await h.post(fixture('install-personal', {}, h.connector.serviceUrl));
    await h.settle();
    const welcome = h.connector.posted().map((p) => String(p.body.text)).find((t) => t.includes('/teams/my-tickets?'))!;
    const signed = new URL(/\((https?:\/\/[^)]+\/teams\/my-tickets\?[^)]+)\)/.exec(welcome)![1].replace(/&amp;/g, '&'));
    const query = new URLSearchParams({ u: signed.searchParams.get('u')!, e: signed.searchParams.get('e')!, s: signed.searchParams.get('s')! });
    const viaLink = await ask(undefined, `lang=en&${query}`);
    expect(viaLink.status).toBe(200);
    expect(viaLink.body.open.map((t) => t.number)).toEqual([aliceTicket]);
    query.set('u', BOB.aadObjectId);
    expect(await ask(undefined, `lang=en&${query}`)).toMatchObject({ status: 401, body: { error: 'link' } });
  });
});

describe('Teams personal tab API without TEAMS_SSO_APP_ID', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ PUBLIC_URL });
  });
  afterAll(() => disposeTeamsHarness(h));

  test('a Bearer token is refused with "not_configured" (401, no verification attempted, no crash)', async () => {
    const res = await fetch(`${h.url}/teams/tab/api/my-tickets`, { headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.x' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'not_configured', message: expect.stringContaining('TEAMS_SSO_APP_ID') });
  });
});
