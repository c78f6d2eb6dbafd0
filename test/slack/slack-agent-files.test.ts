import path from 'node:path';
import { slackAgentDb } from '../../channels/slack/slack-agent-db';
import { dmEvent, fixture } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { SlackApiStandIn } from './helpers/slack-api-stand-in';
import { boot, threadMessage, tier2Click, TIER2, tempFolder, USERS, type Booted } from './slack-agents-helpers';

const PDF = Buffer.from('%PDF-1.4\n% steps to reset the BIOS\n%%EOF\n');

describe('an agent\'s file in the tier-2 thread reaches the user', () => {
  let api: SlackApiStandIn;
  let folder: ReturnType<typeof tempFolder>;
  let t: Booted;

  beforeEach(async () => {
    api = await new SlackApiStandIn(USERS).start();
    folder = tempFolder();
    t = await boot(folder.dir, api, {}, { files: { dir: path.join(folder.dir, 'attachments'), maxBytes: 1024 * 1024, types: ['application/pdf', 'image/*'] } });
    await t.app.agentStore.addAgent({ id: 'tina', name: 'Tina Agent', role: 'agent', groups: ['field-services'] }, 'x', new Date().toISOString());
  });
  afterEach(async () => {
    await t.app.stop();
    await api.stop();
    folder.cleanup();
  });

  const posts = (channel: string) => api.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);

  it('the owner\'s words and file are relayed: the text names it, and the file itself is uploaded into the user\'s DM', async () => {
    // Arrange: Alice's P2 ticket is escalated; Tina takes it over.
    await postEvent(t.baseUrl, dmEvent('My laptop will not boot after the update', '1700002000.000001'));
    const post = await api.waitFor(() => posts(TIER2).find((c) => !c.args.thread_ts));
    const number = /(INC|REQ)-\d{6}/.exec(String(post.args.text))![0];
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    const ts = await api.waitFor(() => slackAgentDb(t.app.store).threadOf(ticket.id)?.threadTs ?? undefined);
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    await api.waitFor(() => posts('D0ALICEDM').some((c) => String(c.args.text).includes('Tina Agent')));
    // Act: Tina shares a PDF in the thread with a line of text (a file_share message).
    api.files.set('T0ACME-F0GUIDE/download/bios-reset.pdf', { body: PDF, type: 'application/pdf' });
    const share = threadMessage('U0AGENT', 'Follow these steps please', ts);
    const file = fixture('event-file-share').event.files[0];
    Object.assign(share.event, { subtype: 'file_share', files: [{ ...file, id: 'F0GUIDE', name: 'bios-reset.pdf', title: 'bios-reset.pdf', mimetype: 'application/pdf', size: PDF.length, url_private_download: api.fileUrl('T0ACME-F0GUIDE/download/bios-reset.pdf') }] });
    expect((await postEvent(t.baseUrl, share)).status).toBe(200);
    // Assert: the words (with the file named) reach Alice, then the file is uploaded into her DM.
    const relayed = await api.waitFor(() => posts('D0ALICEDM').find((c) => String(c.args.text).includes('Follow these steps please')));
    expect(String(relayed.args.text)).toContain('[attachment: bios-reset.pdf (');
    const complete = await api.waitFor(() => api.callsOf('files.completeUploadExternal')[0]);
    expect(complete.args.channel_id).toBe('D0ALICEDM');
    const upload = api.callsOf('upload')[0];
    expect(Buffer.from(upload.args.bytes as Buffer).includes(PDF)).toBe(true);
    // The ticket's audit trail holds the reply with the file's line.
    const reply = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'agent_reply');
    expect(String(reply?.data.text)).toContain('bios-reset.pdf');
  });
});
