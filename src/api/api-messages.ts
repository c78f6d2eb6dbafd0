import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What the requester is told about a ticket logged for them through the API, in both languages. */
const API_MESSAGES = {
  loggedForYou: {
    en: 'The service desk logged **{ticket}** for you: {summary}. Reply here to add anything; it goes to the ticket.',
    zh: '服务台已为您登记工单 **{ticket}**：{summary}。如需补充，直接在此回复，内容会加入工单。',
  },
} as const;

/** One API notice in the user's language. */
export function apiSay(lang: Lang, key: keyof typeof API_MESSAGES, params: Record<string, string>): string {
  return fill(API_MESSAGES[key][lang], params);
}
