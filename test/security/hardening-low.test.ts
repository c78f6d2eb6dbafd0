import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { toCsv } from '../../src/kpi/format-report';
import { freePort } from '../helpers/server-process';
import { chatSession } from '../helpers/sse';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp, waitFor } from '../helpers/test-app';
import { PASSWORD, startConsoleApp } from '../console/helpers';

describe('low-severity hardening', () => {
  test('the login Origin check also covers "text/plain;application/json" and any other type', async () => {
    const t = await startConsoleApp();
    try {
      const login = (type: string, origin: string) => fetch(`${t.url}/console/login`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': type, origin }, body: JSON.stringify({ login: 'alice', password: PASSWORD }),
      });
      const foreign = await login('text/plain;application/json', 'https://evil.example');
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('set-cookie')).toBeNull();
      expect((await login('application/json', 'https://evil.example')).status).toBe(403);
      expect((await login('application/json; charset=utf-8', t.url)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  test('/metrics: bearer token when METRICS_TOKEN is set; its own listener with METRICS_PORT', async () => {
    const withToken = await startTestApp({ METRICS_TOKEN: 'metrics-secret-123' });
    const port = await freePort();
    const separate = await startTestApp({ METRICS_PORT: String(port) });
    try {
      expect((await fetch(`${withToken.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${withToken.url}/metrics`, { headers: { authorization: 'Bearer wrong-secret-123' } })).status).toBe(401);
      const ok = await fetch(`${withToken.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-123' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/frontdesk_turns_total/);
      expect((await fetch(`${separate.url}/metrics`)).status).toBe(404);
      expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/frontdesk_open_streams/);
    } finally {
      await withToken.stop();
      await separate.stop();
    }
  });

  test('CSV: a leading TAB, CR or LF is defused like = + - @', () => {
    const csv = toCsv(['summary'], [['\t=HYPERLINK("http://evil")'], ['\r=1+1'], ['\n@SUM(A1)'], ['\t42'], ['-5'], ['=1+1']]);
    expect(csv).toContain(`"'\t=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`"'\r=1+1"`);
    expect(csv).toContain(`"'\n@SUM(A1)"`);
    expect(csv).toContain(`'\t42`);
    expect(csv).toContain('\n-5\n');
    expect(csv).toContain(`'=1+1`);
  });

  test('invalid UTF-8 gets 400; NUL and bidi controls are stripped before the text is stored for agents', async () => {
    const t = await startTestApp({}, { channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))], turnDeps: fixedTurnDeps() });
    try {
      const chat = await chatSession(t.url);
      const bad = Buffer.concat([Buffer.from('{"clientMessageId":"u1","text":"caf'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const res = await fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: bad });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/UTF-8/);
      expect((await chat.post('invoice\u0000 from \u202Egnp.exe\u202C and \u2066x\u2069 ok')).status).toBe(202);
      await t.app.engine.idle();
      const conversation = await waitFor(() => t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] }), 2000, 'conversation');
      const stored = (await t.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in').map((m) => m.text);
      expect(stored).toEqual(['invoice from gnp.exe and x ok']);
    } finally {
      await t.stop();
    }
  });
});
