import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { HttpRouter } from '../../src/http/router';
import type { ChannelContext } from '../../src/types/channel';
import type { Lang } from '../../src/types/conversation';
import { tabTickets, type TabTicket } from './teams-tab-tickets';

/** Path of the "My tickets" page a Teams user opens from the bot's signed link. */
export const TEAMS_TICKETS_PATH = '/teams/my-tickets';
/** How long a link works: long enough to keep in the chat, short enough that a forwarded one dies. */
const LINK_DAYS = 30;

const sign = (key: Buffer, user: string, expires: number) => createHmac('sha256', key).update(`${user}\n${expires}`).digest('base64url');

/** Whether `signature` is the installation's signature of `user`'s link expiring at `expires` (epoch seconds), still valid at `now`. */
export function validTicketsLink(key: Buffer, user: string, expires: number, signature: string, now: Date): boolean {
  if (user.length === 0 || user.length > 200 || !Number.isInteger(expires) || expires * 1000 <= now.getTime()) return false;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(sign(key, user, expires));
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The signed link to `user`'s ticket page (`user`: their Teams user key, the conversation ref's userId). */
export function ticketsLink(publicUrl: string, key: Buffer, user: string, lang: Lang, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + LINK_DAYS * 86_400;
  const query = new URLSearchParams({ u: user, e: String(expires), s: sign(key, user, expires), l: lang });
  return `${publicUrl.replace(/\/+$/, '')}${TEAMS_TICKETS_PATH}?${query}`;
}

const WORDS = {
  en: { title: 'My IT tickets', open: 'Open', recent: 'Recently finished', none: 'No tickets.', updated: 'updated', bad: 'This link is not valid or has expired: ask the bot for your tickets again (type "status").' },
  zh: { title: '我的 IT 工单', open: '处理中', recent: '最近完成', none: '没有工单。', updated: '更新于', bad: '此链接无效或已过期：请在聊天中再次向机器人查询工单（输入“状态”）。' },
} as const;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /teams/my-tickets: the person's open and recently finished tickets, for whoever holds a link signed with the
 * installation's secret for them (the bot hands it out; no Teams SSO needed). A missing, altered or expired
 * signature is a 403 that says nothing about the user.
 */
export function mountTicketsPage(router: HttpRouter, ctx: () => ChannelContext, clock: () => Date = () => new Date()): void {
  router.add('GET', TEAMS_TICKETS_PATH, async (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const lang: Lang = q.get('l') === 'zh' ? 'zh' : 'en';
    const user = q.get('u') ?? '';
    const expires = Number(q.get('e'));
    if (!validTicketsLink(ctx().secret('teams-tickets-page'), user, expires, q.get('s') ?? '', clock())) {
      ctx().log.info('Teams tickets page: link refused');
      return page(res, 403, lang, `<p class="bad">${escape(WORDS[lang].bad)}</p>`);
    }
    const person = await ctx().lookup.findUser('teams', user);
    const tickets = person ? await ctx().lookup.ticketsForUser(person.id, 60) : [];
    // The same lists, status words and next steps as the personal tab.
    const { open, recent } = tabTickets(tickets, lang);
    const w = WORDS[lang];
    page(res, 200, lang, `<h2>${w.open}</h2>${list(open, lang)}<h2>${w.recent}</h2>${list(recent, lang)}`);
  });
}

function list(tickets: TabTicket[], lang: Lang): string {
  if (tickets.length === 0) return `<p>${WORDS[lang].none}</p>`;
  const rows = tickets.map((t) => `<li data-ticket="${escape(t.number)}"><b>${escape(t.number)}</b> · ${escape(t.priority)} · ${escape(t.status)}<br>${escape(t.summary)}<br>${escape(t.next)}<br><small>${WORDS[lang].updated} ${escape(t.updatedAt.slice(0, 16).replace('T', ' '))} UTC</small></li>`);
  return `<ul>${rows.join('')}</ul>`;
}

function page(res: ServerResponse, status: number, lang: Lang, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff',
    // Teams may show it as a tab: only Teams frames it.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
  });
  res.end(`<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${status === 200 ? '<meta http-equiv="refresh" content="60">' : ''}<title>${WORDS[lang].title}</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1rem;max-width:48rem}li{margin:.5rem 0;list-style:none}.bad{color:#a00}</style></head>
<body><h1>${WORDS[lang].title}</h1>${body}</body></html>`);
}
