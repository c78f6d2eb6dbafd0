import { z } from 'zod';
import { Category, TicketType } from '../types/ticket';
import { Lang } from '../types/conversation';

/** A text in both languages the bot speaks. */
export const LocalText = z.object({ en: z.string().min(1).max(2000), zh: z.string().min(1).max(2000) });
export type LocalText = z.infer<typeof LocalText>;

/** Kinds of answer a slot accepts; each has a parser in slot-types.ts. */
export const SlotType = z.enum(['text', 'choice', 'datetime', 'yesno', 'email', 'freetext']);
export type SlotType = z.infer<typeof SlotType>;

/** Names of the prefill extractors in extract.ts. */
export const ExtractorName = z.enum([
  'since', 'date', 'error', 'impact', 'urgency', 'device', 'application', 'email', 'problem', 'choices',
  'location', 'phone', 'approver', 'manager', 'new_hire', 'deadline', 'security', 'beneficiary',
]);
export type ExtractorName = z.infer<typeof ExtractorName>;

/** Profile fields a channel may already know, so their slots are never asked. */
export const ProfileField = z.enum(['name', 'email', 'department', 'phone']);
export type ProfileField = z.infer<typeof ProfileField>;

/** Facts src/understand reads from any message, which a slot's `when` can test. */
export const FactName = z.enum(['device', 'devices', 'location', 'spot', 'application', 'security', 'howTo', 'scope', 'approval']);
export type FactName = z.infer<typeof FactName>;

/** A slot applies when an earlier slot has one of these answers. */
const SlotCondition = z.object({ slot: z.string().min(1), equals: z.union([z.string(), z.array(z.string()).min(1)]) }).strict();
/**
 * A slot applies depending on a fact stated anywhere in the conversation: the fact's value is `in` the
 * list, or not in `notIn`. While the fact is unknown the slot applies unless `ifUnknown` is false.
 * `known: false` applies the slot only while the fact is unsaid (no "which printer?" once they named its spot).
 */
const FactCondition = z.object({
  fact: FactName,
  in: z.array(z.string().min(1)).min(1).optional(),
  notIn: z.array(z.string().min(1)).min(1).optional(),
  ifUnknown: z.boolean().optional(),
  known: z.boolean().optional(),
}).strict();
/** One condition of a slot's `when`. */
export const SlotWhen = z.union([SlotCondition, FactCondition]);
export type SlotWhen = z.infer<typeof SlotWhen>;

/** One option of a choice slot. */
export const ChoiceDef = z.object({
  value: z.string().min(1).max(100).regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and _'),
  label: LocalText,
  /** Other ways users say it, in either language. */
  synonyms: z.array(z.string().min(1)).optional(),
  /** How the answer reads inside a one-line summary ("whole team affected"); defaults to the label. */
  summary: LocalText.optional(),
});
export type ChoiceDef = z.infer<typeof ChoiceDef>;

/** One question of a dialog. */
export const SlotDef = z
  .object({
    id: z.string().min(1).max(60).regex(/^[a-z][a-z0-9_]*$/, 'use snake_case starting with a letter'),
    type: SlotType,
    /** Short name of the answer, used in summaries, forms and ticket descriptions. */
    label: LocalText,
    prompt: LocalText,
    retry: LocalText,
    choices: z.array(ChoiceDef).min(2).max(20).optional(),
    optional: z.boolean().optional(),
    maxRetries: z.number().int().min(1).max(10).optional(),
    extract: ExtractorName.optional(),
    profile: ProfileField.optional(),
    /** When the slot applies: one condition or several that must all hold. */
    when: z.union([SlotWhen, z.array(SlotWhen).min(1)]).optional(),
  })
  .strict()
  .superRefine((slot, ctx) => {
    if (slot.type === 'choice' && !slot.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice slot needs at least two choices' });
    }
    if (slot.type !== 'choice' && slot.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `choices only belong on a choice slot, not ${slot.type}` });
    }
  });
export type SlotDef = z.infer<typeof SlotDef>;

/** A structured-questioning dialog: data only, versioned so that stored progress survives a deploy. */
export const DialogDefinition = z
  .object({
    id: z.string().min(1).max(60).regex(/^[a-z][a-z0-9-]*$/, 'use kebab-case'),
    version: z.number().int().min(1),
    title: LocalText,
    category: Category.optional(),
    type: TicketType.optional(),
    triggers: z.object({ en: z.array(z.string().min(2)), zh: z.array(z.string().min(1)) }).optional(),
    /** Security: fewer questions, urgency 1 and escalation from the first turn. */
    urgentPath: z.boolean().optional(),
    /** Never picked for a reported fault, however many keywords match: a procedure the fault only mentions (a new hire's set-up). */
    requestsOnly: z.boolean().optional(),
    /** Default retries per slot before the bot offers a human. */
    maxRetries: z.number().int().min(1).max(10).optional(),
    slots: z.array(SlotDef).min(1).max(30),
    /** One-line summary: `{slot}` placeholders, `[...]` dropped when a placeholder inside is empty, `[a||b]` first that resolves. */
    summary: LocalText.optional(),
  })
  .strict()
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.slots.forEach((slot, i) => {
      if (seen.has(slot.id)) ctx.addIssue({ code: 'custom', path: ['slots', i, 'id'], message: `duplicate slot id "${slot.id}"` });
      for (const cond of slot.when === undefined ? [] : Array.isArray(slot.when) ? slot.when : [slot.when]) {
        if ('slot' in cond && !seen.has(cond.slot)) {
          ctx.addIssue({ code: 'custom', path: ['slots', i, 'when', 'slot'], message: `"${cond.slot}" must be the id of an earlier slot` });
        }
      }
      seen.add(slot.id);
    });
    for (const lang of ['en', 'zh'] as const) {
      for (const m of def.summary?.[lang].matchAll(/\{([a-z0-9_]+)\}/g) ?? []) {
        if (!seen.has(m[1])) ctx.addIssue({ code: 'custom', path: ['summary', lang], message: `placeholder {${m[1]}} names no slot` });
      }
    }
  });
export type DialogDefinition = z.infer<typeof DialogDefinition>;

/** Write a dialog definition with type checking; the registry validates it at start-up. */
export function defineDialog(def: DialogDefinition): DialogDefinition {
  return def;
}

/** Dialog progress as the engine stores it: plain JSON, no code (the definition is code). */
export const DialogState = z.object({
  dialogId: z.string(),
  version: z.number().int(),
  lang: Lang,
  /** The slot whose answer is awaited; null when nothing is pending. */
  cursor: z.string().nullable(),
  slots: z.record(z.string(), z.string()),
  /** Failed answers to the pending slot (or form). */
  retries: z.number().int().min(0),
  /** Slots answered by the user, in order, for "back". */
  history: z.array(z.string()),
  prefilled: z.array(z.string()),
  skipped: z.array(z.string()),
  /** The user's first message, kept for the ticket description. */
  opening: z.string(),
  /** Facts read from every message of the dialog (device kind, location kind ...), for `when` conditions. */
  facts: z.record(z.string(), z.string()).optional(),
  /** Impact/urgency guessed by the classifier; answers win over these. */
  estimate: z.object({ impact: z.number().int().min(1).max(3).optional(), urgency: z.number().int().min(1).max(3).optional() }).optional(),
});
export type DialogState = z.infer<typeof DialogState>;
