import { checkedInbound } from '../../src/engine/checked-inbound';
import { InboundMessage, MAX_TEXT_LENGTH } from '../../src/types/conversation';

const valid = { ref: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, platformMessageId: 'D1:1.1', text: 'my laptop is slow' };
const file = { name: 'shot.png', size: 10, key: '2026/12/shot.png', type: 'image/png' };

// The accept path's compiled check must refuse exactly what the schema refuses.
const cases: Array<[string, unknown]> = [
  ['the smallest message', valid],
  ['every field', {
    ...valid, ref: { ...valid.ref, threadId: '1.1', extra: { team: 'T1' } }, action: { id: 'fd_choice_1', value: 'yes' },
    user: { name: 'Ana', email: 'ana@example.test', department: 'Finance', lang: 'zh', timeZone: 'Asia/Shanghai' },
    receivedAt: '2026-12-07T09:30:00.123Z', hold: { reason: 'third_party', from: 'bob@example.test', name: 'Bob' }, files: [file],
  }],
  ['an unknown channel', { ...valid, ref: { ...valid.ref, channel: 'fax' } }],
  ['no conversation id', { ...valid, ref: { channel: 'slack', userId: 'U1' } }],
  ['an empty platform id', { ...valid, platformMessageId: '' }],
  ['text not a string', { ...valid, text: 42 }],
  ['a language not spoken', { ...valid, user: { lang: 'fr' } }],
  ['a received time that is no date', { ...valid, receivedAt: 'yesterday' }],
  ['a received time with an offset', { ...valid, receivedAt: '2026-12-07T09:30:00+08:00' }],
  ['a hold reason not listed', { ...valid, hold: { reason: 'spam', from: 'x' } }],
  ['an extra value too long', { ...valid, ref: { ...valid.ref, extra: { team: 'x'.repeat(4097) } } }],
  ['eleven files', { ...valid, files: Array.from({ length: 11 }, () => file) }],
  ['a file of negative size', { ...valid, files: [{ ...file, size: -1 }] }],
  ['a file key going up', { ...valid, files: [{ ...file, key: '../../etc/passwd' }] }],
  ['a file key going up inside', { ...valid, files: [{ ...file, key: 'a/../../b' }] }],
  ['a file key going up with backslashes', { ...valid, files: [{ ...file, key: 'a\\..\\..\\b' }] }],
  ['an absolute file key', { ...valid, files: [{ ...file, key: '/etc/passwd' }] }],
  ['a file key with two dots in a name', { ...valid, files: [{ ...file, key: 'a/b..c/d..png' }] }],
  ['not an object', 'hello'],
];

describe('checkedInbound: a channel message as the engine stores it', () => {
  test.each(cases)('agrees with the schema: %s', (_name, value) => {
    const accepted = (() => {
      try {
        checkedInbound(value);
        return true;
      } catch (error) {
        expect(error).toMatchObject({ code: 'validation_failed' });
        return false;
      }
    })();
    expect(accepted).toBe(InboundMessage.safeParse(value).success);
  });

  test('a refusal names the field, without a pattern 300 characters long', () => {
    expect(() => checkedInbound({ ...valid, receivedAt: 'yesterday' })).toThrow('inbound message rejected: receivedAt does not have the expected form');
  });

  test('the text is cleaned of control and bidi characters and cut to the limit; the input is not changed', () => {
    const raw = { ...valid, text: `pay\u202Eexe.pdf\u0000 ${'x'.repeat(MAX_TEXT_LENGTH)}` };
    const message = checkedInbound(raw);
    expect(message.text.startsWith('payexe.pdf x')).toBe(true);
    expect(message.text).toHaveLength(MAX_TEXT_LENGTH);
    expect(raw.text).toContain('\u202E');
  });

  test('a time zone this runtime does not know is dropped and the message kept', () => {
    const message = checkedInbound({ ...valid, user: { name: 'Ana', timeZone: 'Mars/Olympus_Mons' } });
    expect(message.user).toStrictEqual({ name: 'Ana' });
    expect(checkedInbound({ ...valid, user: { timeZone: 'Europe/Dublin' } }).user).toEqual({ timeZone: 'Europe/Dublin' });
  });
});
