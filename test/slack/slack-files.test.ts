import fs from 'node:fs';
import { dmEvent, fixture } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { useSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';

const TICKET = /INC-\d{6}|REQ-\d{6}/;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1016, 7)]);

/** Alice shares files in her DM, with `text` (empty: files alone); each file is served by the stand-in under its own path. */
function fileShare(t: SlackTestApp, ts: string, text: string, files: Array<{ id: string; name: string; mimetype: string; size: number; path?: string }>): Record<string, any> {
  const body = fixture('event-file-share');
  const template = body.event.files[0];
  body.event.text = text;
  body.event.ts = ts;
  body.event.event_ts = ts;
  body.event_id = `EvFILE${ts.replace('.', '')}`;
  body.event.files = files.map((f) => ({ ...template, ...f, title: f.name, url_private: t.api.fileUrl(`T0ACME-${f.id}/${f.name}`), url_private_download: t.api.fileUrl(f.path ?? `T0ACME-${f.id}/download/${f.name}`) }));
  return body;
}

describe('files people share with the bot in Slack', () => {
  const t = useSlackTestApp();

  const dmReplies = () => t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0ALICEDM').map((c) => String(c.args.text));

  async function aliceHasATicket(): Promise<string> {
    await postEvent(t.baseUrl, dmEvent('My laptop will not turn on since this morning, I cannot work at all', '1700000000.000100'));
    const reply = await t.api.waitFor(() => dmReplies().find((s) => TICKET.test(s)));
    await t.app.engine.idle();
    // Every reply of that turn is out before the files arrive (the dispatcher sends one row at a time).
    for (let i = 0; i < 250 && (await t.app.store.countOutbox('pending')) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return TICKET.exec(reply)![0];
  }

  it('a screenshot sent alone is fetched with the bot token, stored, and kept on the ticket: no answer taken from it, no reply', async () => {
    // Arrange
    const number = await aliceHasATicket();
    t.api.files.set('T0ACME-F0SCREEN1/download/error-809.png', { body: PNG, type: 'image/png' });
    const repliesBefore = dmReplies().length;
    // Act
    const res = await postEvent(t.baseUrl, fileShare(t, '1700000600.000200', '', [{ id: 'F0SCREEN1', name: 'error-809.png', mimetype: 'image/png', size: PNG.length }]));
    await t.app.engine.idle();
    // Assert: fetched with the bot token; the file is on disk byte for byte; the ticket's audit trail names it.
    expect(res.status).toBe(200);
    const download = t.api.callsOf('files-pri')[0];
    expect(download.token).toBe('xoxb-test-token');
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    const held = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'held_without_reply');
    expect(held?.data).toMatchObject({ reason: 'attachments', text: '[attachment: error-809.png (1.0 KB)]' });
    const dir = (t.channel as unknown as { files: { o: { dir: string } } }).files.o.dir;
    const stored = fs.readdirSync(`${dir}/slack`).map((d) => `${dir}/slack/${d}/error-809.png`);
    expect(stored.map((f) => fs.readFileSync(f).equals(PNG))).toEqual([true]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dmReplies()).toHaveLength(repliesBefore);
  });

  it('files over the size limit or of a refused type are listed, not fetched; the words sent with them still get their turn', async () => {
    // Arrange
    const number = await aliceHasATicket();
    const repliesBefore = dmReplies().length;
    // Act
    await postEvent(t.baseUrl, fileShare(t, '1700000700.000300', 'here is the log and the installer', [
      { id: 'F0BIG', name: 'memory.dmp', mimetype: 'image/png', size: 10 * 1024 * 1024 },
      { id: 'F0EXE', name: 'setup.exe', mimetype: 'application/x-msdownload', size: 2048 },
    ]));
    await t.app.engine.idle();
    // Assert: nothing downloaded; both files are named with the reason; the text was added to the ticket.
    expect(t.api.callsOf('files-pri')).toHaveLength(0);
    const events = await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(number))!.id);
    expect(events.find((e) => e.kind === 'held_without_reply')?.data.text).toBe(
      '[attachment not stored, over the size limit: memory.dmp (10.0 MB)]\n[attachment not stored, file type not accepted: setup.exe (2.0 KB)]',
    );
    const conversation = (await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' }))!;
    const inbound = (await t.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in').map((m) => m.text);
    expect(inbound.slice(-2)).toEqual([expect.stringMatching(/^\[attachment not stored/), 'here is the log and the installer']);
    // The words got their turn: the bot answered them.
    await t.api.waitFor(() => dmReplies().length > repliesBefore);
  });

  it('a file the token cannot read (Slack\'s sign-in page) or on a foreign host is listed as not fetched, and the token never leaves Slack\'s hosts', async () => {
    await aliceHasATicket();
    const body = fileShare(t, '1700000800.000400', '', [
      { id: 'F0GONE', name: 'gone.png', mimetype: 'image/png', size: 10 },
      { id: 'F0EVIL', name: 'evil.png', mimetype: 'image/png', size: 10 },
    ]);
    body.event.files[1].url_private_download = 'https://attacker.example/steal.png';
    await postEvent(t.baseUrl, body);
    await t.app.engine.idle();
    expect(t.api.callsOf('files-pri')).toHaveLength(1);
    const conversation = (await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' }))!;
    const held = (await t.app.store.transcript(conversation.id)).filter((m) => m.text.startsWith('[attachment'));
    expect(held.map((m) => m.text)).toEqual(['[attachment not stored, could not be fetched: gone.png (10 B)]\n[attachment not stored, could not be fetched: evil.png (10 B)]']);
  });
});
