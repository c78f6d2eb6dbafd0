import type { ContextPackage } from '../../src/handoff/context';
import type { User } from '../../src/store/store';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import type { Lang, OutboundMessage } from '../../src/types/conversation';
import { TIER2_ACTIONS, type EscalationSummary } from './slack-tier2';

// What agents read, in their language (Slack's agents read English; a Chinese desk on Feishu or WeCom, Chinese).
const REASONS: Record<Lang, Record<string, string>> = {
  en: {
    requested: 'the user asked for a person', max_retries: 'the bot could not understand', priority: 'high priority',
    security: 'security issue', kb_failed: 'articles did not help', sla_breach: 'SLA breached', agent: 'passed on by an agent',
    self_service: 'self-service could not finish it (see the request events)',
  },
  zh: {
    requested: '用户要求人工', max_retries: '机器人无法理解', priority: '高优先级', security: '安全事件', kb_failed: '知识库文章未解决',
    sla_breach: '超出 SLA', agent: '由坐席转交', self_service: '自助服务未能完成（见请求事件）',
  },
};

const WORDS = {
  en: {
    why: 'Why escalated', answers: 'Answers', classification: 'Classification', confidence: 'confidence', tried: 'Articles tried', none: 'none',
    noAnswer: 'no answer', helpful: 'helpful', notHelpful: 'not helpful', recent: 'Recent tickets', requester: 'Requester', channel: 'Channel',
    status: 'Status', owner: 'Owner', nobody: 'nobody yet', unknown: 'unknown', console: 'Open in the console', takeOver: 'Take over', resolve: 'Resolve',
  },
  zh: {
    why: '升级原因', answers: '已收集的信息', classification: '分类', confidence: '置信度', tried: '已尝试的文章', none: '无',
    noAnswer: '未回复', helpful: '有帮助', notHelpful: '没帮助', recent: '近期工单', requester: '报告人', channel: '渠道',
    status: '状态', owner: '负责人', nobody: '暂无', unknown: '未知', console: '在控制台打开', takeOver: '接手', resolve: '解决',
  },
} as const;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The context summary of an `escalated` event (Markdown): reason, summary, answers, classification, articles tried. */
export function contextMarkdown(data: Partial<ContextPackage>, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  if (data.summary) lines.push(data.summary);
  if (data.reason) lines.push(`**${w.why}:** ${REASONS[lang][data.reason] ?? data.reason}`);
  const answers = Object.entries(data.answers ?? {}).filter(([, v]) => String(v).trim());
  if (answers.length) lines.push(`**${w.answers}:**\n${answers.map(([k, v]) => `• ${k}: ${clip(String(v), 300)}`).join('\n')}`);
  const c = data.classification;
  if (c) lines.push(`**${w.classification}:** ${c.category} / ${c.type} (${w.confidence} ${Math.round((c.confidence ?? 0) * 100)}%)`);
  const tried = data.kbTried ?? [];
  const verdict = (h: boolean | null) => (h === null ? w.noAnswer : h ? w.helpful : w.notHelpful);
  lines.push(`**${w.tried}:** ${tried.length ? tried.map((k) => `${k.id} (${verdict(k.helpful)})`).join(', ') : w.none}`);
  const recent = data.recentTickets ?? [];
  if (recent.length) lines.push(`**${w.recent}:** ${recent.map((t) => `${t.number} ${clip(t.summary, 60)} (${t.status})`).join('; ')}`);
  return lines.join('\n');
}

/** What the tier-2 channel shows for an escalated ticket. */
export function escalationSummary(ticket: Ticket, event: TicketEvent, user: User | null, consoleUrl?: string, lang: Lang = 'en'): EscalationSummary {
  const data = event.data as Partial<ContextPackage>;
  const requester = data.requester ?? { name: user?.name, email: user?.email, department: user?.department, channel: user?.channel ?? 'unknown' };
  return {
    ticketNumber: ticket.number, summary: ticket.summary, priority: ticket.priority, category: ticket.category,
    requester, context: contextMarkdown(data, lang), ...(consoleUrl ? { consoleUrl } : {}),
  };
}

/** Longest card body: the escalation must stay one post (its ts is the thread), and a section holds 3,000 characters. */
const CARD_TEXT_MAX = 2800;

/**
 * The escalation post as a card the outbox carries: summary and context (Markdown, user text included; the
 * Slack renderer escapes it), requester fields, the console link and the Take over / Resolve buttons.
 */
