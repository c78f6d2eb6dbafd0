import fs from 'node:fs';
import path from 'node:path';
import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { PNG } from '../helpers/files';
import { chatSession } from '../helpers/sse';
import { startTestApp, waitFor } from '../helpers/test-app';


type Chat = Awaited<ReturnType<typeof chatSession>>;
const botTexts = (events: { event: string; data: string }[]) => events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).message.text as string);

describe('web chat attachments over HTTP', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    // 0.01 MB: about 10 KB, so the size limit is cheap to cross.
    t = await startTestApp({ WEBCHAT_MAX_FILE_MB: '0.01' }, { turnDeps: fixedTurnDeps(), channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))] });
  });
  afterEach(() => t.stop());

  const upload = (chat: Pick<Chat, 'cookie'>, body: Buffer | string, name: string, headers: Record<string, string> = {}) => fetch(`${t.url}/api/chat/files`, {
    method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { cookie: chat.cookie, 'content-type': 'image/png', 'x-file-name': encodeURIComponent(name), 'x-client-message-id': 'k1', ...headers },
  });
  const post = (chat: Pick<Chat, 'cookie'>, body: Record<string, unknown>) => fetch(`${t.url}/api/chat/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify(body),
  });
  const storedFiles = () => {
    const dir = path.join(t.dir, 'attachments', 'webchat');
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.\w+$/.test(f)) : [];
  };

  test('the session tells the page the limits; a screenshot with words is stored once with its message, acknowledged, and fetched back by its session only', async () => {
    const session = await fetch(`${t.url}/api/chat/session`, { method: 'POST' });
    expect(await session.json()).toMatchObject({ files: { maxBytes: 10486, types: expect.arrayContaining(['image/png', 'application/pdf', 'text/plain']) } });
    const chat = await chatSession(t.url);
    const stream = chat.events();
    const first = await upload(chat, PNG, 'error dialog.png');
    expect(first.status).toBe(201);
    const { file } = (await first.json()) as { file: { id: string; name: string; size: number; type: string } };
    expect(file).toEqual({ id: expect.stringMatching(/^[a-f0-9]{24}$/), name: 'error dialog.png', size: PNG.length, type: 'image/png' });
    // The page retries both after a lost answer: the same key, the same file, the same message.
    expect(await (await upload(chat, PNG, 'error dialog.png')).json()).toEqual({ file });
    const sent = await post(chat, { clientMessageId: 'k1', text: 'my laptop shows this error at login', files: [file.id] });
    expect(sent.status).toBe(202);
    const again = await post(chat, { clientMessageId: 'k1', text: 'my laptop shows this error at login', files: [file.id] });
    expect((await again.json()).status).toBe('duplicate');
    // The file and its description, once.
    expect(storedFiles()).toHaveLength(2);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    await waitFor(() => botTexts(stream.events).length >= 1, 5000, 'reply');
    expect(botTexts(stream.events)[0]).toMatch(/^Thanks, I received your screenshot \(error dialog\.png\)\./);
    const conversation = await t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] });
    const inbound = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(1);
    expect(inbound[0].payload).toMatchObject({ files: [{ name: 'error dialog.png', size: PNG.length, type: 'image/png', key: expect.stringContaining(file.id) }] });
    const own = await fetch(`${t.url}/api/chat/files/${file.id}`, { headers: { cookie: chat.cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await own.arrayBuffer())).toEqual(PNG);
    const other = await chatSession(t.url);
    expect((await fetch(`${t.url}/api/chat/files/${file.id}`, { headers: { cookie: other.cookie } })).status).toBe(403);
    expect((await fetch(`${t.url}/api/chat/files/${file.id}`)).status).toBe(401);
    // Another session cannot put this file on its own message either.
    expect((await post(other, { clientMessageId: 'k1', text: 'look', files: [file.id] })).status).toBe(400);
    stream.close();
  });

  test('a file alone asks for the words still needed; in Chinese the acknowledgement is Chinese', async () => {
    const chat = await chatSession(t.url);
    const stream = chat.events();
    const { file } = await (await upload(chat, 'ERROR 0x80070005 access denied\n', 'setup.log', { 'x-client-message-id': 'alone', 'content-type': 'text/plain' })).json();
    expect((await post(chat, { clientMessageId: 'alone', text: '', files: [file.id] })).status).toBe(202);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    await waitFor(() => botTexts(stream.events).length >= 1, 5000, 'reply');
    expect(botTexts(stream.events)[0]).toBe('Thanks, I received your file (setup.log). It is kept with this conversation, so whoever works on your problem will see it. Please also describe the problem in a sentence or two.');
    expect(await t.app.store.getTicketByNumber('INC-000001')).toBeNull();
    const zh = await chatSession(t.url);
    const zhStream = zh.events();
    const shot = await (await upload(zh, PNG, '截图.png', { 'x-client-message-id': 'z1' })).json();
    await post(zh, { clientMessageId: 'z1', text: '我的电脑登录时显示这个错误', files: [shot.file.id] });
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    await waitFor(() => botTexts(zhStream.events).length >= 1, 5000, 'Chinese reply');
    expect(botTexts(zhStream.events)[0]).toMatch(/^已收到您的截图（截图\.png）。/);
    stream.close();
    zhStream.close();
  });

  test.each([
    ['over the size limit', Buffer.concat([PNG, Buffer.alloc(11_000)]), 'big.png', {}, 413],
    ['text named .png', 'hello', 'shot.png', {}, 415],
    ['a PNG named .exe', PNG, 'setup.exe', {}, 415],
    ['an SVG picture', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'x.svg', {}, 415],
    ['binary named .txt', Buffer.from([0, 1, 2, 3, 0xff]), 'notes.txt', {}, 415],
    ['no name', PNG, '', {}, 400],
    ['a bad idempotency key', PNG, 'a.png', { 'x-client-message-id': '../x' }, 400],
    ['an empty file', '', 'a.png', {}, 400],
    ['a file index out of range', PNG, 'a.png', { 'x-file-index': '9' }, 400],
    ['another site', PNG, 'a.png', { 'sec-fetch-site': 'cross-site' }, 403],
  ])('an upload with %s is refused with a JSON error and stores nothing', async (_what, body, name, headers, status) => {
    const chat = await chatSession(t.url);
    const res = await upload(chat, body, name, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toEqual(expect.any(String));
    expect(storedFiles()).toEqual([]);
  });

  test('an upload without a chat session is 401; a message naming a file never uploaded is 400 and stores nothing', async () => {
    expect((await upload({ cookie: '' }, PNG, 'a.png')).status).toBe(401);
    const chat = await chatSession(t.url);
    expect((await post(chat, { clientMessageId: 'k1', text: 'see file', files: ['0'.repeat(24)] })).status).toBe(400);
    expect((await post(chat, { clientMessageId: 'k1', text: '', files: [] })).status).toBe(400);
    expect(await t.app.store.pendingInbound(10)).toHaveLength(0);
  });
});
