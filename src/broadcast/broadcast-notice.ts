import type { Lang, OutboundMessage } from '../types/conversation';
import type { Broadcast, DeliveryKind } from './broadcast-types';

const LABEL: Record<Lang, Record<DeliveryKind | 'active', string>> = {
  en: { notice: 'IT notice', follow_up: 'IT notice update', active: 'Current IT notice' },
  zh: { notice: 'IT 通知', follow_up: 'IT 通知更新', active: '当前 IT 通知' },
};

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');

/**
 * The message a member receives. Deterministic for (broadcast, kind, lang): a resumed sender recognises a
 * notice it already queued before a crash by comparing this message with the outbox row.
 */
export function noticeMessage(broadcast: Pick<Broadcast, 'text' | 'followUp' | 'incident'>, kind: DeliveryKind, lang: Lang): OutboundMessage {
  const body = kind === 'notice' ? broadcast.text : (broadcast.followUp ?? '');
  const ref = broadcast.incident ? ` (${broadcast.incident})` : '';
  return { kind: 'text', text: `**${LABEL[lang][kind]}${ref}**${colon(lang)}${body}` };
}

/**
 * What to show at the start of a new conversation while broadcasts are active (newest first), or null.
 * The engine prepends it to its first reply.
 */
export function activeBroadcastNotice(active: readonly string[], lang: Lang): OutboundMessage | null {
  if (active.length === 0) return null;
  const lines = active.map((text) => (active.length === 1 ? text : `• ${text}`));
  return { kind: 'text', text: `**${LABEL[lang].active}**${colon(lang)}${active.length === 1 ? '' : '\n'}${lines.join('\n')}` };
}

/**
 * For the engine: put the active-broadcast notice before the replies of the first turn of a conversation
 * (`phaseBefore` = the phase the conversation was in, 'new' for a fresh one). Other turns are returned as they are.
 */
export function prependActiveBroadcasts<T extends { outbound: OutboundMessage[]; lang: Lang }>(decision: T, active: readonly string[], phaseBefore: string): T {
  const notice = phaseBefore === 'new' ? activeBroadcastNotice(active, decision.lang) : null;
  return notice ? { ...decision, outbound: [notice, ...decision.outbound] } : decision;
}
