import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Lang } from '../../src/types/conversation';
import { Priority } from '../../src/types/ticket';

/** Verbs of the agent card's Universal Actions (`fd_agent.<action>`); the ticket number rides in `data`. */
export const AGENT_VERB_PREFIX = 'fd_agent.';
/** The agent card's actions, in the order of its buttons and overflow menu. */
export const AGENT_ACTIONS = ['take_over', 'resolve', 'assign', 'transfer', 'priority', 'note', 'reopen'] as const;
/** The verb Teams calls when it refreshes the card (on view, or the agent's "Refresh"): the ticket's state now. */
export const AGENT_REFRESH_VERB = `${AGENT_VERB_PREFIX}refresh`;
/** One of AGENT_ACTIONS. */
export type AgentActionKind = (typeof AGENT_ACTIONS)[number];
/** Ids of the inputs the pickers and fields submit (unique across the card and its show-cards). */
export const AGENT_INPUTS = { resolve: 'fd_resolution', assign: 'fd_assignee', transfer: 'fd_group', priority: 'fd_priority', note: 'fd_note' } as const;
/** Longest note or resolution an agent may type (as Slack's modals). */
export const AGENT_TEXT_MAX = 3000;

/** What the card shows of a ticket. */
export type AgentCardTicket = { number: string; summary: string; status: string; priority: string; category: string; owner: string | null; group: string | null };
/** The pickers' choices: active agents and configured groups. */
export type AgentCardChoices = { agents: Array<{ id: string; name: string }>; groups: string[] };

const TEXT = {
  en: {
    status: 'Status', owner: 'Owner', group: 'Group', nobody: 'nobody yet', take_over: 'Take over', resolve: 'Resolve', assign: 'Assign to…', transfer: 'Transfer to group…',
    priority: 'Change priority…', note: 'Internal note…', reopen: 'Reopen', resolution: 'Resolution (the user reads it)', resolutionMissing: 'Write what fixed it.',
    agent: 'Agent', agentMissing: 'Pick the agent who should own it.', groupLabel: 'Group', groupMissing: 'Pick a group.', priorityLabel: 'Priority', priorityMissing: 'Pick one of P1 to P5.',
    noteLabel: 'Note (only agents read it)', noteMissing: 'Write the note.', save: 'Save',
  },
  zh: {
    status: '状态', owner: '负责人', group: '组', nobody: '暂无', take_over: '接手', resolve: '解决', assign: '指派给…', transfer: '转交到组…',
    priority: '修改优先级…', note: '内部备注…', reopen: '重新打开', resolution: '解决方案（用户可见）', resolutionMissing: '请写明如何解决。',
    agent: '坐席', agentMissing: '请选择负责的坐席。', groupLabel: '组', groupMissing: '请选择一个组。', priorityLabel: '优先级', priorityMissing: '请在 P1 到 P5 中选择。',
    noteLabel: '备注（仅坐席可见）', noteMissing: '请填写备注。', save: '保存',
  },
} as const;

const STATUS: Record<Lang, Record<string, string>> = {
  en: { new: 'new', open: 'open', pending_user: 'waiting for the user', escalated: 'escalated, waiting for an agent', in_progress: 'in progress', resolved: 'resolved, waiting for the user to confirm', closed: 'closed', reopened: 'reopened' },
  zh: { new: '新建', open: '处理中', pending_user: '等待用户回复', escalated: '已升级，等待坐席', in_progress: '处理中', resolved: '已解决，等待用户确认', closed: '已关闭', reopened: '已重新打开' },
};

const execute = (kind: AgentActionKind, title: string, ticket: string) => ({ type: 'Action.Execute', title, verb: `${AGENT_VERB_PREFIX}${kind}`, data: { ticket } });

/** A button that opens a small form under the card (picker or text) with its own Save (Action.Execute). */
function showForm(kind: Exclude<AgentActionKind, 'take_over' | 'reopen'>, title: string, input: Record<string, unknown>, t: (typeof TEXT)[Lang], ticket: string, secondary: boolean) {
  return {
    type: 'Action.ShowCard', title, ...(secondary ? { mode: 'secondary' } : {}),
    card: { type: 'AdaptiveCard', body: [{ id: AGENT_INPUTS[kind], isRequired: true, ...input }], actions: [execute(kind, t.save, ticket)] },
  };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The agents' ticket card (Adaptive Card 1.5, Universal Actions): number, priority, summary, status, owner and
 * group; Take over and Resolve as buttons, the rest (assign with a picker of active agents, transfer with a picker
 * of the configured groups, priority, internal note, reopen) in the overflow menu (`mode: secondary`). A finished
 * ticket offers Reopen only. `line` is the last change, shown under the facts; `viewer` (a Teams user id) gets automatic refresh.
 */
export function agentTicketCard(ticket: AgentCardTicket, choices: AgentCardChoices, lang: Lang, line?: string, viewer?: string): Attachment {
  const t = TEXT[lang];
  const n = ticket.number;
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const body: unknown[] = [
    { type: 'TextBlock', text: clip(`${n} · ${ticket.priority} · ${ticket.category}`, 150), weight: 'Bolder', size: 'Medium', wrap: true },
    // User text: plain, never Markdown (a summary must not become a link or a heading on the agents' card).
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: clip(ticket.summary.replace(/\s+/g, ' ').trim() || n, 500) }] },
    { type: 'FactSet', facts: [
      { title: t.status, value: STATUS[lang][ticket.status] ?? ticket.status }, { title: t.owner, value: ticket.owner ?? t.nobody }, { title: t.group, value: ticket.group ?? '—' },
    ] },
  ];
  if (line) body.push({ type: 'TextBlock', text: clip(line, 500), wrap: true, isSubtle: true });
  const text = (label: string, error: string) => ({ type: 'Input.Text', label, errorMessage: error, isMultiline: true, maxLength: AGENT_TEXT_MAX });
  const picker = (label: string, error: string, options: Array<{ title: string; value: string }>) => ({ type: 'Input.ChoiceSet', style: 'compact', label, errorMessage: error, choices: options });
  const actions: unknown[] = done ? [execute('reopen', t.reopen, n)] : [
    execute('take_over', t.take_over, n),
    showForm('resolve', t.resolve, text(t.resolution, t.resolutionMissing), t, n, false),
    // A picker with nothing to pick is not valid Adaptive Cards (and of no use): no agents or groups, no entry.
    ...(choices.agents.length ? [showForm('assign', t.assign, picker(t.agent, t.agentMissing, choices.agents.slice(0, 100).map((a) => ({ title: `${a.name} (${a.id})`, value: a.id }))), t, n, true)] : []),
    ...(choices.groups.length ? [showForm('transfer', t.transfer, picker(t.groupLabel, t.groupMissing, choices.groups.slice(0, 100).map((g) => ({ title: g, value: g }))), t, n, true)] : []),
    showForm('priority', t.priority, picker(t.priorityLabel, t.priorityMissing, Priority.options.map((p) => ({ title: p, value: p }))), t, n, true),
    showForm('note', t.note, text(t.noteLabel, t.noteMissing), t, n, true),
  ];
  // Universal Actions refresh: Teams asks for the current card when the viewing agent opens the chat, so a card another
  // agent changed since (or the console) does not act on an old state.
  const refresh = { action: { type: 'Action.Execute', verb: AGENT_REFRESH_VERB, data: { ticket: n } }, ...(viewer ? { userIds: [viewer] } : {}) };
  return CardFactory.adaptiveCard({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', refresh, body, actions, msteams: { width: 'Full' } });
}
