import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ApiTokens } from '../../src/api/api-tokens';
import { SqliteApiStore } from '../../src/api/sqlite-api-store';
import { runTokensCommand } from '../../src/cli/tokens.command';
import { runWebhooksCommand } from '../../src/cli/webhooks.command';
import { openDatabase } from '../../src/store/open-database';
import { tempDir } from '../helpers/test-app';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = new PassThrough().on('data', (c) => err.push(String(c)));
  return { io: { stdin: new PassThrough(), stdout, stderr, env, cwd: '/nonexistent' }, out: () => out.join(''), err: () => err.join('') };
}

describe('frontdesk tokens and webhooks', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    tmp = tempDir();
    env = { DATABASE_PATH: path.join(tmp.dir, 'fd.db') };
  });
  afterEach(() => tmp.cleanup());

  test('tokens add prints the token once and stores only its hash; list shows it; revoke refuses it from then on', async () => {
    const added = io(env);
    expect(await runTokensCommand(['add', 'jira', '--scopes', 'tickets:read,tickets:write,kb:read', '--expires', '30d'], added.io)).toBe(0);
    const token = added.out().trim();
    expect(token).toMatch(/^fdk_[A-Za-z0-9_-]{43}$/);
    const db = openDatabase(env.DATABASE_PATH);
    try {
      const row = db.prepare('SELECT * FROM api_tokens').get() as Record<string, string>;
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(30 * 86_400_000);
      const listed = io(env);
      await runTokensCommand(['list'], listed.io);
      expect(listed.out()).toMatch(/jira\s+tickets:read,tickets:write,kb:read/);
      expect(listed.out()).not.toContain(token);
      expect(await new ApiTokens(new SqliteApiStore(db)).verify(token, new Date())).not.toBeNull();
      expect(await runTokensCommand(['revoke', 'jira'], io(env).io)).toBe(0);
      expect(await new ApiTokens(new SqliteApiStore(db)).verify(token, new Date())).toBeNull();
    } finally {
      db.close();
    }
    await expect(runTokensCommand(['add', 'x', '--scopes', 'tickets:delete'], io(env).io)).rejects.toThrow(/unknown scope tickets:delete/);
    await expect(runTokensCommand(['add', 'x', '--scopes', 'kb:read', '--expires', 'soon'], io(env).io)).rejects.toThrow(/--expires/);
    await expect(runTokensCommand(['revoke', 'nobody'], io(env).io)).rejects.toThrow(/no token named nobody/);
  });

  test('webhooks add prints the secret once; scope must cover the events; list, log, enable and remove', async () => {
    const added = io(env);
    expect(await runWebhooksCommand(['add', 'https://hooks.example.org/fd', '--events', 'ticket.created,incident.opened'], added.io)).toBe(0);
    expect(added.out().trim()).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const listed = io(env);
    await runWebhooksCommand(['list'], listed.io);
    expect(listed.out()).toMatch(/1\s+https:\/\/hooks\.example\.org\/fd\s+ticket\.created,incident\.opened\s+tickets:read,incidents:read\s+active/);
    await expect(runWebhooksCommand(['add', 'https://x.example.org', '--events', 'incident.opened', '--scope', 'tickets:read'], io(env).io)).rejects.toThrow(/--scope must include incidents:read/);
    await expect(runWebhooksCommand(['add', 'https://x.example.org', '--events', 'ticket.exploded'], io(env).io)).rejects.toThrow(/unknown: ticket.exploded/);
    await expect(runWebhooksCommand(['add', 'ftp://x.example.org', '--events', 'ticket.created'], io(env).io)).rejects.toThrow(/http\(s\)/);
    expect(await runWebhooksCommand(['log'], io(env).io)).toBe(0);
    expect(await runWebhooksCommand(['enable', '1'], io(env).io)).toBe(0);
    expect(await runWebhooksCommand(['remove', '1'], io(env).io)).toBe(0);
    await expect(runWebhooksCommand(['remove', '1'], io(env).io)).rejects.toThrow(/no webhook subscription 1/);
  });
});
