import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRouter } from '../../src/http/router';
import type { ChannelContext } from '../../src/types/channel';
import type { Lang } from '../../src/types/conversation';
import type { Ticket } from '../../src/types/ticket';
import type { TeamsSsoVerifier } from './teams-sso';
import { validTicketsLink } from './teams-tab';
import { tabTickets } from './teams-tab-tickets';

/** The personal tab's data: the signed-in person's tickets as JSON. */
export const TEAMS_TAB_API_PATH = '/teams/tab/api/my-tickets';
/** How often the tab asks again while it is shown (seconds). */
export const TAB_REFRESH_SECONDS = 30;

const MESSAGES: Record<string, string> = {
  missing: 'sign-in needed: send the Teams SSO token as "Authorization: Bearer <token>", or open the signed link the bot sent',
  link: 'this link is not valid or has expired: ask the bot for your tickets again',
  not_configured: 'Teams single sign-on is not set up on this service desk (TEAMS_SSO_APP_ID)',
  keys_unavailable: 'the sign-in could not be checked right now: please try again shortly',
};
const DEFAULT_MESSAGE = 'the sign-in token is not valid for this app (wrong audience, tenant or signature, or expired): sign in again';

/** Who is asking: an SSO user (Azure AD object id, and the tenant their tickets must come from) or a signed link's user key. */
type Caller = { user: string; tenant: string | null };

function refuse(res: ServerResponse, status: 401 | 503, error: string): void {
  const body = JSON.stringify({ error, message: MESSAGES[error] ?? DEFAULT_MESSAGE });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    ...(status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : { 'retry-after': '30' }),
  });
  res.end(body);
}

/**
 * GET /teams/tab/api/my-tickets?lang=en|zh: the person's open and recently finished tickets. Signed in with the
 * tab's Teams SSO token (`Authorization: Bearer`), verified by `verifier`, or, outside Teams, with the bot's signed
 * link (`u`, `e`, `s`). A bad token is a 401 with a JSON reason and one log line naming the reason only.
 */
export function mountTabApi(router: HttpRouter, ctx: () => ChannelContext, verifier: TeamsSsoVerifier | null, clock: () => Date = () => new Date()): void {
  router.add('GET', TEAMS_TAB_API_PATH, async (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const lang: Lang = q.get('lang') === 'zh' ? 'zh' : 'en';
    const caller = await callerOf(req, q, ctx, verifier, clock);
    if ('refused' in caller) {
      ctx().log.info({ reason: caller.refused }, 'Teams tab: sign-in refused');
      return refuse(res, caller.status, caller.refused);
    }
    const tickets = await ticketsOf(ctx(), caller);
    const body = JSON.stringify({ lang, refreshSeconds: TAB_REFRESH_SECONDS, ...tabTickets(tickets, lang) });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  });
}

async function callerOf(req: IncomingMessage, q: URLSearchParams, ctx: () => ChannelContext, verifier: TeamsSsoVerifier | null, clock: () => Date): Promise<Caller | { refused: string; status: 401 | 503 }> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{1,16000})$/.exec(header)?.[1];
    if (!verifier) return { refused: 'not_configured', status: 401 };
    const verdict = await verifier.verify(token);
    return 'refused' in verdict ? verdict : { user: verdict.oid, tenant: verdict.tid };
  }
  if (!q.has('s')) return { refused: 'missing', status: 401 };
  const user = q.get('u') ?? '';
  const valid = validTicketsLink(ctx().secret('teams-tickets-page'), user, Number(q.get('e')), q.get('s') ?? '', clock());
  return valid ? { user, tenant: null } : { refused: 'link', status: 401 };
}

/**
 * The caller's tickets. An SSO caller sees only tickets whose Teams conversation was in the token's tenant: the
 * object id names the user, the tenant binds it to where the bot met them.
 */
async function ticketsOf(ctx: ChannelContext, caller: Caller): Promise<Ticket[]> {
  const person = await ctx.lookup.findUser('teams', caller.user);
  if (!person) return [];
  const tickets = await ctx.lookup.ticketsForUser(person.id, 100);
  if (caller.tenant === null) return tickets;
  const tenantOf = new Map<number, string | undefined>();
  for (const id of new Set(tickets.map((t) => t.conversationId))) {
    tenantOf.set(id, (await ctx.lookup.getConversation(id))?.ref.extra?.tenantId?.toLowerCase());
  }
  return tickets.filter((t) => tenantOf.get(t.conversationId) === caller.tenant);
}
