import { statusLabel } from '../../src/engine/messages';
import type { Lang } from '../../src/types/conversation';
import type { Ticket } from '../../src/types/ticket';

/** One ticket as the personal tab shows it: words already in the user's language, times as ISO for the browser to localize. */
export type TabTicket = { number: string; summary: string; priority: string; status: string; next: string; due: string | null; updatedAt: string };
/** The tab's list: open tickets (newest first) and the last few finished ones. */
export type TabTickets = { open: TabTicket[]; recent: TabTicket[] };

const FINISHED = new Set(['resolved', 'closed']);
const MAX_OPEN = 50;
const MAX_RECENT = 10;

// What happens next, as the person would say it; `answered` once the service desk has replied (first response given).
const NEXT: Record<string, Record<Lang, string>> = {
  waiting: { en: 'The service desk will get back to you.', zh: '服务台会尽快联系您。' },
  working: { en: 'Someone is working on it.', zh: '工程师正在处理。' },
  escalated: { en: 'A specialist has it and will contact you.', zh: '二线专家已接手，会与您联系。' },
  pending_user: { en: 'We need your answer: reply in your chat with the bot.', zh: '需要您的答复：请在与机器人的聊天中回复。' },
  resolved: { en: 'Please confirm in the chat whether it is fixed.', zh: '请在聊天中确认问题是否已解决。' },
  closed: { en: 'Nothing more to do.', zh: '无需其他操作。' },
};

function nextStep(ticket: Ticket): keyof typeof NEXT {
  if (ticket.status in NEXT) return ticket.status;
  if (ticket.status === 'in_progress') return 'working';
  return ticket.firstResponseAt ? 'working' : 'waiting';
}

/** When the service desk owes the next thing: the response until it is given, then the resolution; none while paused or finished. */
function dueOf(ticket: Ticket): string | null {
  if (FINISHED.has(ticket.status) || ticket.status === 'pending_user') return null;
  return ticket.firstResponseAt ? ticket.resolveDueAt : ticket.responseDueAt;
}

function view(ticket: Ticket, lang: Lang): TabTicket {
  return {
    number: ticket.number, summary: ticket.summary, priority: ticket.priority, status: statusLabel(ticket.status, lang),
    next: NEXT[nextStep(ticket)][lang], due: dueOf(ticket), updatedAt: ticket.updatedAt,
  };
}

/** The person's tickets (newest first) as the tab lists them, in `lang`. */
export function tabTickets(tickets: Ticket[], lang: Lang): TabTickets {
  return {
    open: tickets.filter((t) => !FINISHED.has(t.status)).slice(0, MAX_OPEN).map((t) => view(t, lang)),
    recent: tickets.filter((t) => FINISHED.has(t.status)).slice(0, MAX_RECENT).map((t) => view(t, lang)),
  };
}
