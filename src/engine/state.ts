import { z } from 'zod';
import { Category, Impact, Priority, TicketType, type Ticket } from '../types/ticket';
import { HAZARD_KINDS } from '../understand/hazard';

/** The engine's per-conversation state, stored as JSON; unknown or old shapes fall back to a fresh start. */
export const BotState = z.object({
  /**
   * new / awaiting_description: no problem told yet; kb_offer: articles shown, waiting for "did this solve it?";
   * pick_category: the classifier was unsure, the user is asked which area the problem is in;
   * dialog: structured questions running; ticket_open: logged, later messages are added to it;
   * escalated: handed to tier-2 (the bot stays silent but for commands while an agent owns it);
   * awaiting_confirmation: an agent resolved the ticket, the user is asked "Is it fixed?";
   * awaiting_csat: closed, the user is asked for a 1-5 rating.
   */
  phase: z
    .enum(['new', 'awaiting_description', 'clarify', 'awaiting_topic', 'kb_offer', 'pick_category', 'dialog', 'ticket_open', 'escalated',
      'awaiting_confirmation', 'awaiting_csat', 'csat_comment'])
    .default('new'),
  greeted: z.boolean().default(false),
  /** What awaiting_csat and csat_comment rate when it is not the conversation's ticket: a question the articles answered (no ticket). */
  rating: z.literal('kb_answer').optional(),
  /** "Is it fixed?" got an unclear answer and "yes or no?" was asked once. */
  confirmAsked: z.boolean().optional(),
  /** The vague-opener question was asked this many times (then a person is offered, never the same question). */
  clarified: z.number().int().optional(),
  /** What a vague opener said, kept for the hand-off. */
  pending: z.string().max(2000).optional(),
  /** The problem being taken in: description, first assessment and the articles tried. */
  intake: z
    .object({
      description: z.string(),
      assessment: z.object({
        category: Category, type: TicketType, confidence: z.number(), impact: Impact, urgency: Impact, priority: Priority,
        categoryUncertain: z.boolean().default(false),
        security: z.string().optional(), hazard: z.union([z.enum(HAZARD_KINDS), z.literal(true).transform(() => 'device' as const)]).optional(), deadlineDays: z.number().optional(),
      }),
      kbTried: z.array(z.object({ id: z.string(), helpful: z.boolean().nullable() })).default([]),
      dialogId: z.string().optional(),
      /** The area the user chose when the classifier was unsure (the assessment keeps the classifier's guess). */
      pickedCategory: Category.optional(),
      /** The ticket was logged on the first question; the answers that follow complete it. */
      logged: z.boolean().optional(),
    })
    .optional(),
  /** Comments added to the open ticket in a row: after the first, a short "added as well" instead of the same sentence. */
  comments: z.number().int().optional(),
  /** The ticket last described by a status answer and its update time then: asked again, the bot says "no change". */
  lastStatus: z.object({ ticket: z.string(), updatedAt: z.string(), unchanged: z.number().int().default(0) }).optional(),
  /** Progress of the running dialog (the dialog module owns its shape and migrates old versions). */
  dialog: z.record(z.string(), z.unknown()).optional(),
});
export type BotState = z.infer<typeof BotState>;
/** The problem being taken in. */
export type Intake = NonNullable<BotState['intake']>;

/** Read stored state leniently: a deploy that changed the shape must not break a conversation. */
export function readState(raw: Record<string, unknown>): BotState {
  const parsed = BotState.safeParse(raw);
  return parsed.success ? parsed.data : BotState.parse({});
}

/** The intake a logged ticket stands for (escalating it later needs the same context package). */
export function intakeFromTicket(ticket: Ticket): Intake {
  return {
    description: ticket.description,
    assessment: {
      category: ticket.category, type: ticket.type, confidence: ticket.classification?.confidence ?? 0, categoryUncertain: false,
      impact: ticket.impact, urgency: ticket.urgency, priority: ticket.priority,
    },
    kbTried: ticket.kbArticles,
  };
}
