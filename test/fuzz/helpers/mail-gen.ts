import fc from 'fast-check';
import type { MailSpec } from './schemas';

const CRLF = '\r\n';

function encodeBody(spec: MailSpec): string {
  const body = spec.body;
  if (spec.transferEncoding === 'base64') return Buffer.from(body).toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  if (spec.transferEncoding === 'quoted-printable') return body.replace(/[=\u0080-\uffff]/g, (c) => [...Buffer.from(c)].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return body;
}

/** Assemble a mail from its parts: single part, alternative or mixed with an attachment of the given size. */
export function renderMail(spec: MailSpec): Buffer {
  const headers = [
    `From: "${spec.fromName}" <${spec.from}>`, 'To: helpdesk@example.com', `Subject: ${spec.subject}`,
    `Message-ID: <${spec.messageId}>`, 'Date: Thu, 26 Nov 2026 09:00:00 +0000', 'MIME-Version: 1.0',
  ];
  if (spec.inReplyTo) headers.push(`In-Reply-To: ${spec.inReplyTo}`, `References: ${spec.inReplyTo}`);
  if (spec.autoSubmitted) headers.push(`Auto-Submitted: ${spec.autoSubmitted}`);
  const part = (type: string) => [`Content-Type: ${type}; charset=${spec.charset}`, `Content-Transfer-Encoding: ${spec.transferEncoding}`, '', encodeBody(spec)].join(CRLF);
  if (spec.contentType === 'text/plain' || spec.contentType === 'text/html') {
    return Buffer.from([...headers, part(spec.contentType)].join(CRLF));
  }
  const boundary = 'b1_fuzz';
  const parts = spec.contentType === 'multipart/alternative'
    ? [part('text/plain'), part('text/html')]
    : [part('text/plain'), ['Content-Type: application/octet-stream; name="report.bin"', 'Content-Disposition: attachment; filename="../../report.bin"', 'Content-Transfer-Encoding: base64', '', Buffer.alloc(spec.attachmentBytes ?? 10, 7).toString('base64')].join(CRLF)];
  return Buffer.from([...headers, `Content-Type: ${spec.contentType}; boundary="${boundary}"`, '', ...parts.map((p) => `--${boundary}${CRLF}${p}`), `--${boundary}--`, ''].join(CRLF));
}

const BYTE_MUTATIONS = ['truncate', 'invalid-bytes', 'no-header-break', 'huge-header', 'control-chars', 'script-body', 'deep-multipart', 'many-attachments', 'bad-boundary', 'duplicate-headers', 'nul-bytes'] as const;

function mutateMail(raw: Buffer, kind: (typeof BYTE_MUTATIONS)[number], salt: number): Buffer {
  const text = raw.toString('latin1');
  const at = salt % Math.max(1, raw.length);
  switch (kind) {
    case 'truncate':
      return raw.subarray(0, at);
    case 'invalid-bytes':
      return Buffer.concat([raw.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), raw.subarray(at)]);
    case 'no-header-break':
      return Buffer.from(text.replace(/\r?\n\r?\n/, '\r\n'), 'latin1');
    case 'huge-header':
      return Buffer.from(`Subject: ${'S'.repeat(200_000 + salt % 1000)}\r\n${text}`, 'latin1');
    case 'control-chars':
      return Buffer.from(text.replace(/Subject: /, `Subject: \u0000\u0007\u001b[2J${String.fromCharCode(salt % 32)}`), 'latin1');
    case 'script-body':
      return Buffer.from(text.replace(/\r?\n\r?\n/, `\r\n\r\n<script>alert(1)</script><img src=x onerror=alert(1)>\r\n`), 'latin1');
    case 'deep-multipart': {
      const depth = 50 + (salt % 150);
      let body = 'Content-Type: text/plain\r\n\r\nhello\r\n';
      for (let i = 0; i < depth; i++) body = `Content-Type: multipart/mixed; boundary="d${i}"\r\n\r\n--d${i}\r\n${body}--d${i}--\r\n`;
      return Buffer.from(`From: a@example.com\r\nTo: helpdesk@example.com\r\nSubject: deep\r\nMessage-ID: <deep${salt}@x.test>\r\nMIME-Version: 1.0\r\n${body}`, 'latin1');
    }
    case 'many-attachments': {
      const count = 30 + (salt % 40);
      const parts = Array.from({ length: count }, (_, i) => `--m\r\nContent-Type: text/plain; name="a${i}.txt"\r\nContent-Disposition: attachment; filename="con.${i}"\r\n\r\nx${i}\r\n`).join('');
      return Buffer.from(`From: a@example.com\r\nTo: helpdesk@example.com\r\nSubject: many\r\nMessage-ID: <many${salt}@x.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n${parts}--m--\r\n`, 'latin1');
    }
    case 'bad-boundary':
      return Buffer.from(text.replace(/boundary="?([^";\r\n]+)"?/i, 'boundary="nope"'), 'latin1');
    case 'duplicate-headers':
      return Buffer.from(`From: evil@attacker.test\r\nMessage-ID: <dup${salt}@x.test>\r\n${text}`, 'latin1');
    case 'nul-bytes':
      return Buffer.concat([raw.subarray(0, at), Buffer.alloc(1 + (salt % 64)), raw.subarray(at)]);
  }
}

/** Byte-level mutations of recorded mails. */
export function mailMutations(fixtures: Buffer[]): fc.Arbitrary<{ raw: Buffer; mutation: string }> {
  return fc.tuple(fc.nat(fixtures.length - 1), fc.constantFrom(...BYTE_MUTATIONS), fc.nat(1_000_000))
    .map(([i, kind, salt]) => ({ raw: mutateMail(fixtures[i], kind, salt), mutation: kind }));
}
