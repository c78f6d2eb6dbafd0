import { say } from '../engine/messages';
import type { KbHit } from '../engine/turn-types';
import type { Lang, OutboundMessage } from '../types/conversation';

type Card = Extract<OutboundMessage, { kind: 'card' }>;

// The card's own wording; the shared yes/no texts come from engine/messages.
const TEXT = {
  onlyOtherLang: {
    en: 'This article is only available in Chinese; here it is as written.',
    zh: '这篇文章暂时只有英文版，以下为英文原文。',
  },
  yourError: { en: 'About your error:', zh: '关于您遇到的错误：' },
  more: { en: '… more steps in the full article.', zh: '……更多步骤见完整文章。' },
  alsoSee: { en: 'Also see:', zh: '另请参阅：' },
  fullArticle: { en: 'Full article: {title}', zh: '查看全文：{title}' },
} satisfies Record<string, Record<Lang, string>>;

const CARD_TITLE_MAX = 300;

function answerText(hit: KbHit, lang: Lang): string[] {
  const blocks: string[] = [];
  if (hit.lang !== undefined && hit.lang !== lang) blocks.push(`_${TEXT.onlyOtherLang[lang]}_`);
  const answer = hit.answer;
  if (!answer) return [...blocks, hit.excerpt];
  if (answer.errorLine) blocks.push(`${TEXT.yourError[lang]}\n${answer.errorLine}`);
  // Heading and steps in one block: mail renders "heading + numbered lines" as a heading and a list.
  blocks.push([`**${answer.heading}**`, ...answer.lines].join('\n'));
  if (answer.more) blocks.push(TEXT.more[lang]);
  return blocks;
}

/**
 * The knowledge-base offer: the best article's matching section (heading, steps, the line about the
 * user's error code), a note when it exists only in the other language, any runner-up by title, a link
 * to each full article and the "Did this solve it?" choices.
 */
export function buildKbOffer(hits: readonly KbHit[], lang: Lang): Card {
  const [best, ...others] = hits;
  const blocks = best ? answerText(best, lang) : [];
  if (others.length > 0) blocks.push([TEXT.alsoSee[lang], ...others.map((h) => `- **${h.title}**`)].join('\n'));
  blocks.push(say(lang, 'kbQuestion'));
  const title = best ? best.title : say(lang, 'kbOfferTitle');
  return {
    kind: 'card',
    title: title.length > CARD_TITLE_MAX ? `${title.slice(0, CARD_TITLE_MAX - 1)}…` : title,
    text: blocks.join('\n\n'),
    fields: [],
    links: hits.map((h) => ({ label: TEXT.fullArticle[lang].replace('{title}', h.title), url: h.url })),
    choices: [{ value: 'yes', label: say(lang, 'kbYes') }, { value: 'no', label: say(lang, 'kbNo') }],
  };
}
