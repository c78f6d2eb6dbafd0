import type { KbHit } from '../engine/turn-types';
import type { Lang } from '../types/conversation';
import { answerSection } from './answer-section';
import type { KnowledgeBase } from './knowledge-base';
import { decideOffer, isActiveSecurityEvent } from './offer-decision';
import { spellFixed } from '../understand/normalize';

/** Builds the web address of an article version. */
export type KbUrlFor = (id: string, lang: Lang) => string;

/** How many hits the offer model sees: the best one and enough runners-up to judge its margin. */
export const OFFER_CANDIDATES = 5;

/**
 * The conversation's knowledge-base step (TurnDeps.kbSearch): search, let the offer model decide which
 * hits to offer, and attach the section of each that answers the message, with `kb:` links made real.
 */
export function offerSearch(kb: KnowledgeBase, said: string, lang: Lang, urlFor: KbUrlFor): KbHit[] {
  // Chat spelling mended first ("pwd expired", "outlok"): the articles are written in whole words.
  const text = spellFixed(said);
  const hits = decideOffer(text, lang, kb.search(text, { limit: OFFER_CANDIDATES, lang }));
  // "pwd expired. in singapore hotel. cant vpn": the first sentence names the problem, the rest is where and what else.
  // "…一直弹'需要重启' 下午3点要演示 怎么把重启推迟到晚上？": the clause that asks is the question.
  const parts = hits.length > 0 || isActiveSecurityEvent(text) ? [] : [firstSentence(text), askingClause(text)].filter((p): p is string => p !== undefined && p !== text);
  let found = hits;
  for (const part of parts) {
    if (found.length > 0) break;
    found = decideOffer(part, lang, kb.search(part, { limit: OFFER_CANDIDATES, lang }));
  }
  return found.map((hit) => {
    const article = kb.get(hit.id, hit.lang);
    const section = article ? answerSection(article, text) : undefined;
    const linked = (line: string) =>
      line.replace(/\]\(kb:([a-z0-9-]+)(?:\?lang=(en|zh))?\)/g, (_m, id: string, to?: Lang) => `](${urlFor(id, to ?? hit.lang)})`);
    const answer = section && {
      heading: section.heading,
      lines: section.lines.map(linked),
      more: section.more,
      ...(section.errorLine ? { errorLine: linked(section.errorLine) } : {}),
    };
    return { id: hit.id, title: hit.title, excerpt: hit.excerpt, url: urlFor(hit.id, hit.lang), lang: hit.lang, ...(answer ? { answer } : {}) };
  });
}

const ASKS = /怎么|怎样|如何|能不能|能否|可不可以|有没有办法|\bhow (?:do|can|could|should|to)\b|\bis there a way\b|\bcan i\b/i;

/** Of a message with several clauses, the one that asks how ("怎么把重启推迟到晚上"), when it says enough on its own. */
function askingClause(text: string): string | undefined {
  const clauses = text.split(/[。！？!?\n；;，,]+|(?<=[\u3400-\u9fff'"’”])\s+(?=[\u3400-\u9fff])/).map((x) => x.trim()).filter(Boolean);
  if (clauses.length < 2) return undefined;
  const asking = clauses.find((c) => ASKS.test(c));
  return asking && ((asking.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 3 || (asking.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 4) ? asking : undefined;
}

/** The first of several sentences when it says something on its own (two words or four Chinese characters), else undefined. */
function firstSentence(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+|(?<=[。！？])\s*|\n+/).map((x) => x.trim()).filter(Boolean);
  if (sentences.length < 2) return undefined;
  const first = sentences[0];
  return (first.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 2 || (first.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 4 ? first : undefined;
}
