import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { Category, TicketType } from '../types/ticket';
import { parseCsvRecords } from './csv';

/** One labelled training message. */
export const TrainingExample = z.object({
  text: z.string().min(1),
  category: Category,
  type: TicketType,
});
export type TrainingExample = z.infer<typeof TrainingExample>;

/** Where the examples shipped with the product live (works from src/ under ts-jest and from dist/). */
export function shippedExamplesPath(): string {
  const candidates = [
    join(__dirname, 'data', 'examples.jsonl'),
    // Compiled code runs from dist/src/classify; tsc does not copy .jsonl files.
    join(__dirname, '..', '..', '..', 'src', 'classify', 'data', 'examples.jsonl'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Shipped examples not found (looked in ${candidates.join(', ')}): restore src/classify/data/examples.jsonl`);
  return found;
}

/** Parse training examples from JSONL (`{text, category, type}` a line) or CSV (header text,category,type). */
export function parseExamples(content: string, format: 'jsonl' | 'csv', source = 'input'): TrainingExample[] {
  const raw: unknown[] = format === 'csv'
    ? parseCsvRecords(content)
    : content.split('\n').map((l) => l.trim()).filter(Boolean).map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`${source} line ${i + 1} is not JSON: write one {"text","category","type"} object a line`);
      }
    });
  return raw.map((row, i) => {
    const parsed = TrainingExample.safeParse(normalise(row));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${source} row ${i + 1}: ${issue.path.join('.') || 'row'} ${issue.message} (categories: ${Category.options.join(', ')}; types: ${TicketType.options.join(', ')})`);
    }
    return parsed.data;
  });
}

// Exports from other desks write "Service Request" or "Email"; accept those spellings.
function normalise(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  const r = row as Record<string, unknown>;
  const clean = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/[\s-]+/g, '_') : v);
  return { ...r, category: clean(r.category), type: clean(r.type) };
}

/** Read a JSONL or CSV examples file, choosing the format by extension. */
export function readExamplesFile(path: string): TrainingExample[] {
  const format = extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
  return parseExamples(readFileSync(path, 'utf8'), format, path);
}

/** The examples shipped in src/classify/data/examples.jsonl. */
export function shippedExamples(): TrainingExample[] {
  return readExamplesFile(shippedExamplesPath());
}
