import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1016, 7)]);

/** OneDrive's pre-authenticated download links, served locally: /ok.png is a 1 KB image, /big.png is 3 KB. */
async function oneDrive(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = req.url?.startsWith('/big') ? Buffer.alloc(3 * 1024, 1) : PNG;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The recorded file message with its file(s) pointed at `files` ([name, fileType, downloadUrl]). */
function fileMessage(h: TeamsHarness, id: string, files: Array<[string, string, string]>, text = ''): Record<string, unknown> {
  const base = fixture('personal-file-message', { id, text }, h.connector.serviceUrl);
  const template = (base.attachments as Array<Record<string, any>>)[0];
  const html = (base.attachments as Array<Record<string, any>>)[1];
  base.attachments = [...files.map(([name, fileType, downloadUrl]) => ({ ...template, name, content: { ...template.content, downloadUrl, fileType, uniqueId: `u-${name}` } })), html];
  return base;
}

describe('Teams: files sent to the bot are kept with the ticket', () => {
  let h: TeamsHarness;
  let drive: Awaited<ReturnType<typeof oneDrive>>;
  let dir: string;
  beforeEach(async () => {
    drive = await oneDrive();
    dir = path.join(fs.mkdtempSync('/tmp/fd-teams-files-'), 'attachments');
    h = await startTeamsHarness({}, undefined, {
      files: { dir, maxBytes: 2 * 1024, types: ['image/*', 'application/pdf'], hosts: ['127.0.0.1'], plainHttpHost: '127.0.0.1' },
    });
  });
  afterEach(async () => {
    await disposeTeamsHarness(h);
    await drive.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  async function ticketEvents() {
    const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: (fixture('personal-message').conversation as { id: string }).id }))!;
    return h.app.store.ticketEvents(conversation.ticketId!);
  }

  test('a screenshot sent alone is downloaded, stored and put on the ticket; it answers nothing and gets no reply', async () => {
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    const repliesBefore = h.connector.posted().length;
    expect((await h.post(fileMessage(h, '1763630100451', [['error-809.png', 'png', `${drive.url}/ok.png?tempauth=x`]]))).status).toBe(200);
    await h.post(fileMessage(h, '1763630100451', [['error-809.png', 'png', `${drive.url}/ok.png?tempauth=x`]]));
    await h.settle();
    // A redelivered activity overwrites the same file and is one message.
    const stored = fs.readdirSync(path.join(dir, 'teams'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(stored.map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).equals(PNG))).toEqual([true]);
    const held = (await ticketEvents()).filter((e) => e.kind === 'held_without_reply');
    expect(held.map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'attachments', text: '[attachment: error-809.png (1.0 KB)]' })]);
    expect(h.connector.posted()).toHaveLength(repliesBefore);
  });

  test('too large, refused type and foreign host are listed, not kept; words sent with the files still get their turn', async () => {
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    const files: Array<[string, string, string]> = [['dump.png', 'png', `${drive.url}/big.png`], ['setup.exe', 'exe', `${drive.url}/ok.png`], ['x.png', 'png', 'https://evil.example.com/x.png']];
    await h.post(fileMessage(h, '1763630100999', files, 'here is the dump'));
    await h.settle();
    expect(drive.hits).toEqual(['/big.png']);
    const held = (await ticketEvents()).find((e) => e.kind === 'held_without_reply');
    expect(held?.data.text).toBe([
      '[attachment not stored, over the size limit: dump.png (3.0 KB)]',
      '[attachment not stored, file type not accepted: setup.exe (0 B)]',
      '[attachment not stored, could not be fetched: x.png (0 B)]',
    ].join('\n'));
    const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: (fixture('personal-message').conversation as { id: string }).id }))!;
    expect((await h.app.store.transcript(conversation.id)).some((m) => m.direction === 'in' && m.text === 'here is the dump')).toBe(true);
  });
});
