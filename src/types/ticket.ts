import { z } from 'zod';

/** The eight categories of DESIGN.md. */
export const Category = z.enum(['hardware', 'software', 'network', 'account', 'data', 'email', 'security', 'other']);
export type Category = z.infer<typeof Category>;

/** Incident (something broke), service request (something wanted), question (needs an answer only). */
export const TicketType = z.enum(['incident', 'service_request', 'question']);
export type TicketType = z.infer<typeof TicketType>;

export const TicketStatus = z.enum([
  'new', 'open', 'pending_user', 'escalated', 'in_progress', 'resolved', 'closed', 'reopened',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** 1 organisation / many users, 2 a department or team, 3 one person. */
export const Impact = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Impact = z.infer<typeof Impact>;
/** 1 work stopped or security risk, 2 degraded, 3 can wait or a request. */
export const Urgency = Impact;
export type Urgency = Impact;

export const Priority = z.enum(['P1', 'P2', 'P3', 'P4', 'P5']);
export type Priority = z.infer<typeof Priority>;

/** What the bot knows when it opens a ticket. */
export const TicketDraft = z.object({
  type: TicketType,
  category: Category,
  impact: Impact,
  urgency: Urgency,
  priority: Priority,
  summary: z.string().min(1).max(300),
  description: z.string().max(40_000),
  lang: z.enum(['en', 'zh']),
  slots: z.record(z.string(), z.string()).default({}),
  classification: z
    .object({ category: Category, type: TicketType, confidence: z.number().min(0).max(1) })
    .optional(),
  kbArticles: z.array(z.object({ id: z.string(), helpful: z.boolean().nullable() })).default([]),
  /** A known problem (open major incident) this report belongs to. */
  knownProblemId: z.number().int().positive().optional(),
  group: z.string().optional(),
  responseDueAt: z.string(),
  resolveDueAt: z.string(),
  status: TicketStatus.default('new'),
});
export type TicketDraft = z.input<typeof TicketDraft>;

/** A ticket as stored. */
export type Ticket = z.infer<typeof TicketDraft> & {
  id: number;
  number: string;
  requesterId: number;
  conversationId: number;
  agentId: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  escalatedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  csat: number | null;
  majorIncidentId: number | null;
  /** Agents' tags (lower case), set in the console. */
  tags: string[];
};

/** One entry of a ticket's append-only audit log. */
export type TicketEvent = {
  id: number;
  ticketId: number;
  at: string;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
};
