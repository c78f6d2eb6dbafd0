import { z } from 'zod';
import { Category, Priority, TicketStatus, TicketType } from '../types/ticket';
import { ChannelName, Lang } from '../types/conversation';

/** Facts a user can state; the bot must not ask for one the user already gave. */
export const Fact = z.enum(['when', 'error', 'scope', 'location', 'device', 'email', 'phone', 'approver', 'deadline', 'application', 'urgency']);
export type Fact = z.infer<typeof Fact>;

const oneOrMany = <T extends z.ZodTypeAny>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** Checks on the replies to one user turn. */
const TurnExpect = z.object({
  says: z.array(z.string()).optional(),
  notSays: z.array(z.string()).optional(),
  advice: z.boolean().optional(),
  /** `none`: the bot asks nothing in this turn; a fact: the bot may ask about it. */
  question: z.string().optional(),
}).strict();

const AgentStep = z.union([
  z.enum(['take', 'release', 'resolve']),
  z.object({ reply: z.string().min(1) }).strict(),
]);

/** One step: a user message (`{ticket}` = the conversation's latest ticket number), an agent action, time passing, or the world changing. */
const Step = z.union([
  z.object({ user: z.string(), expect: TurnExpect.optional() }).strict(),
  z.object({ agent: AgentStep, expect: TurnExpect.optional() }).strict(),
  z.object({ wait: z.string().regex(/^\d+[mhd]$/, 'e.g. "20m", "2h", "1d"'), expect: TurnExpect.optional() }).strict(),
  z.object({ world: z.enum(['resolveMajorIncident']), expect: TurnExpect.optional() }).strict(),
]);

/** A conversation replayed through the real engine and judged on its outcome (see test/scenarios). */
export const Scenario = z.object({
  id: z.string().min(1),
  covers: z.array(z.string()).default([]),
  lang: Lang,
  channel: ChannelName.exclude(['terminal']).default('webchat'),
  at: z.string().datetime({ offset: true }).optional(),
  /** Who writes; `timeZone` as their platform would tell it (WeCom users, and Chinese Feishu users, have the channel's: Asia/Shanghai by default). */
  user: z.object({ name: z.string().optional(), email: z.string().optional(), department: z.string().optional(), timeZone: z.string().optional() }).strict().optional(),
  setup: z.object({
    majorIncident: z.object({ title: z.string().min(1), category: Category, text: z.string().optional() }).strict().optional(),
    broadcast: z.object({ text: z.string().min(1) }).strict().optional(),
  }).strict().optional(),
  turns: z.array(Step).min(1),
  expect: z.object({
    tickets: z.number().int().min(0).optional(),
    ticket: z.object({
      type: oneOrMany(TicketType).optional(),
      category: oneOrMany(Category).optional(),
      priority: oneOrMany(Priority).optional(),
      status: oneOrMany(TicketStatus).optional(),
      summary: z.object({ says: z.array(z.string()).optional(), notSays: z.array(z.string()).optional() }).strict().optional(),
    }).strict().optional(),
    neverAsk: z.array(Fact).optional(),
    advice: z.boolean().optional(),
    csatAsked: z.boolean().optional(),
    knownProblemLinked: z.boolean().optional(),
    maxQuestions: z.number().int().min(0).optional(),
  }).strict().default({}),
}).strict();
export type Scenario = z.infer<typeof Scenario>;
/** One step of a scenario. */
export type ScenarioStep = Scenario['turns'][number];
