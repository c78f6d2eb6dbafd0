import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { detectLang } from '../lang';
import type { Lang } from '../types/conversation';
import type { Category, TicketType } from '../types/ticket';
import { shippedExamples, type TrainingExample } from './examples';
import {
  DEFAULT_TEXT_OPTIONS, lazyTokens, predictHead, trainHead, type Prediction, type TextClassifierOptions,
} from './text-classifier';
import { tokenize } from './tokenize';
import { Vectorizer } from './vectorizer';

/**
 * Below this calibrated confidence the bot should ask the user to pick the category (or type)
 * instead of guessing. On 5-fold held-out shipped examples (`frontdesk eval classify`,
 * shippedExamples) about 70% of messages clear it and ~83% of those are right, against ~72% overall.
 */
export const RECOMMENDED_CONFIDENCE_THRESHOLD = 0.5;

const Head = z.object({
  labels: z.array(z.string()).min(2),
  dim: z.number().int().nonnegative(),
  weights: z.array(z.number()),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
}).refine((h) => h.weights.length === h.dim * h.labels.length && h.bias.length === h.labels.length, 'weights do not match labels x features');

/** The saved model file (JSON). */
export const SavedModel = z.object({
  format: z.literal('frontdesk-classifier'),
  version: z.literal(1),
  trainedAt: z.string(),
  examples: z.number().int(),
  tokens: z.object({ bigrams: z.boolean(), charNgrams: z.tuple([z.number(), z.number()]).nullable() }),
  vectorizer: z.object({ vocab: z.array(z.string()), idf: z.array(z.number()) }),
  category: Head,
  type: Head,
}).refine((m) => m.category.dim === m.vectorizer.vocab.length && m.type.dim === m.vectorizer.vocab.length, 'heads do not match the vocabulary');
export type SavedModel = z.infer<typeof SavedModel>;

/** What {@link TicketClassifier.classify} returns. `confidence` values are calibrated probabilities in [0, 1]. */
export type Classification = {
  category: Category;
  type: TicketType;
  confidence: { category: number; type: number };
  lang: Lang;
  /** True when either confidence is below the recommended threshold: offer the user a choice. */
  uncertain: boolean;
};

/** Category + type classifier for helpdesk messages in English and Chinese. */
export class TicketClassifier {
  private readonly vectorizer: Vectorizer;

  constructor(readonly model: SavedModel, readonly threshold = RECOMMENDED_CONFIDENCE_THRESHOLD) {
    this.vectorizer = new Vectorizer(model.vectorizer);
  }

  /** Classify one message. */
  classify(text: string): Classification {
    const tokens = tokenize(text, this.model.tokens);
    const x = this.vectorizer.transform(tokens);
    const known = this.knownWordShare(tokens);
    const category = shrink(predictHead(this.model.category, x), known);
    const type = shrink(predictHead(this.model.type, x), known);
    return {
      category: category.label as Category,
      type: type.label as TicketType,
      confidence: { category: round(category.confidence), type: round(type.confidence) },
      lang: detectLang(text),
      uncertain: category.confidence < this.threshold || type.confidence < this.threshold,
    };
  }

  // Share of whole words (not character n-grams) the model has seen: gibberish and off-topic text
  // shares a few character n-grams with real tickets, which alone should not make the model sure.
  private knownWordShare(tokens: string[]): number {
    const words = tokens.filter((t) => t.startsWith('w:') || t.startsWith('z:'));
    if (words.length === 0) return 0;
    return words.filter((t) => this.vectorizer.has(t)).length / words.length;
  }
}

/** Mix the distribution with uniform in proportion to the unknown words (a documented heuristic). */
function shrink(p: Prediction, known: number): Prediction {
  const k = Object.keys(p.probabilities).length;
  const mix = (v: number) => known * v + (1 - known) / k;
  const probabilities = Object.fromEntries(Object.entries(p.probabilities).map(([l, v]) => [l, mix(v)]));
  return { label: p.label, confidence: mix(p.confidence), probabilities };
}

function round(p: number): number {
  return Math.round(p * 1e4) / 1e4;
}

/** Training stages reported to a progress callback, in order. */
export const TRAINING_STAGES = ['features', 'category', 'type'] as const;
/** Called after each training stage (done of total). */
export type TrainingProgress = (done: number, total: number, stage: (typeof TRAINING_STAGES)[number]) => void;

/** Train a model from labelled examples (both heads share one vocabulary). */
export function trainModel(examples: TrainingExample[], options: Partial<TextClassifierOptions> = {}, onProgress?: TrainingProgress): SavedModel {
  if (examples.length < 10) throw new Error(`Training needs at least 10 examples, got ${examples.length}: add more rows`);
  const opts = { ...DEFAULT_TEXT_OPTIONS, ...options };
  const step = (i: number) => onProgress?.(i + 1, TRAINING_STAGES.length, TRAINING_STAGES[i]);
  const { vectorizer, xs } = Vectorizer.fitTransform(lazyTokens(examples.map((e) => e.text), opts.tokens), opts.vectorizer);
  step(0);
  const compact = (h: ReturnType<typeof trainHead>) => ({
    ...h,
    // Five significant digits keep the file small without changing a single prediction in practice.
    weights: h.weights.map((w) => Number(w.toPrecision(5))),
    bias: h.bias.map((b) => Number(b.toPrecision(5))),
  });
  const category = compact(trainHead(xs, examples.map((e) => e.category), vectorizer.size, opts));
  step(1);
  const type = compact(trainHead(xs, examples.map((e) => e.type), vectorizer.size, opts));
  step(2);
  return {
    format: 'frontdesk-classifier',
    version: 1,
    trainedAt: new Date().toISOString(),
    examples: examples.length,
    tokens: opts.tokens,
    vectorizer: vectorizer.state,
    category,
    type,
  };
}

/** Write a model as JSON, creating the folder. */
export function saveModel(model: SavedModel, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(model));
}

/** Read and validate a saved model. */
export function loadModel(path: string): SavedModel {
  const parsed = SavedModel.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path} is not a Frontdesk classifier model (${parsed.error.issues[0].message}): retrain it with \`frontdesk train --data FILE --out ${path}\``);
  }
  return parsed.data;
}

/** Load the model at modelPath when that file exists, else train on the shipped examples (~100 ms). */
export function loadOrTrainDefault(modelPath?: string): TicketClassifier {
  if (modelPath && existsSync(modelPath)) return new TicketClassifier(loadModel(modelPath));
  // Training on the shipped examples is deterministic: do it once per process (tests start many apps).
  shippedModel ??= trainModel(shippedExamples());
  return new TicketClassifier(shippedModel);
}

let shippedModel: SavedModel | undefined;
