import type { ServerResponse } from 'node:http';
import { DirectoryRefusedError } from '../directory/directory';
import { readBody, SECURITY_HEADERS } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { Store, TurnResult } from '../store/store';
import { commitOnTicket } from '../tickets/ticket-turn';
import type { Lang } from '../types/conversation';
import { tokenHash } from './account-flow';
import type { DirectoryActions } from './directory-actions';
import type { RequestStore } from './request-store';
import { requestSay } from './request-messages';

const TEXT = {
  title: { en: 'Choose a new password', zh: '设置新密码' },
  password: { en: 'New password', zh: '新密码' },
  confirm: { en: 'The same password again', zh: '再次输入新密码' },
  submit: { en: 'Set password', zh: '设置密码' },
  rule: { en: 'At least {n} characters. It goes straight to the directory: the chat, the service desk and its logs never see it.', zh: '至少 {n} 个字符。密码直接写入目录，聊天记录、服务台和日志都不会看到它。' },
  gone: { en: 'This page has expired or was used already. Ask the service desk chat again.', zh: '此页面已过期或已使用，请在服务台聊天中重新申请。' },
  short: { en: 'The password is too short.', zh: '密码太短。' },
  mismatch: { en: 'The two passwords differ.', zh: '两次输入的密码不一致。' },
  refused: { en: 'The directory refused this password (its policy): choose another.', zh: '目录拒绝了此密码（密码策略），请换一个。' },
  down: { en: 'The directory is not answering: nothing was changed. Try again in a few minutes; this page stays valid until it expires.', zh: '目录服务无响应，未做任何更改。请几分钟后重试，本页面在过期前仍然有效。' },
  done: { en: 'Your password has been changed. You can close this page.', zh: '密码已修改，可以关闭此页面。' },
} as const;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, lang: Lang, body: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${TEXT.title[lang]}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0}input{padding:.5rem}.error{color:#b00020}</style></head><body><h1>${TEXT.title[lang]}</h1>${body}</body></html>`);
}

function form(lang: Lang, minLength: number, error?: string): string {
  return `${error ? `<p class="error">${escape(error)}</p>` : ''}<p>${TEXT.rule[lang].replace('{n}', String(minLength))}</p>
<form method="post" autocomplete="off"><label>${TEXT.password[lang]}<input type="password" name="password" autocomplete="new-password" minlength="${minLength}" required></label>
<label>${TEXT.confirm[lang]}<input type="password" name="confirm" autocomplete="new-password" minlength="${minLength}" required></label><button type="submit">${TEXT.submit[lang]}</button></form>`;
}

/** Parts of the one-time password page. */
export type ResetPageOptions = { store: Store; requests: RequestStore; actions: DirectoryActions; clock: () => Date; log: Logger; minLength: number; announce: (result: TurnResult) => void };

/**
 * `/reset/:token`: the page where a verified person sets their own new password. The password goes from
 * the browser to the directory in one request and is kept nowhere: not in the transcript, the outbox, the
 * ticket or a log line. The token is stored only as a hash, works once, for 15 minutes; a submit claims it
 * so two tabs cannot both use it, and a directory failure releases it (nothing half-done, try again).
 */
export function mountResetPage(router: HttpRouter, o: ResetPageOptions): void {
  const langOf = async (ticketId: number): Promise<Lang> => (await o.store.getTicket(ticketId))?.lang ?? 'en';
  router.add('GET', '/reset/:token', async (_req, res, params) => {
    const now = o.clock();
    const row = await o.requests.token(tokenHash(params.token ?? ''), now.toISOString());
    if (!row) return page(res, 404, 'en', `<p>${TEXT.gone.en}</p><p>${TEXT.gone.zh}</p>`);
    const lang = await langOf(row.ticketId);
    page(res, 200, lang, form(lang, o.minLength));
  });
  router.add('POST', '/reset/:token', async (req, res, params) => {
    const now = o.clock();
    const hash = tokenHash(params.token ?? '');
    const body = new URLSearchParams((await readBody(req, 8192)).toString('utf8'));
    const row = await o.requests.token(hash, now.toISOString());
    if (!row) return page(res, 404, 'en', `<p>${TEXT.gone.en}</p><p>${TEXT.gone.zh}</p>`);
    const lang = await langOf(row.ticketId);
    const password = body.get('password') ?? '';
    if (password.length < o.minLength) return page(res, 400, lang, form(lang, o.minLength, TEXT.short[lang]));
    if (password !== body.get('confirm')) return page(res, 400, lang, form(lang, o.minLength, TEXT.mismatch[lang]));
    if (!(await o.requests.claimToken(hash, now.toISOString(), new Date(now.getTime() - 60_000).toISOString()))) return page(res, 409, lang, `<p>${TEXT.gone[lang]}</p>`);
    let used = false;
    try {
      // The lookup and the change are one audited action: whichever the directory fails, it is on the trail.
      await o.actions.run(now, `reset-page:${row.ticketId}`, 'reset_password', row.personDn, row.ticketId, async () => {
        const person = await o.actions.directory.get(row.personDn);
        if (!person) throw new DirectoryRefusedError('the entry vanished');
        await o.actions.directory.setPassword(person, password);
      });
      used = true;
    } catch (error) {
      o.log.warn({ ticketId: row.ticketId, code: (error as { code?: string }).code }, 'password page: directory refused or unavailable');
      const refused = error instanceof DirectoryRefusedError;
      return page(res, refused ? 422 : 503, lang, form(lang, o.minLength, refused ? TEXT.refused[lang] : TEXT.down[lang]));
    } finally {
      await o.requests.finishToken(hash, used, now.toISOString());
    }
    const result = await commitOnTicket(o.store, row.ticketId, 'self-service', now, ({ ticket, conversation }) => ({
      fields: { status: 'closed', resolvedAt: now.toISOString(), closedAt: now.toISOString() },
      events: [{ kind: 'fulfilled', data: { action: 'reset_password', directory: 'password replaced' } }, { kind: 'resolved', data: { note: 'password set by the person on the one-time page' } }],
      outbound: [{ kind: 'text', text: requestSay(conversation.lang, 'resetDone', { ticket: ticket.number }) }],
      phase: 'awaiting_description',
    })).catch((err) => {
      o.log.error({ err, ticketId: row.ticketId }, 'password changed but the ticket could not be updated');
      return null;
    });
    if (result) o.announce(result);
    page(res, 200, lang, `<p>${TEXT.done[lang]}</p>`);
  });
}
