import type { ZodType } from 'zod';
import type { Broadcast, BroadcastProgress } from '../broadcast/broadcast-types';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { KpiStore } from '../kpi/kpi-store';
import { parsePeriod } from '../kpi/period';
import { computeReport } from '../kpi/report';
import type { IncidentStore, MajorIncident } from '../store/incident-store';
import type { Agent } from '../store/agent-store';
import type { Store } from '../store/store';
import { ApiProblem } from './problem';
import type { ApiScope } from './scopes';
import {
  BroadcastList, BroadcastOut, CommentCreate, ConversationOut, IncidentList, IncidentOut, KbArticleList, KbArticleOut, KbQuery, KpiOut, KpiQuery,
  ResolveInput, TicketCreate, TicketListQuery, TicketPage, TicketResult, TicketUpdate, z,
} from './schemas';
import { listTickets } from './ticket-query';
import { viewTicket } from './ticket-view';
import { commentOnTicket, createTicket, resolveTicket, updateTicket, type TicketWriteDeps } from './ticket-writes';

/** What a handler gets: validated input, the token's scopes and the agent it acts as. */
export type ApiContext = {
  params: Record<string, string>;
  query: any;
  body: any;
  scopes: readonly ApiScope[];
  agent: (displayName?: string) => Agent;
  now: Date;
};

/** One endpoint: its OpenAPI description (from the same zod schemas that validate it) and its handler. */
export type ApiRoute = {
  method: 'get' | 'post' | 'patch';
  /** OpenAPI style: `/tickets/{number}`, relative to /api/v1. */
  path: string;
  scope: ApiScope;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  status: number;
  response: ZodType;
  handle: (ctx: ApiContext) => Promise<unknown>;
};

/** What /broadcasts reads (sync or async, whichever the broadcast store offers). */
export type BroadcastReads = {
  list(limit: number): Broadcast[] | Promise<Broadcast[]>;
  progress(id: number): BroadcastProgress | Promise<BroadcastProgress>;
};

/** Everything the endpoints read or write. */
export type ApiDeps = TicketWriteDeps & {
  store: Store;
  kb: () => KnowledgeBase;
  incidents: IncidentStore;
  broadcasts: BroadcastReads;
  kpi: KpiStore;
};

const NumberParam = z.object({ number: z.string().max(20).openapi({ example: 'INC-000042' }) });
const IdParam = z.object({ id: z.string().regex(/^\d{1,12}$/).openapi({ example: '17' }) });

const people = (ctx: ApiContext) => ctx.scopes.includes('people:read');

const incidentOut = (m: MajorIncident & { tickets?: number }) => ({
  number: m.number, title: m.title, category: m.category, status: m.status, resolution: m.resolution, createdAt: m.createdAt, resolvedAt: m.resolvedAt,
  ...(m.tickets === undefined ? {} : { tickets: m.tickets }),
});

