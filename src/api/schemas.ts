import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Category, Priority, TicketStatus, TicketType } from '../types/ticket';

// Once, before any schema below calls .openapi(): the OpenAPI document is generated from these same schemas.
extendZodWithOpenApi(z);

const iso = z.string().openapi({ format: 'date-time', example: '2026-12-06T09:30:00.000Z' });
const TicketNumber = z.string().regex(/^(INC|REQ)-\d{6}$/).openapi({ example: 'INC-000042' });

/** RFC 9457 problem details: every error of /api/v1. */
export const Problem = z.object({
  type: z.string().openapi({ example: 'https://frontdesk.invalid/problems/forbidden' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
}).openapi('Problem');

/** The requester, only for tokens and subscriptions holding `people:read`. */
export const Requester = z.object({
  id: z.number().int(), channel: z.string(), name: z.string().nullable(), email: z.string().nullable(),
}).openapi('Requester');

/** A ticket as the API shows it. */
export const TicketOut = z.object({
  number: TicketNumber,
  type: TicketType,
  category: Category,
  priority: Priority,
  impact: z.number().int(),
  urgency: z.number().int(),
  status: TicketStatus,
  summary: z.string(),
  description: z.string(),
  lang: z.enum(['en', 'zh']),
  group: z.string().nullable(),
  assignee: z.string().nullable(),
  conversationId: z.number().int(),
  majorIncident: z.string().nullable(),
  createdAt: iso, updatedAt: iso, responseDueAt: iso, resolveDueAt: iso,
  firstResponseAt: iso.nullable(), resolvedAt: iso.nullable(), closedAt: iso.nullable(),
  csat: z.number().int().nullable(),
  requester: Requester.optional(),
}).openapi('Ticket');

/** Filters and paging of GET /tickets. */
export const TicketListQuery = z.object({
  status: TicketStatus.optional(),
  priority: Priority.optional(),
  category: Category.optional(),
  group: z.string().max(64).optional(),
  assignee: z.string().max(64).optional(),
  updatedSince: iso.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().openapi({ description: 'nextCursor of the previous page' }),
}).strict();

/** One page of tickets, newest first; follow nextCursor until it is null. */
export const TicketPage = z.object({ data: z.array(TicketOut), nextCursor: z.string().nullable() }).openapi('TicketPage');

/** POST /tickets: a ticket for someone who has written to the desk before (so the desk can reach them). */
export const TicketCreate = z.object({
  requester: z.object({ channel: z.string().min(1).max(32), userId: z.string().min(1).max(200) }).strict()
    .openapi({ description: 'the person as the channel knows them (webchat session user, Slack user id, e-mail address)' }),
  summary: z.string().trim().min(1).max(300),
  description: z.string().max(40_000).default(''),
  type: TicketType.default('incident'),
  category: Category.default('other'),
  impact: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3),
  urgency: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3),
  priority: Priority.optional().openapi({ description: 'default: from impact and urgency' }),
  group: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/).optional(),
  lang: z.enum(['en', 'zh']).optional(),
}).strict().openapi('TicketCreate');

/** Statuses a PATCH may set; resolving has its own endpoint (it asks the user "is it fixed?"). */
export const PatchStatus = z.enum(['open', 'pending_user', 'in_progress', 'escalated', 'closed']);

/** PATCH /tickets/{number}. */
export const TicketUpdate = z.object({
  status: PatchStatus.optional(),
  priority: Priority.optional(),
  assignee: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/).nullable().optional(),
  group: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/).nullable().optional(),
}).strict().refine((v) => Object.keys(v).length > 0, 'change at least one of status, priority, assignee, group').openapi('TicketUpdate');

/** POST /tickets/{number}/comments: sent to the requester on their channel unless internal. */
export const CommentCreate = z.object({
  text: z.string().trim().min(1).max(4000),
  author: z.string().trim().min(1).max(100).optional().openapi({ description: 'name shown to the user (default: the token name)' }),
  internal: z.boolean().default(false),
}).strict().openapi('CommentCreate');

/** POST /tickets/{number}/resolve. */
export const ResolveInput = z.object({
  resolution: z.string().trim().min(1).max(4000),
  rootCause: z.string().trim().max(4000).optional(),
}).strict().openapi('ResolveInput');

/** The answer of a write: the ticket as it is now. */
export const TicketResult = z.object({ ticket: TicketOut }).openapi('TicketResult');

/** A conversation and its messages. */
export const ConversationOut = z.object({
  id: z.number().int(), channel: z.string(), mode: z.enum(['bot', 'agent', 'closed']), lang: z.enum(['en', 'zh']),
  ticket: TicketNumber.nullable(), createdAt: iso, updatedAt: iso,
  messages: z.array(z.object({ id: z.number().int(), direction: z.enum(['in', 'out']), author: z.string(), text: z.string(), at: iso })),
}).openapi('Conversation');

/** KB search: GET /kb/articles?q=. */
export const KbQuery = z.object({ q: z.string().max(500).optional(), lang: z.enum(['en', 'zh']).optional(), limit: z.coerce.number().int().min(1).max(50).default(10) }).strict();
export const KbArticleSummary = z.object({ id: z.string(), title: z.string(), lang: z.enum(['en', 'zh']), category: Category, score: z.number().optional() }).openapi('KbArticleSummary');
export const KbArticleList = z.object({ data: z.array(KbArticleSummary) }).openapi('KbArticleList');
export const KbArticleOut = KbArticleSummary.extend({ body: z.string(), updated: z.string().nullable(), tags: z.array(z.string()) }).openapi('KbArticle');

/** A major incident. */
export const IncidentOut = z.object({
  number: z.string(), title: z.string(), category: Category, status: z.enum(['open', 'resolved']), resolution: z.string().nullable(),
  createdAt: iso, resolvedAt: iso.nullable(), tickets: z.number().int().optional(),
}).openapi('MajorIncident');
export const IncidentList = z.object({ data: z.array(IncidentOut) }).openapi('MajorIncidentList');

/** A broadcast notice and how far its delivery got. */
export const BroadcastOut = z.object({
  id: z.number().int(), text: z.string(), incident: z.string().nullable(), followUp: z.string().nullable(), createdAt: iso, closedAt: iso.nullable(),
  progress: z.record(z.string(), z.unknown()),
}).openapi('Broadcast');
export const BroadcastList = z.object({ data: z.array(BroadcastOut) }).openapi('BroadcastList');

/** GET /kpis?from=&to=. */
export const KpiQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() }).strict();
export const KpiOut = z.object({
  period: z.object({ from: iso, to: iso }), generatedAt: iso,
  overall: z.record(z.string(), z.unknown()), breakdown: z.record(z.string(), z.unknown()), backlog: z.record(z.string(), z.unknown()),
}).passthrough().openapi('Kpis');

export { z };
