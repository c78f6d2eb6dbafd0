import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mapInbound } from '../../channels/email/inbound-map';
import { parseMail } from '../../channels/email/parse-mail';

const mail = (authResults?: string) => Buffer.from([
  'From: Dave Kim <dave@example.com>', 'To: helpdesk@example.com', 'Subject: Please unlock my account',
  `Message-ID: <m-${Math.random()}@example.com>`, 'Date: Sun, 6 Dec 2026 09:00:00 +0000',
  ...(authResults ? [`Authentication-Results: ${authResults}`] : []), 'Content-Type: text/plain; charset=utf-8', '', 'I am locked out.', '',
].join('\r\n'));

describe('the mail channel tells self-service what the receiving server said about the sender', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-auth-map-'));
  const deps = { ourAddresses: ['helpdesk@example.com'], threadSecret: 'unit-test-thread-secret-0123456', attachments: { dir, maxBytes: 65536, maxCount: 5 }, authservId: 'mx.example.com' };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const senderAuth = async (raw: Buffer) => {
    const result = await mapInbound(await parseMail(raw), raw, deps);
    if (result.kind !== 'message') throw new Error(result.reason);
    return result.message.ref.extra?.senderAuth;
  };

  test('pass only from our own server; a forged pass from elsewhere, a fail or no header are not', async () => {
    expect(await senderAuth(mail('mx.example.com; dmarc=pass header.from=example.com'))).toBe('pass');
    expect(await senderAuth(mail('evil.example.net; dmarc=pass header.from=example.com'))).toBe('none');
    expect(await senderAuth(mail('mx.example.com; dmarc=fail header.from=example.com'))).toBe('fail');
    expect(await senderAuth(mail())).toBe('none');
  });
});
