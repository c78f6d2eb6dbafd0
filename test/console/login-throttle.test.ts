import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runAgentsCommand } from '../../src/cli/agents.command';
import { openSse } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { loginAs, PASSWORD, startConsoleApp } from './helpers';

function cli(env: Record<string, string>) {
  const out: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  return { io: { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env, cwd: '/nonexistent' }, out: () => out.join('') };
}

describe('console login: progressive delays, atomic counting, admin commands', () => {
  const offset: { value: number; frozenAt?: number } = { value: 0 };
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let checks: number;
  beforeEach(async () => {
    offset.value = 0;
    offset.frozenAt = undefined;
    t = await startConsoleApp(offset);
    // Count real password checks: the store's hash lookup happens once per checked password.
    checks = 0;
    const original = t.agentStore.passwordHash.bind(t.agentStore);
    t.agentStore.passwordHash = async (id: string) => {
      checks++;
      return original(id);
    };
  });
  afterEach(() => t.stop());

  const attempt = (password: string, login = 'alice', headers: Record<string, string> = {}) =>
    fetch(`${t.url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ login, password }) });

  test('20 parallel guesses get at most 5 password checks; a correct guess inside the burst does not log in beyond them', async () => {
    // Act: 19 wrong guesses and the right password last, all at once. The clock stands still, so a burst
    // that a busy machine spreads over more than the first 1 s delay still tests the counting alone.
    offset.frozenAt = Date.now();
    const burst = await Promise.all([...Array.from({ length: 19 }, (_, i) => attempt(`wrong-guess-${i}`)), attempt(PASSWORD)]);
    const statuses = burst.map((r) => r.status);
    // Assert
    expect(checks).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 200 || s === 401)).toHaveLength(checks);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - checks);
    expect(statuses[19]).toBe(429);
    expect(Number(burst[19].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  test('delays grow after the free failures and end by themselves: no hard lockout', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}-password`)).status).toBe(401);
    const delayed = await attempt(PASSWORD);
    expect(delayed.status).toBe(429);
    expect(Number(delayed.headers.get('retry-after'))).toBe(1);
    offset.value += 1100;
    expect((await attempt('wrong again!!')).status).toBe(401);
    const second = await attempt(PASSWORD);
    expect(Number(second.headers.get('retry-after'))).toBe(2);
    // Another account is not affected by alice's failures.
    expect((await attempt(PASSWORD, 'bob')).status).toBe(200);
    offset.value += 2100;
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  test('a success resets the account and is never counted as a failure (shared office address)', async () => {
    // 24 good logins from one address: the old per-address bucket refused the 21st.
    for (let i = 0; i < 24; i++) expect((await attempt(PASSWORD, i % 2 ? 'alice' : 'bob')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password!')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
    // The count started over: four more failures are still free.
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password!')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  test('a spray over many accounts from one address is delayed after 20 failures; other addresses are not', async () => {
    const statuses = [];
    for (let i = 0; i < 22; i++) statuses.push((await attempt('guess-guess-guess', `user${i}`, {})).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(checks).toBe(20);
  });

  test('agents unlock clears the delay; disable ends sessions and live streams; enable and delete', async () => {
    const env = { DATABASE_PATH: path.join(t.dir, 'test.db') };
    for (let i = 0; i < 5; i++) await attempt(`wrong-${i}-password`);
    expect((await attempt(PASSWORD)).status).toBe(429);
    expect(await runAgentsCommand(['unlock', 'alice'], cli(env).io)).toBe(0);
    const alice = await loginAs(t.url, 'alice');
    const live = openSse(`${t.url}/console/api/events`, { cookie: alice.cookie });
    expect(await live.opened).toBe(200);
    let closed = false;
    live.onClose(() => (closed = true));
    // Act: another process disables alice.
    const run = cli(env);
    expect(await runAgentsCommand(['disable', 'alice'], run.io)).toBe(0);
    // Assert: the session is gone at once, the stream within the recheck interval.
    expect((await alice.get('/console/api/me')).status).toBe(401);
    await waitFor(() => closed, 10_000, 'live stream closed');
    expect((await attempt(PASSWORD)).status).toBe(401);
    expect(await runAgentsCommand(['enable', 'alice'], cli(env).io)).toBe(0);
    expect((await attempt(PASSWORD)).status).toBe(200);
    expect(await runAgentsCommand(['delete', 'alice'], cli(env).io)).toBe(0);
    expect((await attempt(PASSWORD)).status).toBe(401);
    await expect(runAgentsCommand(['delete', 'nobody'], cli(env).io)).rejects.toThrow(/no agent "nobody"/);
  }, 30_000);

  test('a password change ends the live streams of the old sessions', async () => {
    const bob = await loginAs(t.url, 'bob');
    const live = openSse(`${t.url}/console/api/events`, { cookie: bob.cookie });
    expect(await live.opened).toBe(200);
    let closed = false;
    live.onClose(() => (closed = true));
    const run = cli({ DATABASE_PATH: path.join(t.dir, 'test.db'), FRONTDESK_AGENT_PASSWORD: 'a brand new password' });
    expect(await runAgentsCommand(['passwd', 'bob'], run.io)).toBe(0);
    await waitFor(() => closed, 10_000, 'live stream closed');
    expect((await bob.get('/console/api/me')).status).toBe(401);
  }, 30_000);
});
