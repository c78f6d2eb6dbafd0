import { SlackUserCache, toProfile, type SlackUserInfo } from '../../channels/slack/slack-users';

const info = (name: string): SlackUserInfo => ({ ok: true, user: { id: 'U1', profile: { real_name: name, email: 'u1@acme.test', title: 'Legal' } } });

describe('SlackUserCache', () => {
  it('maps users.info to name, email and department (title)', () => {
    expect(toProfile(info('Ann Lee'))).toEqual({ name: 'Ann Lee', email: 'u1@acme.test', department: 'Legal' });
  });

  it('prefers a configured custom field for the department', () => {
    const withField: SlackUserInfo = { user: { profile: { real_name: 'A', title: 'Engineer', fields: { Xf01: { value: 'R&D' } } } } };
    expect(toProfile(withField, 'Xf01').department).toBe('R&D');
  });

  it('caches within the TTL and looks up again after it', async () => {
    // Arrange
    let now = 0;
    const lookup = jest.fn(async () => info('Ann Lee'));
    const cache = new SlackUserCache({ lookup, ttlMs: 1000, now: () => now });
    // Act
    await cache.profile('U1');
    await cache.profile('U1');
    now = 1500;
    await cache.profile('U1');
    // Assert
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('shares one call between concurrent lookups of the same user', async () => {
    const lookup = jest.fn(async () => info('Ann Lee'));
    const cache = new SlackUserCache({ lookup });
    const profiles = await Promise.all([cache.profile('U1'), cache.profile('U1'), cache.profile('U1')]);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(profiles.every((p) => p?.name === 'Ann Lee')).toBe(true);
  });

  it('runs at most maxConcurrent users.info calls at once and serves every caller', async () => {
    // Arrange: each call stays open until the test lets it finish.
    const open: Array<() => void> = [];
    let peak = 0;
    const lookup = jest.fn((id: string) => new Promise<ReturnType<typeof info>>((resolve) => {
      open.push(() => resolve(info(id)));
      peak = Math.max(peak, open.length);
    }));
    const cache = new SlackUserCache({ lookup, maxConcurrent: 3 });
    // Act
    const profiles = Promise.all(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'].map((id) => cache.profile(id)));
    while (lookup.mock.calls.length < 7 || open.length > 0) {
      await new Promise((r) => setImmediate(r));
      open.shift()?.();
    }
    // Assert
    expect(peak).toBe(3);
    expect((await profiles).map((p) => p?.name)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7']);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    // Arrange
    const lookup = jest.fn(async (id: string) => info(id));
    const cache = new SlackUserCache({ lookup, maxEntries: 2 });
    await cache.profile('A');
    await cache.profile('B');
    await cache.profile('A'); // A is now the most recent
    // Act
    await cache.profile('C'); // evicts B
    await cache.profile('A');
    await cache.profile('B');
    // Assert
    expect(lookup.mock.calls.map(([id]) => id)).toEqual(['A', 'B', 'C', 'B']);
  });

  it('returns no profile when users.info fails or is too slow, without throwing', async () => {
    const failing = new SlackUserCache({ lookup: async () => Promise.reject(new Error('user_not_found')) });
    const slow = new SlackUserCache({ lookup: () => new Promise(() => undefined), timeoutMs: 10 });
    await expect(failing.profile('U1')).resolves.toBeUndefined();
    await expect(slow.profile('U1')).resolves.toBeUndefined();
  });
});
