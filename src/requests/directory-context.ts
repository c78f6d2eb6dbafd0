import type { Directory } from '../directory/directory';
import type { TurnContext } from '../engine/turn-types';
import type { Logger } from '../log';
import { channelIdentity } from './identity';

type Facts = { name: string; email?: string; department?: string; manager?: string; office?: string; vip: boolean };

const CACHE_MS = 5 * 60_000;
/** After a failed lookup, turns stop asking the directory for this long (they must not each wait for its timeout). */
const PAUSE_AFTER_FAILURE_MS = 30_000;

/**
 * The engine's enrichContext: for a person the channel identifies (Slack/Teams profile, mail with DMARC
 * pass), the directory fills in name, email and department (so the dialogs do not ask for them) and adds
 * manager, office and the VIP flag, which feed the ticket's slots and priority. Lookups are cached; a
 * directory that fails leaves the turn as it was.
 */
export function directoryEnricher(directory: Directory, log: Logger, clock: () => Date = () => new Date()): (ctx: TurnContext) => Promise<TurnContext> {
  const cache = new Map<string, { at: number; facts: Facts | null }>();
  let pausedUntil = 0;
  return async (ctx) => {
    const identity = channelIdentity(ctx);
    if (!identity.ok) return ctx;
    const now = clock().getTime();
    let hit = cache.get(identity.email);
    if (!hit || now - hit.at > CACHE_MS) {
      if (now < pausedUntil) return ctx;
      try {
        const person = await directory.findByEmail(identity.email);
        const manager = person?.managerDn ? await directory.get(person.managerDn) : null;
        hit = { at: now, facts: person ? { name: person.name, email: person.email, department: person.department, manager: manager?.name, office: person.office, vip: person.vip } : null };
        cache.set(identity.email, hit);
        if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      } catch (error) {
        pausedUntil = now + PAUSE_AFTER_FAILURE_MS;
        log.warn({ code: (error as { code?: string }).code }, 'directory lookup failed; turns go on without it for 30 s');
        return ctx;
      }
    }
    const f = hit.facts;
    if (!f) return ctx;
    return {
      ...ctx,
      user: { ...ctx.user, name: ctx.user.name ?? f.name, email: ctx.user.email ?? f.email, department: ctx.user.department ?? f.department },
      requester: { vip: f.vip, department: f.department, manager: f.manager, office: f.office },
    };
  };
}
