import { ourMessageId, rootThreadKey, threadFromReferences, verifyMessageId } from '../../channels/email/thread-token';

const SECRET = 'secret-for-thread-tokens-123456';

describe('thread tokens', () => {
  it('round-trips the conversation id through a signed Message-ID', () => {
    const id = ourMessageId(SECRET, 'CAO7h3x+9kQ2mZ1@mail.example.com', 42, 'example.com');
    expect(id).toMatch(/^<fd\.[A-Za-z0-9_.-]+@example\.com>$/);
    expect(verifyMessageId(SECRET, id)).toEqual({ conversationId: 'CAO7h3x+9kQ2mZ1@mail.example.com', deliveryId: 42 });
  });

  it('rejects a token signed with another secret or pointed at another conversation', () => {
    const id = ourMessageId('another-secret-entirely-0000', 'victim-thread', 1, 'example.com');
    expect(verifyMessageId(SECRET, id)).toBeNull();
    const genuine = ourMessageId(SECRET, 'mine', 1, 'example.com');
    const [, , delivery, sig] = /fd\.([^.]+)\.([^.]+)\.([^@]+)@/.exec(genuine)!;
    const retargeted = `<fd.${Buffer.from('victim-thread').toString('base64url')}.${delivery}.${sig}@example.com>`;
    expect(verifyMessageId(SECRET, retargeted)).toBeNull();
  });

  it('finds the newest of our ids among references and ignores foreign ones', () => {
    const old = ourMessageId(SECRET, 'thread-a', 1, 'example.com');
    const newer = ourMessageId(SECRET, 'thread-b', 2, 'example.com');
    expect(threadFromReferences(SECRET, ['<x@y>', old, newer, '<z@w>'])).toBe('thread-b');
    expect(threadFromReferences(SECRET, ['<x@y>'])).toBeNull();
  });

  it('uses the root Message-ID as thread key and hashes odd ones', () => {
    expect(rootThreadKey('<abc@example.com>', 'seed')).toBe('abc@example.com');
    expect(rootThreadKey(undefined, 'seed')).toMatch(/^h:[0-9a-f]{32}$/);
    expect(rootThreadKey(`<${'a'.repeat(300)}@x>`, 'seed')).toMatch(/^h:/);
  });
});
