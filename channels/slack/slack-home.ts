import { statusLabel } from '../../src/engine/messages';
import type { Lang } from '../../src/types/conversation';
import type { Ticket } from '../../src/types/ticket';
import type { SlackBlock } from './slack-blocks';
import { escapeMrkdwn } from './slack-format';
import { surfaceText } from './slack-surface-text';

/** action_id of the App Home's "New ticket" button: it opens the new-ticket modal. */
export const HOME_NEW_TICKET_ACTION = 'fd_home_new';

const FINISHED = new Set(['resolved', 'closed']);
// A Home tab holds at most 100 blocks: header, button, hint and two per ticket stay well under it.
const MAX_OPEN = 40;
const MAX_FINISHED = 5;

/** Slack renders `<!date^…>` in the viewer's own time zone and locale; the fallback is for clients that cannot. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}

function ticketLine(ticket: Ticket, lang: Lang): string {
  const details = surfaceText('homeLine', lang, { status: statusLabel(ticket.status, lang), priority: ticket.priority, updated: slackDate(ticket.updatedAt) });
  return `*${ticket.number}* · ${escapeMrkdwn(ticket.summary)}\n${details}`;
}

/**
 * The user's App Home tab: their open tickets (newest first) with status, priority and last update, a
 * "New ticket" button, and the last few finished ones. `tickets` are the user's, newest first.
 */
export function homeView(tickets: Ticket[], lang: Lang): Record<string, unknown> {
  const open = tickets.filter((t) => !FINISHED.has(t.status)).slice(0, MAX_OPEN);
  const finished = tickets.filter((t) => FINISHED.has(t.status)).slice(0, MAX_FINISHED);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: surfaceText('homeTitle', lang) } },
    { type: 'actions', block_id: 'fd_home_actions', elements: [{ type: 'button', action_id: HOME_NEW_TICKET_ACTION, style: 'primary', text: { type: 'plain_text', text: surfaceText('homeNew', lang) }, value: 'new' }] },
  ];
  if (open.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: surfaceText('homeNone', lang) } });
  for (const ticket of open) blocks.push({ type: 'section', block_id: `fd_ticket_${ticket.number}`, text: { type: 'mrkdwn', text: ticketLine(ticket, lang) } }, { type: 'divider' });
  if (finished.length > 0) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: surfaceText('homeRecent', lang) } });
    for (const ticket of finished) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ticketLine(ticket, lang) }] });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: surfaceText('homeHint', lang) }] });
  return { type: 'home', callback_id: 'fd_home', blocks };
}
