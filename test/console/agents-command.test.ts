import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runAgentsCommand } from '../../src/cli/agents.command';
import { verifyPassword } from '../../src/console/password';
import { SqliteAgentStore } from '../../src/store/sqlite-agent-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDir } from '../helpers/test-app';

const SECRET = 'very-secret-pass-42';

function io(env: Record<string, string>, stdinText?: string) {
  const stdin = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = new PassThrough().on('data', (c) => err.push(String(c)));
  if (stdinText !== undefined) stdin.end(stdinText);
  return { io: { stdin, stdout, stderr, env, cwd: '/nonexistent' }, out: () => out.join(''), err: () => err.join('') };
}

describe('frontdesk agents', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    tmp = tempDir();
    env = { DATABASE_PATH: path.join(tmp.dir, 'fd.db') };
  });
  afterEach(() => tmp.cleanup());

  const stored = async (id: string) => {
    const store = new SqliteStore(env.DATABASE_PATH);
    try {
      const agents = new SqliteAgentStore(store.db);
      return { agent: await agents.getAgent(id), hash: await agents.passwordHash(id) };
    } finally {
      await store.close();
    }
  };

  test('add takes the password from FRONTDESK_AGENT_PASSWORD and stores only a salted scrypt hash', async () => {
    const run = io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET });
    const code = await runAgentsCommand(['add', 'alice', '--name', 'Alice Chen', '--role', 'agent', '--groups', 'network,service-desk'], run.io);
    expect(code).toBe(0);
    expect(run.out()).toMatch(/Added agent alice/);
    expect(run.out() + run.err()).not.toContain(SECRET);
    const { agent, hash } = await stored('alice');
    expect(agent).toMatchObject({ id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network', 'service-desk'] });
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(hash).not.toContain(SECRET);
    expect(await verifyPassword(SECRET, hash!)).toBe(true);
    expect(await verifyPassword('wrong-password-42', hash!)).toBe(false);
  });

  test('without the variable the password is read from stdin and not echoed; two agents get different salts', async () => {
    const first = io(env, `${SECRET}\n`);
    expect(await runAgentsCommand(['add', 'root', '--name', 'Ria Admin', '--role', 'admin'], first.io)).toBe(0);
    expect(first.out() + first.err()).not.toContain(SECRET);
    expect(first.err()).toContain('Password: ');
    const second = io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET });
    await runAgentsCommand(['add', 'bob', '--name', 'Bob Li', '--groups', 'identity'], second.io);
    expect((await stored('root')).hash).not.toBe((await stored('bob')).hash);
  });

  test('list prints one JSON object per agent without any hash', async () => {
    await runAgentsCommand(['add', 'alice', '--name', 'Alice Chen', '--groups', 'network'], io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET }).io);
    const run = io(env);
    expect(await runAgentsCommand(['list'], run.io)).toBe(0);
    const lines = run.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'], email: null, createdAt: expect.any(String), disabled: false }]);
    expect(run.out()).not.toMatch(/scrypt/);
  });

  test.each([
    [['add', 'alice', '--groups', 'network'], /--name/],
    [['add', 'Alice!', '--name', 'A'], /--login/],
    [['add', 'alice', '--name', 'A', '--role', 'boss', '--groups', 'x'], /--role/],
    [['add', 'alice', '--name', 'A'], /--groups/],
  ])('add %j is refused with the fix', async (args, message) => {
    await expect(runAgentsCommand(args, io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET }).io)).rejects.toThrow(message);
  });

  test('a short password, a duplicate login and an unknown subcommand are refused', async () => {
    await expect(runAgentsCommand(['add', 'a', '--name', 'A', '--groups', 'x'], io({ ...env, FRONTDESK_AGENT_PASSWORD: 'short' }).io)).rejects.toThrow(/at least 10/);
    await runAgentsCommand(['add', 'a', '--name', 'A', '--groups', 'x'], io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET }).io);
    await expect(runAgentsCommand(['add', 'a', '--name', 'A', '--groups', 'x'], io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET }).io)).rejects.toThrow(/exists already/);
    const run = io(env);
    expect(await runAgentsCommand(['remove'], run.io)).toBe(1);
    expect(run.err()).toMatch(/Usage/);
  });

  test('passwd replaces the hash', async () => {
    await runAgentsCommand(['add', 'a', '--name', 'A', '--groups', 'x'], io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET }).io);
    await runAgentsCommand(['passwd', 'a'], io({ ...env, FRONTDESK_AGENT_PASSWORD: 'another-secret-99' }).io);
    const { hash } = await stored('a');
    expect(await verifyPassword('another-secret-99', hash!)).toBe(true);
    expect(await verifyPassword(SECRET, hash!)).toBe(false);
  });
  test('a work e-mail ties an agent to the approvals sent to it: set on add, changed, cleared, never shared', async () => {
    const run = io({ ...env, FRONTDESK_AGENT_PASSWORD: SECRET });
    expect(await runAgentsCommand(['add', 'bob', '--name', 'Bob Chen', '--groups', 'network', '--email', 'Bob.Chen@Example.com'], run.io)).toBe(0);
    expect((await stored('bob')).agent?.email).toBe('bob.chen@example.com');
    expect(await runAgentsCommand(['add', 'carol', '--name', 'Carol Diaz', '--groups', 'network'], run.io)).toBe(0);
    await expect(runAgentsCommand(['email', 'carol', 'BOB.CHEN@example.com'], io(env).io)).rejects.toThrow(/bob has bob.chen@example.com already/);
    await expect(runAgentsCommand(['email', 'carol', 'not-an-address'], io(env).io)).rejects.toThrow(/e-mail address or "none"/);
    expect(await runAgentsCommand(['email', 'carol', 'carol@example.com'], io(env).io)).toBe(0);
    expect((await stored('carol')).agent?.email).toBe('carol@example.com');
    expect(await runAgentsCommand(['email', 'bob', 'none'], io(env).io)).toBe(0);
    expect((await stored('bob')).agent?.email).toBeUndefined();
    const list = io(env);
    expect(await runAgentsCommand(['list'], list.io)).toBe(0);
    expect(list.out()).toContain('"email":"carol@example.com"');
  });
});
