import { z } from 'zod';

/** The engine's per-conversation state, stored as JSON; unknown or old shapes fall back to a fresh start. */
export const BotState = z.object({
  phase: z.enum(['new', 'awaiting_description', 'ticket_open']).default('new'),
  greeted: z.boolean().default(false),
});
export type BotState = z.infer<typeof BotState>;

/** Read stored state leniently: a deploy that changed the shape must not break a conversation. */
export function readState(raw: Record<string, unknown>): BotState {
  const parsed = BotState.safeParse(raw);
  return parsed.success ? parsed.data : BotState.parse({});
}
