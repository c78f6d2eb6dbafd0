import { z } from 'zod';
import { Category } from '../types/ticket';

const text = z.object({ en: z.string().min(1), zh: z.string().min(1) });

/** One question of a catalog entry; `extract` reads the answer from the first message when it is there already. */
const Question = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  prompt: text,
  /** A regular expression (case-insensitive) whose first group is the answer, tried on the opening message. */
  extract: z.array(z.string()).default([]),
});

/** Who approves: the requester's manager (directory), the owner of the target group, a named person, or nobody. */
const Approval = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('manager') }),
  z.object({ kind: z.literal('owner') }),
  z.object({ kind: z.literal('named'), email: z.string().email() }),
  /** The first member of a directory group (e.g. software-approvers); the next one on timeout. */
  z.object({ kind: z.literal('group'), group: z.string().min(1) }),
]);

/**
 * How the request is fulfilled: a directory action the bot runs itself (the group name may use answers,
 * e.g. `share-{folder}`), or manual tasks for one or more tier-2 groups.
 */
const Fulfilment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add_member'), group: z.string().min(1) }),
  z.object({ kind: z.literal('remove_member'), group: z.string().min(1) }),
  z.object({ kind: z.literal('unlock') }),
  z.object({ kind: z.literal('reset_password') }),
  z.object({ kind: z.literal('manual'), tasks: z.array(z.object({ group: z.string().min(1), task: text })).min(1) }),
]);

/** A request people can make, as data: how it is recognised, what is asked, who approves, how it is done. */
export const CatalogEntry = z.object({
  id: z.string().regex(/^[a-z-]+$/),
  title: text,
  category: Category,
  /** Regular expressions (case-insensitive) that recognise the request in a first message, English and Chinese. */
  match: z.array(z.string()).min(1),
  questions: z.array(Question).default([]),
  approval: Approval,
  fulfilment: Fulfilment,
  /** Account actions on the requester's own account: identity verification (channel identity + one-time code) instead of approval. */
  verifyIdentity: z.boolean().default(false),
}).superRefine((entry, ctx) => {
  const account = entry.fulfilment.kind === 'unlock' || entry.fulfilment.kind === 'reset_password';
  if (account && !entry.verifyIdentity) ctx.addIssue({ code: 'custom', message: `${entry.id}: account actions need verifyIdentity` });
  if (entry.approval.kind === 'owner' && entry.fulfilment.kind !== 'add_member' && entry.fulfilment.kind !== 'remove_member') {
    ctx.addIssue({ code: 'custom', message: `${entry.id}: an owner approval needs a group to own` });
  }
  for (const re of [...entry.match, ...entry.questions.flatMap((q) => q.extract)]) {
    try {
      new RegExp(re, 'iu');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: bad pattern ${re}: ${(error as Error).message}` });
    }
  }
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;
export type CatalogEntryInput = z.input<typeof CatalogEntry>;

/** Validate the catalog at start-up: a bad entry stops the server with its id and the problem. */
export function validateCatalog(entries: CatalogEntryInput[]): CatalogEntry[] {
  const seen = new Set<string>();
  return entries.map((input) => {
    const parsed = CatalogEntry.safeParse(input);
    if (!parsed.success) throw new Error(`request catalog: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    if (seen.has(parsed.data.id)) throw new Error(`request catalog: ${parsed.data.id} is defined twice`);
    seen.add(parsed.data.id);
    return parsed.data;
  });
}

/** The entry a first message asks for, if any (the first whose pattern matches, in catalog order). */
export function matchCatalog(entries: CatalogEntry[], text: string): CatalogEntry | null {
  return entries.find((e) => e.match.some((re) => new RegExp(re, 'iu').test(text))) ?? null;
}

/** The answers the opening message already gives. */
export function extractAnswers(entry: CatalogEntry, text: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const q of entry.questions) {
    for (const re of q.extract) {
      const found = new RegExp(re, 'iu').exec(text)?.[1]?.trim();
      if (found) {
        answers[q.id] = found;
        break;
      }
    }
  }
  return answers;
}

/** A group name template filled with answers: `share-{folder}` + folder "Finance" → `share-finance`. */
export function fillGroup(template: string, answers: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_m, id: string) => (answers[id] ?? '').trim().toLowerCase().replace(/\s+/g, '-'));
}