/** The endpoints of /api/v1. */
export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  const { queries } = deps;
  const found = async (number: string) => {
    const ticket = await deps.store.getTicketByNumber(number);
    if (!ticket) throw new ApiProblem(404, 'ticket-not-found', `no ticket ${number}`);
    return ticket;
  };
  const current = async (number: string, ctx: ApiContext) => ({ ticket: await viewTicket(queries, number, people(ctx)) });
  return [
    {
      method: 'get', path: '/tickets', scope: 'tickets:read', summary: 'List tickets, newest first, with filters and a cursor',
      query: TicketListQuery, status: 200, response: TicketPage,
      handle: async (ctx) => listTickets(queries, ctx.query, people(ctx)),
    },
    {
      method: 'get', path: '/tickets/{number}', scope: 'tickets:read', summary: 'One ticket', params: NumberParam, status: 200, response: TicketResult,
      handle: async (ctx) => {
        const ticket = await viewTicket(queries, ctx.params.number, people(ctx));
        if (!ticket) throw new ApiProblem(404, 'ticket-not-found', `no ticket ${ctx.params.number}`);
        return { ticket };
      },
    },
    {
      method: 'post', path: '/tickets', scope: 'tickets:write', summary: 'Log a ticket for someone who has written to the desk; they are told on their channel',
      body: TicketCreate, status: 201, response: TicketResult,
      handle: async (ctx) => current((await createTicket(deps, ctx.body, ctx.agent(), ctx.now)).number, ctx),
    },
    {
      method: 'patch', path: '/tickets/{number}', scope: 'tickets:write', summary: 'Change status, priority, assignee or group',
      params: NumberParam, body: TicketUpdate, status: 200, response: TicketResult,
      handle: async (ctx) => {
        const ticket = await found(ctx.params.number);
        await updateTicket(deps, ticket, ctx.body, ctx.agent(), ctx.now);
        return current(ticket.number, ctx);
      },
    },
    {
      method: 'post', path: '/tickets/{number}/comments', scope: 'tickets:write', summary: 'Comment: sent to the requester on their channel, or an internal note',
      params: NumberParam, body: CommentCreate, status: 201, response: TicketResult,
      handle: async (ctx) => {
        const ticket = await found(ctx.params.number);
        await commentOnTicket(deps, ticket, ctx.body, ctx.agent(ctx.body.author), ctx.now);
        return current(ticket.number, ctx);
      },
    },
    {
      method: 'post', path: '/tickets/{number}/resolve', scope: 'tickets:write', summary: 'Resolve; the requester is asked whether it is fixed',
      params: NumberParam, body: ResolveInput, status: 200, response: TicketResult,
      handle: async (ctx) => {
        const ticket = await found(ctx.params.number);
        await resolveTicket(deps, ticket, ctx.body, ctx.agent(), ctx.now);
        return current(ticket.number, ctx);
      },
    },
    {
      method: 'get', path: '/conversations/{id}', scope: 'conversations:read', summary: 'A conversation and its messages', params: IdParam, status: 200, response: ConversationOut,
      handle: async (ctx) => {
        const conversation = await deps.store.getConversation(Number(ctx.params.id));
        if (!conversation) throw new ApiProblem(404, 'conversation-not-found', `no conversation ${ctx.params.id}`);
        const ticket = conversation.ticketId === null ? null : await deps.store.getTicket(conversation.ticketId);
        const messages = await deps.store.transcript(conversation.id);
        return {
          id: conversation.id, channel: conversation.ref.channel, mode: conversation.mode, lang: conversation.lang, ticket: ticket?.number ?? null,
          createdAt: conversation.createdAt, updatedAt: conversation.updatedAt,
          messages: messages.map((m) => ({ id: m.id, direction: m.direction, author: m.author, text: m.text, at: m.createdAt })),
        };
      },
    },
    {
      method: 'get', path: '/kb/articles', scope: 'kb:read', summary: 'Knowledge-base articles; with q, a ranked search', query: KbQuery, status: 200, response: KbArticleList,
      handle: async (ctx) => {
        const kb = deps.kb();
        if (ctx.query.q?.trim()) {
          return { data: kb.search(ctx.query.q, { limit: ctx.query.limit, lang: ctx.query.lang }).map((r) => ({ id: r.id, title: r.title, lang: r.lang, category: r.category, score: r.score })) };
        }
        const all = kb.articles.filter((a) => !ctx.query.lang || a.lang === ctx.query.lang);
        return { data: all.map((a) => ({ id: a.id, title: a.title, lang: a.lang, category: a.category })) };
      },
    },
    {
      method: 'get', path: '/kb/articles/{id}', scope: 'kb:read', summary: 'One article (English unless ?lang=zh)',
      params: z.object({ id: z.string().max(100) }), query: z.object({ lang: z.enum(['en', 'zh']).default('en') }).strict(), status: 200, response: KbArticleOut,
      handle: async (ctx) => {
        const a = deps.kb().get(ctx.params.id, ctx.query.lang);
        if (!a) throw new ApiProblem(404, 'article-not-found', `no article ${ctx.params.id} in ${ctx.query.lang}`);
        return { id: a.id, title: a.title, lang: a.lang, category: a.category, body: a.body, updated: a.updated ?? null, tags: a.tags };
      },
    },
    {
      method: 'get', path: '/incidents', scope: 'incidents:read', summary: 'Major incidents, newest first', status: 200, response: IncidentList,
      handle: async () => ({ data: (await deps.incidents.listMajorIncidents(200)).map(incidentOut) }),
    },
    {
      method: 'get', path: '/incidents/{number}', scope: 'incidents:read', summary: 'One major incident', params: NumberParam, status: 200, response: IncidentOut,
      handle: async (ctx) => {
        const m = await deps.incidents.getMajorIncident(ctx.params.number.toUpperCase());
        if (!m) throw new ApiProblem(404, 'incident-not-found', `no major incident ${ctx.params.number}`);
        return { ...incidentOut(m), tickets: (await deps.incidents.linkedTickets(m.id)).length };
      },
    },
    {
      method: 'get', path: '/broadcasts', scope: 'broadcasts:read', summary: 'Broadcast notices, newest first, with delivery progress', status: 200, response: BroadcastList,
      handle: async () => ({
        data: await Promise.all((await deps.broadcasts.list(100)).map(async (b) => ({
          id: b.id, text: b.text, incident: b.incident, followUp: b.followUp, createdAt: b.createdAt, closedAt: b.closedAt, progress: await deps.broadcasts.progress(b.id),
        }))),
      }),
    },
    {
      method: 'get', path: '/kpis', scope: 'kpis:read', summary: 'Service-desk KPIs for a period (default: the last 30 days)', query: KpiQuery, status: 200, response: KpiOut,
      handle: async (ctx) => {
        const period = parsePeriod({ from: ctx.query.from, to: ctx.query.to }, ctx.now);
        return computeReport(await deps.kpi.loadKpiData(ctx.now.toISOString()), period, ctx.now.toISOString());
      },
    },
  ];
}
