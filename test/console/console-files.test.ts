import { PNG } from '../helpers/files';
import { chatSession } from '../helpers/sse';
import { loginAs, startConsoleApp, type ConsoleApp } from './helpers';

describe('console: the files of a ticket\'s conversation (#21 web chat attachments)', () => {
  let t: ConsoleApp;
  beforeAll(async () => {
    t = await startConsoleApp();
  });
  afterAll(() => t.stop());

  test('the transcript lists a user\'s file with its address; only agents who may see the ticket download it', async () => {
    const chat = await chatSession(t.url);
    const uploaded = await fetch(`${t.url}/api/chat/files`, {
      method: 'POST', body: new Uint8Array(PNG), headers: { cookie: chat.cookie, 'content-type': 'image/png', 'x-file-name': 'screen.png', 'x-client-message-id': 'c1' },
    });
    const { file } = await uploaded.json();
    await fetch(`${t.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: 'c1', text: 'The VPN is down, see the error', files: [file.id] }),
    });
    await t.app.engine.idle();
    const alice = await loginAs(t.url, 'alice');
    const view = await (await alice.get('/console/api/tickets/INC-000001')).json();
    const line = view.transcript.find((m: { direction: string }) => m.direction === 'in');
    expect(line.files).toEqual([{ name: 'screen.png', size: PNG.length, type: 'image/png', url: expect.stringMatching(/^\/console\/api\/tickets\/INC-000001\/file\?key=webchat%2F/) }]);
    const got = await alice.get(line.files[0].url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
    // bob's groups do not see this network ticket: the file is as unknown as the ticket.
    expect((await (await loginAs(t.url, 'bob')).get(line.files[0].url)).status).toBe(404);
    expect((await fetch(`${t.url}${line.files[0].url}`)).status).toBe(401);
    expect((await fetch(`${t.url}${line.files[0].url}`, { headers: { cookie: chat.cookie } })).status).toBe(401);
    // Only keys the transcript names: nothing else under the attachments folder, and never outside it.
    for (const key of ['webchat/other/file.png', '../test.db', '/etc/passwd']) {
      expect((await alice.get(`/console/api/tickets/INC-000001/file?key=${encodeURIComponent(key)}`)).status).toBe(404);
    }
  });
});