export function escalationCard(s: EscalationSummary, live?: { status: string; owner: string | null }, lang: Lang = 'en'): OutboundMessage {
  const w = WORDS[lang];
  const who = [s.requester.name, s.requester.email, s.requester.department].filter(Boolean).join(' · ');
  // A resolved or closed ticket's card keeps no buttons: nothing is left to take over or resolve.
  const done = live !== undefined && (live.status === 'resolved' || live.status === 'closed');
  return {
    kind: 'card',
    title: `${s.ticketNumber} · ${s.priority} · ${s.category}`.slice(0, 150),
    text: clip(`**${oneLine(s.summary)}**\n${s.context}`, CARD_TEXT_MAX),
    fields: [
      { label: w.requester, value: who || w.unknown }, { label: w.channel, value: s.requester.channel },
      ...(live ? [{ label: w.status, value: STATUS[lang][live.status] ?? live.status }, { label: w.owner, value: live.owner ?? w.nobody }] : []),
    ],
    links: s.consoleUrl ? [{ label: w.console, url: s.consoleUrl }] : [],
    choices: done ? [] : [{ value: TIER2_ACTIONS.takeOver, label: w.takeOver }, { value: TIER2_ACTIONS.resolve, label: w.resolve }],
  };
}

const STATUS: Record<Lang, Record<string, string>> = {
  en: {
    new: 'new', open: 'open', pending_user: 'waiting for the user', escalated: 'escalated, waiting for an agent', in_progress: 'in progress',
    resolved: 'resolved, waiting for the user to confirm', closed: 'closed', reopened: 'reopened',
  },
  zh: {
    new: '新建', open: '处理中', pending_user: '等待用户回复', escalated: '已升级，等待坐席', in_progress: '处理中',
    resolved: '已解决，等待用户确认', closed: '已关闭', reopened: '已重新打开',
  },
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const agentName = (actor: string) => actor.replace(/^agent:/, '');

/**
 * The thread line (Markdown; user text is escaped when it is rendered for Slack) for a ticket event worth
 * telling the agents, or null. Replies and notes made in Slack are not mirrored: the thread shows them already.
 */
export function mirrorLine(event: TicketEvent, ticket: Ticket, requesterName: string, lang: Lang = 'en'): string | null {
  const who = `**${oneLine(requesterName)}**`;
  const text = typeof event.data.text === 'string' ? clip(event.data.text, 2800) : '';
  const n = ticket.number;
  const agent = agentName(event.actor);
  const zh = lang === 'zh';
  switch (event.kind) {
    case 'user_message':
    case 'user_comment':
      return `:speech_balloon: ${who}: ${text}`;
    case 'reopened':
      // An agent reopened it from the card (the requester's own "not fixed" carries their words instead).
      if (event.actor.startsWith('agent:')) return zh ? `:leftwards_arrow_with_hook: ${agent} 重新打开了 ${n}。` : `:leftwards_arrow_with_hook: ${agent} reopened ${n}.`;
      return zh ? `:leftwards_arrow_with_hook: ${who} 说问题没有解决，${n} 已重新打开：${text}` : `:leftwards_arrow_with_hook: ${who} says it is not fixed, ${n} is reopened: ${text}`;
    case 'closed':
      return zh ? `:white_check_mark: ${who} 确认已解决；${n} 已关闭。` : `:white_check_mark: ${who} confirmed the fix; ${n} is closed.`;
    case 'auto_closed':
      return zh ? `:white_check_mark: ${n} 已自动关闭：用户未回复“问题解决了吗？”。` : `:white_check_mark: ${n} was closed automatically: no answer to "Is it fixed?".`;
    case 'csat': {
      const comment = event.data.comment ? `${zh ? '：' : ': '}${clip(String(event.data.comment), 500)}` : '';
      return zh ? `:star: ${who} 评分 ${String(event.data.score)}/5${comment}` : `:star: ${who} rated the help ${String(event.data.score)}/5${comment}`;
    }
    case 'taken_over':
      return zh ? `:raising_hand: ${agent} 接手了 ${n}。` : `:raising_hand: ${agent} took over ${n}.`;
    case 'resolved':
      return zh ? `:heavy_check_mark: ${agent} 已解决 ${n}；正在询问用户“问题解决了吗？”。` : `:heavy_check_mark: ${agent} resolved ${n}; the user is asked "Is it fixed?".`;
    case 'transferred': {
      const to = String(event.data.toAgent ?? event.data.toGroup ?? (zh ? '其他团队' : 'another team'));
      return zh ? `:arrow_right_hook: ${n} 已由 ${agent} 转给 ${to}。` : `:arrow_right_hook: ${n} was passed to ${to} (by ${agent}).`;
    }
    case 'edited': {
      const changes = (event.data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const list = Object.entries(changes).filter(([k]) => k !== 'impactUrgency').map(([k, c]) => `${k} ${String(c.from)} → ${String(c.to)}`).join(', ');
      return list ? (zh ? `:pencil2: ${agent} 修改了 ${n}：${list}。` : `:pencil2: ${agent} changed ${n}: ${list}.`) : null;
    }
    case 'released':
      return zh ? `:robot_face: ${agent} 把 ${n} 交还给了机器人。` : `:robot_face: ${n} was handed back to the bot by ${agent}.`;
    case 'escalated': {
      const why = REASONS[lang][String(event.data.reason)] ?? (zh ? '未说明原因' : 'no reason given');
      return zh ? `:rotating_light: ${n} 再次升级（${why}）。` : `:rotating_light: ${n} was escalated again (${why}).`;
    }
    default:
      return null;
  }
}
