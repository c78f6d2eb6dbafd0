import type { Lang } from './types/conversation';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * Guess the language of a message. Chinese users mix in Latin product names ("VPN", "Outlook"),
 * so any run of Han characters that outweighs the Latin words makes it Chinese.
 */
export function detectLang(text: string, fallback: Lang = 'en'): Lang {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && latin === 0) return fallback;
  return han >= Math.max(1, latin) ? 'zh' : 'en';
}

/** Whether the text has enough letters to tell its language (not "1", "ok?" or an emoji). */
export function hasLanguageSignal(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text) || /[A-Za-z]{3,}/.test(text);
}
