import { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * What a token (or a webhook subscription) may see or do. `people:read` adds the requester's identity
 * (name, e-mail, channel) to tickets; without it a ticket carries no more than its number and contents.
 */
export const API_SCOPES = [
  'tickets:read', 'tickets:write', 'conversations:read', 'kb:read', 'incidents:read', 'broadcasts:read', 'kpis:read', 'people:read',
] as const;

/** One of API_SCOPES. */
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/** Parse a comma list of scopes, naming the unknown ones. */
export function parseScopes(list: string): ApiScope[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(API_SCOPES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new ValidationError(`unknown scope ${unknown.join(', ')}: use ${API_SCOPES.join(', ')}`);
  if (names.length === 0) throw new ValidationError(`give at least one scope: ${API_SCOPES.join(', ')}`);
  return [...new Set(names)] as ApiScope[];
}

/** Parse `30d`, `12h` or `45m` into milliseconds (token expiry). */
export function parseDuration(value: string): number {
  const match = /^(\d+)(d|h|m)$/.exec(value.trim());
  if (!match) throw new ValidationError(`--expires: use a number and d, h or m, e.g. 30d (got "${value}")`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}
