import { Writable } from 'node:stream';
import { createLogger, scrubText } from '../src/log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, destination };
}

describe('structured logs', () => {
  test('emails, phone numbers and configured secrets are masked in messages and fields', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', secrets: ['xoxb-very-secret'], destination });
    log.info({ note: 'mail ana.lima@example.com or call +86 138 0013 8000', header: 'Bearer xoxb-very-secret' }, 'user ana.lima@example.com wrote');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/ana\.lima|138 0013|xoxb-very-secret/);
    expect(lines[0]).toMatchObject({ msg: 'user [email] wrote', note: 'mail [email] or call [phone]', header: 'Bearer [secret]' });
  });

  test('fields that carry personal text are dropped by name; ticket numbers stay readable', () => {
    const { lines, destination } = capture();
    createLogger({ destination }).info({ ticket: 'INC-000123', user: { name: 'Ana Lima', email: 'a@b.co' }, text: 'my password is hunter2' }, 'ticket opened');
    expect(lines[0]).toMatchObject({ ticket: 'INC-000123', user: { name: '[redacted]', email: '[redacted]' }, text: '[redacted]' });
  });

  test('scrubText leaves ordinary numbers and error codes alone', () => {
    expect(scrubText('error 0x80070005 on port 1143 since 09:30')).toBe('error 0x80070005 on port 1143 since 09:30');
  });
});
