import { understand, type Understanding } from '../../src/understand';
import type { Lang } from '../../src/types/conversation';

/** A Friday morning in London: the clock every table test resolves deadlines against. */
export const NOW = new Date('2026-12-04T10:00:00Z');

/** understand() with the test clock and an optional conversation language. */
export function read(text: string, conversationLang?: Lang): Understanding {
  return understand(text, { conversationLang, now: NOW, timeZone: 'Europe/London' });
}
