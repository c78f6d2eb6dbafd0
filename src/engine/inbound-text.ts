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
