import type { OutboundMessage } from '../types/conversation';

/**
 * A turn's replies as one message, for channels where each message is a mail: the texts before it go on
 * top of the one message with a body of its own (a form, an article card, a choice). Two such messages
 * stay apart, since one mail cannot ask two things.
 */
export function oneMessagePerTurn(outbound: OutboundMessage[]): OutboundMessage[] {
  if (outbound.length < 2) return outbound;
  const rich = outbound.filter((m) => m.kind !== 'text');
  if (rich.length > 1) return outbound;
  const texts = outbound.filter((m) => m.kind === 'text').map((m) => m.text);
  const main = rich[0];
  if (!main) return [{ kind: 'text', text: texts.join('\n\n') }];
  const before = outbound.slice(0, outbound.indexOf(main)).map((m) => m.text);
  const after = outbound.slice(outbound.indexOf(main) + 1).map((m) => m.text);
  return [{ ...main, text: [...before, main.text, ...after].join('\n\n') }];
}
