import fs from 'node:fs';
import { z } from 'zod';
import { priorityRank } from '../tickets/priority';
import { Category, Priority, TicketType } from '../types/ticket';
import { Lang } from '../types/conversation';

/** One labelled message of the priority set (labelled from ITIL guidance, not from the bot's outputs). */
export const PriorityLabel = z.object({ text: z.string().min(1), lang: Lang, priority: Priority, category: Category.optional(), type: TicketType.optional() }).passthrough();
export type PriorityLabel = z.infer<typeof PriorityLabel>;

/** Exact match, P1/P2 recall, how many P1/P2 messages were rated P4 or P5, and type and category accuracy. */
export type PriorityFigures = {
  messages: number; exact: number; withinOne: number; highRecall: number; highAsLow: number;
  typeAccuracy: number; categoryAccuracy: number;
  byLang: Record<string, { messages: number; exact: number }>;
  misses: { text: string; want: string; got: string }[];
};

/** What the first assessment says of a message. */
export type PriorityJudgement = { priority: Priority; type: TicketType; category: Category };

/** Read the JSONL priority set; a bad line stops with its number. */
export function loadPriorityLabels(file: string): PriorityLabel[] {
  return fs.readFileSync(file, 'utf8').split('\n').map((line, i) => [line, i] as const).filter(([line]) => line.trim()).map(([line, i]) => {
    const parsed = PriorityLabel.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}


/** Rate every message with `judge` (the conversation's own first assessment) and compare. */
export function evaluatePriority(labels: PriorityLabel[], judge: (text: string) => PriorityJudgement): PriorityFigures {
  let exact = 0; let withinOne = 0; let high = 0; let highHit = 0; let highAsLow = 0;
  const kind = { typed: 0, typeHit: 0, categorised: 0, categoryHit: 0 };
  const byLang: PriorityFigures['byLang'] = {};
  const misses: PriorityFigures['misses'] = [];
  for (const label of labels) {
    const judged = judge(label.text);
    const got = judged.priority;
    const lang = (byLang[label.lang] ??= { messages: 0, exact: 0 });
    lang.messages++;
    const wrong: string[] = [];
    if (got === label.priority) { exact++; lang.exact++; } else wrong.push(`${label.priority}→${got}`);
    if (label.type) { kind.typed++; if (judged.type === label.type) kind.typeHit++; else wrong.push(`${label.type}→${judged.type}`); }
    if (label.category) { kind.categorised++; if (judged.category === label.category) kind.categoryHit++; else wrong.push(`${label.category}→${judged.category}`); }
    if (wrong.length > 0) misses.push({ text: label.text, want: label.priority, got: wrong.join(' ') });
    if (Math.abs(priorityRank(got) - priorityRank(label.priority)) <= 1) withinOne++;
    if (priorityRank(label.priority) <= 2) {
      high++;
      if (priorityRank(got) <= 2) highHit++;
      if (priorityRank(got) >= 4) highAsLow++;
    }
  }
  const ratio = (n: number, d: number) => (d ? Number((n / d).toFixed(3)) : 0);
  for (const l of Object.values(byLang)) l.exact = ratio(l.exact, l.messages);
  return {
    messages: labels.length, exact: ratio(exact, labels.length), withinOne: ratio(withinOne, labels.length), highRecall: ratio(highHit, high), highAsLow,
    typeAccuracy: ratio(kind.typeHit, kind.typed), categoryAccuracy: ratio(kind.categoryHit, kind.categorised), byLang, misses,
  };
}
