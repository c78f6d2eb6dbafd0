import type { Lang } from './types/conversation';
import { detectLanguage, stickyLanguage, hasLanguageSignal as signal } from './understand/lang';

/**
 * The language of a text (src/understand decides). With the conversation's language as `fallback`
 * the answer is sticky: only a clear sentence in the other language switches it, never an address,
 * a code, a number or a product name.
 */
export function detectLang(text: string, fallback?: Lang): Lang {
  return fallback ? stickyLanguage(text, fallback) : detectLanguage(text);
}

/** Whether the text has enough letters to tell its language (not "1", "ok?" or an emoji). */
export function hasLanguageSignal(text: string): boolean {
  return signal(text);
}
