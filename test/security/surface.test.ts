import Database from 'better-sqlite3';
import { createSlackChannel } from '../../channels/slack/slack.channel';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp } from '../helpers/test-app';
import { dmEvent } from '../slack/helpers/fixtures';
import { postEvent, TEST_SIGNING_SECRET } from '../slack/helpers/signed-request';
import { SlackApiStandIn } from '../slack/helpers/slack-api-stand-in';

const MARK = 'ZQX7MARK';
const NASTY = `${MARK}'); DROP TABLE tickets; -- "${MARK}`;

describe('attack surface of the HTTP server', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let api: SlackApiStandIn;
  const sql: string[] = [];
  const prepare = Database.prototype.prepare;
  const exec = Database.prototype.exec;

  beforeAll(async () => {
    // Every SQL text any part of the service compiles, recorded.
    Database.prototype.prepare = function (this: Database.Database, source: string) {
      sql.push(source);
      return prepare.call(this, source);
    } as typeof prepare;
    Database.prototype.exec = function (this: Database.Database, source: string) {
      sql.push(source);
      return exec.call(this, source);
    } as typeof exec;
    api = await new SlackApiStandIn().start();
    t = await startTestApp({}, {
      channels: [createWebchatChannel(), createSlackChannel({ botToken: 'xoxb-s', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url, botUserId: 'U0FRONTDESK' })],
      turnDeps: fixedTurnDeps(),
    });
  });
  afterAll(async () => {
    Database.prototype.prepare = prepare;
    Database.prototype.exec = exec;
    await t?.stop();
    await api?.stop();
  });

  test('user text never becomes SQL: every statement is prepared with parameters', async () => {
    // Act: hostile text through every way in that reaches the store.
    const chat = await chatSession(t.url);
    await chat.post(NASTY, `${MARK}`);
    await chat.post(`status of INC-000001 ${NASTY}`);
    await postEvent(t.url, dmEvent(NASTY, '1700000800.000100', `U${MARK}`, `D${MARK}`));
    await fetch(`${t.url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: NASTY, password: NASTY }) });
    await fetch(`${t.url}/console/api/tickets/${encodeURIComponent(NASTY)}`);
    await fetch(`${t.url}/kb/${encodeURIComponent(NASTY)}`);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    // Assert: the statements ran (the text is stored) but no SQL text ever contained it.
    expect(sql.length).toBeGreaterThan(10);
    expect(sql.filter((s) => s.includes(MARK))).toEqual([]);
    const stored = await t.app.store.transcript((await t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] }))!.id);
    expect(stored.some((m) => m.text === NASTY)).toBe(true);
  });

  test('every page and API answer carries the security headers; pages a strict CSP without inline script', async () => {
    // Arrange
    const requests: Array<[string, RequestInit?]> = [
      ['/'], ['/webchat.js'], ['/console/login'], ['/console'], ['/kb/account-locked'], ['/healthz'], ['/metrics'],
      ['/no/such/page'], ['/api/chat/session', { method: 'POST' }], ['/api/chat/messages', { method: 'POST', body: '{' }],
    ];
    // Act
    const answers = await Promise.all(requests.map(async ([path, init]) => ({ path, res: await fetch(`${t.url}${path}`, { redirect: 'manual', ...init }) })));
    // Assert
    for (const { path, res } of answers) {
      expect([path, res.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
      if (path === '/console') continue; // a redirect to the login page
      expect([path, res.headers.get('x-frame-options')]).toEqual([path, 'DENY']);
      expect([path, res.headers.get('referrer-policy')]).toEqual([path, 'no-referrer']);
      if (String(res.headers.get('content-type')).startsWith('text/html')) {
        const csp = String(res.headers.get('content-security-policy'));
        expect([path, csp]).toEqual([path, expect.stringContaining("script-src 'self'")]);
        expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
        expect(csp).toContain("frame-ancestors 'none'");
      }
    }
    const chatCookie = String(answers.find((a) => a.path === '/api/chat/session')!.res.headers.get('set-cookie'));
    expect(chatCookie).toMatch(/HttpOnly/);
    expect(chatCookie).toMatch(/SameSite=Strict/);
  });

  test('body and message limits: 413 past the body limit, 400 past the message length, on every endpoint', async () => {
    const chat = await chatSession(t.url);
    const big = 'x'.repeat(300 * 1024);
    const answers = await Promise.all([
      fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: 'big', text: big }) }),
      fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: 'long', text: 'y'.repeat(20_001) }) }),
      fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) }, body: 'z'.repeat(600 * 1024) }),
      fetch(`${t.url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'a', password: big }) }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([413, 400, 413, 413]);
  });
});
