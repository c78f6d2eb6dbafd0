import { ApiTokens } from '../api/api-tokens';
import { parseDuration, parseScopes } from '../api/scopes';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { toTable } from '../kpi/format-report';
import { openCoreStores } from '../store/open-core-stores';
import { parseArgs, type CliCommand } from './command';

const USAGE = `Usage:
  frontdesk tokens add NAME --scopes tickets:read,tickets:write,kb:read [--expires 30d]   prints the token once
  frontdesk tokens list                                                                 names, scopes, expiry, last use
  frontdesk tokens revoke NAME                                                          refused from the next request on
`;

/** `frontdesk tokens add|list|revoke`: API tokens (stored hashed; the secret is printed once). */
export const runTokensCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, name] = positional;
  if (sub !== 'add' && sub !== 'list' && sub !== 'revoke') {
    io.stderr.write(USAGE);
    return 1;
  }
  if (sub !== 'list' && !name) throw new ValidationError(`give the token name: frontdesk tokens ${sub} NAME`);
  // The configured database: the SQLite file, or PostgreSQL with DATABASE_URL (every instance sees the tokens).
  const stores = await openCoreStores(loadConfig(io.env, io.cwd));
  try {
    const tokens = new ApiTokens(stores.api);
    const now = new Date();
    if (sub === 'add') {
      if (typeof options.scopes !== 'string') throw new ValidationError('--scopes is required, e.g. --scopes tickets:read,kb:read');
      const expires = typeof options.expires === 'string' ? parseDuration(options.expires) : undefined;
      const { token, record } = await tokens.add(name, parseScopes(options.scopes), now, expires);
      io.stdout.write(`${token}\n`);
      io.stderr.write(`token ${record.name} created (scopes ${record.scopes.join(',')}${record.expiresAt ? `, expires ${record.expiresAt}` : ''}); it is shown only now: store it in your integration's secret store\n`);
    } else if (sub === 'revoke') {
      await tokens.revoke(name, now);
      io.stdout.write(`token ${name} revoked\n`);
    } else {
      const rows = (await tokens.list()).map((t) => [t.name, t.scopes.join(','), t.createdAt, t.expiresAt ?? '-', t.revokedAt ? `revoked ${t.revokedAt}` : 'active', t.lastUsedAt ?? '-']);
      io.stdout.write(toTable(['name', 'scopes', 'created', 'expires', 'state', 'last used'], rows));
    }
    return 0;
  } finally {
    await stores.close();
  }
};
