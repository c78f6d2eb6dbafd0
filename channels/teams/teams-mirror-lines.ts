import type { Lang } from '../../src/types/conversation';
import type { Ticket, TicketEvent } from '../../src/types/ticket';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const WORDS: Record<Lang, { notFixed: string; confirmed: string; autoClosed: string; rated: string }> = {
  en: { notFixed: 'says it is not fixed, {n} is reopened', confirmed: 'confirmed the fix; {n} is closed.', autoClosed: '{n} was closed automatically: no answer to "Is it fixed?".', rated: 'rated the help' },
  zh: { notFixed: '说问题没有解决，{n} 已重新打开', confirmed: '确认已解决；{n} 已关闭。', autoClosed: '{n} 已自动关闭：用户未回复“问题解决了吗？”。', rated: '评分' },
};

/**
 * The reply under the agents' channel post for a ticket event, or null: what the requester says (their messages,
 * "not fixed", the confirmation, the rating) and what an agent answered them, so the thread reads as the live
 * conversation. Status, owner and priority are on the post's card, updated in place: no line for those.
 * Markdown; the renderer escapes the user's `<`, `>` and `&`.
 */
export function teamsMirrorLine(event: TicketEvent, ticket: Ticket, requesterName: string, agentName: string | null, lang: Lang): string | null {
  const who = `**${oneLine(requesterName)}**`;
  const text = typeof event.data.text === 'string' ? clip(event.data.text, 2800) : '';
  const words = WORDS[lang];
  const n = ticket.number;
  switch (event.kind) {
    case 'user_message':
    case 'user_comment':
      return text ? `💬 ${who}: ${text}` : null;
    case 'agent_reply':
      return text ? `🧑‍💻 **${oneLine(agentName ?? event.actor.replace(/^agent:/, ''))}**: ${text}` : null;
    case 'reopened':
      // An agent's reopen is on the card; the requester's carries their words.
      return event.actor.startsWith('agent:') ? null : `↩️ ${who} ${words.notFixed.replace('{n}', n)}${text ? `: ${text}` : ''}`;
    case 'closed':
      return event.actor.startsWith('agent:') ? null : `✅ ${who} ${words.confirmed.replace('{n}', n)}`;
    case 'auto_closed':
      return `✅ ${words.autoClosed.replace('{n}', n)}`;
    case 'csat': {
      const comment = event.data.comment ? `: ${clip(String(event.data.comment), 500)}` : '';
      return `⭐ ${who} ${words.rated} ${String(event.data.score)}/5${comment}`;
    }
    default:
      return null;
  }
}
