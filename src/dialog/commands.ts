import { normalizeAnswer } from './choice-match';

/** A command the user can give at any point of a dialog, in English or Chinese. */
export type DialogCommand =
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'human' }
  | { kind: 'status'; ticketNumber?: string };

// Whole-message phrases only: "cancel my meeting invite" is a request, not a command.
const PHRASES: [DialogCommand['kind'], string[]][] = [
  ['cancel', ['cancel', 'stop', 'quit', 'exit', 'abort', 'never mind', 'nevermind', 'forget it', 'cancel this', 'cancel that',
    '取消', '算了', '不用了', '退出', '停止']],
  ['restart', ['start over', 'restart', 'reset', 'start again', 'begin again', 'from the start', 'start from scratch',
    '重新开始', '重来', '从头开始', '重新来']],
  ['skip', ['skip', 'pass', 'n/a', 'na', 'none', 'skip this', 'skip it', 'next', "don't know", 'dont know', 'not sure',
    '跳过', '略过', '下一个', '不知道', '没有', '无']],
  ['back', ['back', 'go back', 'previous', 'undo', 'previous question', 'back up', '返回', '上一步', '上一个', '后退', '回到上一步']],
  ['human', ['human', 'agent', 'operator', 'real person', 'a human', 'an agent', 'person', 'talk to a human', 'talk to an agent',
    'speak to a human', 'speak to an agent', 'speak to someone', 'talk to someone', 'live agent', 'human please', 'agent please',
    '转人工', '人工客服', '人工', '找人工', '人工服务', '真人', '客服']],
];

const HUMAN_IN_SENTENCE = /\b(talk|speak|chat)\s+(to|with)\s+(a |an )?(human|agent|person|real person|someone|technician)\b|转人工|人工客服/i;
const TICKET = /\b((?:INC|REQ)-?\d{1,9})\b/i;

/** The first ticket number mentioned in a text, canonical, if any. */
export function findTicketNumber(text: string): string | undefined {
  const match = TICKET.exec(text);
  return match ? normalizeTicketNumber(match[1]) : undefined;
}
const STATUS = /^(?:(?:ticket |check )?status|my tickets?|my requests)\b|^(?:查询状态|查状态|工单状态|状态|查询进度|进度|我的工单|我的请求)/i;

/** Recognise a dialog command; `undefined` means the text is an answer. Button values `cmd:<kind>` count too. */
export function parseCommand(text: string): DialogCommand | undefined {
  const raw = text.trim();
  const button = /^cmd:(cancel|restart|skip|back|human)$/.exec(raw);
  if (button) return { kind: button[1] as 'cancel' };
  const status = parseStatus(raw);
  if (status) return status;
  const a = normalizeAnswer(raw).replace(/\s*(please|pls|请|吧)$/, '').replace(/^(please|请)\s*/, '');
  for (const [kind, phrases] of PHRASES) if (phrases.includes(a)) return { kind } as DialogCommand;
  if (raw.length <= 80 && HUMAN_IN_SENTENCE.test(raw)) return { kind: 'human' };
  return undefined;
}

// "status INC-000123", "状态 INC-000123", "我的工单", or a bare ticket number.
function parseStatus(raw: string): DialogCommand | undefined {
  const stripped = raw.replace(/[?？。.!！]+$/, '').trim();
  const ticket = TICKET.exec(stripped)?.[1];
  const ticketNumber = ticket ? normalizeTicketNumber(ticket) : undefined;
  const rest = stripped.replace(STATUS, '').replace(TICKET, '').replace(/\b(of|for|on)\b|的|[:：#\s]/gi, '');
  const isStatus = STATUS.test(stripped) ? rest.length <= 6 : ticketNumber !== undefined && rest.length === 0;
  if (!isStatus) return undefined;
  return ticketNumber ? { kind: 'status', ticketNumber } : { kind: 'status' };
}

/** "inc-12" or "INC000012" as the canonical INC-000012. */
export function normalizeTicketNumber(t: string): string {
  const m = /^(INC|REQ)-?(\d+)$/i.exec(t)!;
  return `${m[1].toUpperCase()}-${m[2].padStart(6, '0')}`;
}
