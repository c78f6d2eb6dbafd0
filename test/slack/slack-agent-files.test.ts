import path from 'node:path';
import { fixture } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { threadMessage } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

const PDF = Buffer.from('%PDF-1.4\n% steps to reset the BIOS\n%%EOF\n');

describe('an agent\'s file in the tier-2 thread reaches the user', () => {
  const t = useTier2Rig({ agents: ['tina'], channel: (dir) => ({ files: { dir: path.join(dir, 'attachments'), maxBytes: 1024 * 1024, types: ['application/pdf', 'image/*'] } }) });

  it('the owner\'s words and file are relayed: the text names it, and the file itself is uploaded into the user\'s DM', async () => {
    // Arrange: Alice's P2 ticket is escalated; Tina takes it over.
    const { number, ticket, ts } = await t.escalate();
    await t.takeOver(number, ts);
    // Act: Tina shares a PDF in the thread with a line of text (a file_share message).
    t.api.files.set('T0ACME-F0GUIDE/download/bios-reset.pdf', { body: PDF, type: 'application/pdf' });
    const share = threadMessage('U0AGENT', 'Follow these steps please', ts);
    const file = fixture('event-file-share').event.files[0];
    Object.assign(share.event, { subtype: 'file_share', files: [{ ...file, id: 'F0GUIDE', name: 'bios-reset.pdf', title: 'bios-reset.pdf', mimetype: 'application/pdf', size: PDF.length, url_private_download: t.api.fileUrl('T0ACME-F0GUIDE/download/bios-reset.pdf') }] });
    expect((await postEvent(t.baseUrl, share)).status).toBe(200);
    // Assert: the words (with the file named) reach Alice, then the file is uploaded into her DM.
    const relayed = await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('Follow these steps please')));
    expect(String(relayed.args.text)).toContain('[attachment: bios-reset.pdf (');
    const complete = await t.api.waitFor(() => t.api.callsOf('files.completeUploadExternal')[0]);
    expect(complete.args.channel_id).toBe('D0ALICEDM');
    const upload = t.api.callsOf('upload')[0];
    expect(Buffer.from(upload.args.bytes as Buffer).includes(PDF)).toBe(true);
    // The ticket's audit trail holds the reply with the file's line.
    const reply = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'agent_reply');
    expect(String(reply?.data.text)).toContain('bios-reset.pdf');
  });
});
