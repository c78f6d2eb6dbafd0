import { ValidationError } from '../errors';
import { compileCheck } from '../http/compiled-check';
import { InboundMessage, MAX_TEXT_LENGTH } from '../types/conversation';
import { isTimeZone } from '../types/time-zone';

/**
 * NUL and the other C0/C1 control characters except tab and line breaks, and the bidirectional embedding,
 * override and isolate controls (U+202A-U+202E, U+2066-U+2069): invisible, they can make text shown to an
 * agent read differently from what it says ("Trojan Source"), and NUL truncates text in some tools.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Inbound text with control and bidi-override characters removed, before it is stored or shown to agents. */
export function cleanInboundText(text: string): string {
  return text.replace(UNSAFE, '');
}

/**
 * InboundMessage's rules compiled into one function: every accepted message of a burst is checked before its
 * acknowledgement, and zod's generic parse, shared with every other schema of the process, cost it several
 * times as much.
 */
const inboundFailure = compileCheck(InboundMessage);

/**
 * A channel's message as the engine stores it, or a ValidationError saying which field does not fit. A copy:
 * the text cleaned (cleanInboundText) and cut to MAX_TEXT_LENGTH (a longer paste, a whole log, still gets an
 * answer), and a time zone this runtime does not know dropped (the desk's is used; the message is kept).
 */
export function checkedInbound(raw: unknown): InboundMessage {
  const failure = inboundFailure(raw);
  if (failure) throw new ValidationError(`inbound message rejected: ${failure.path || 'message'} ${failure.message}`);
  const message = raw as InboundMessage;
  const text = cleanInboundText(message.text);
  const checked = { ...message, text: text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text };
  if (message.user?.timeZone && !isTimeZone(message.user.timeZone)) {
    const { timeZone: _unknown, ...known } = message.user;
    checked.user = known;
  }
  return checked;
}
