import fs from 'node:fs';
import { z } from 'zod';
import { priorityRank } from '../tickets/priority';
import { Priority } from '../types/ticket';
import { Lang } from '../types/conversation';

/** One labelled message of the priority set (labelled from ITIL guidance, not from the bot's outputs). */
export const PriorityLabel = z.object({ text: z.string().min(1), lang: Lang, priority: Priority }).passthrough();
export type PriorityLabel = z.infer<typeof PriorityLabel>;

/** Exact match, P1/P2 recall, and how many P1/P2 messages were rated P4 or P5. */
export type PriorityFigures = {
  messages: number; exact: number; withinOne: number; highRecall: number; highAsLow: number;
  byLang: Record<string, { messages: number; exact: number }>;
  misses: { text: string; want: string; got: string }[];
};

/** Read the JSONL priority set; a bad line stops with its number. */
export function loadPriorityLabels(file: string): PriorityLabel[] {
  return fs.readFileSync(file, 'utf8').split('\n').map((line, i) => [line, i] as const).filter(([line]) => line.trim()).map(([line, i]) => {
    const parsed = PriorityLabel.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}


/** Rate every message with `judge` (the conversation's own first assessment) and compare. */
export function evaluatePriority(labels: PriorityLabel[], judge: (text: string) => Priority): PriorityFigures {
  let exact = 0; let withinOne = 0; let high = 0; let highHit = 0; let highAsLow = 0;
  const byLang: PriorityFigures['byLang'] = {};
  const misses: PriorityFigures['misses'] = [];
  for (const label of labels) {
    const got = judge(label.text);
    const lang = (byLang[label.lang] ??= { messages: 0, exact: 0 });
    lang.messages++;
    if (got === label.priority) { exact++; lang.exact++; } else misses.push({ text: label.text, want: label.priority, got });
    if (Math.abs(priorityRank(got) - priorityRank(label.priority)) <= 1) withinOne++;
    if (priorityRank(label.priority) <= 2) {
      high++;
      if (priorityRank(got) <= 2) highHit++;
      if (priorityRank(got) >= 4) highAsLow++;
    }
  }
  const ratio = (n: number, d: number) => (d ? Number((n / d).toFixed(3)) : 0);
  for (const l of Object.values(byLang)) l.exact = ratio(l.exact, l.messages);
  return { messages: labels.length, exact: ratio(exact, labels.length), withinOne: ratio(withinOne, labels.length), highRecall: ratio(highHit, high), highAsLow, byLang, misses };
}
