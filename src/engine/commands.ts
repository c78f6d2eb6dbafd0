/** Commands the bot understands at any point, in English and Chinese. */
export type Command =
  | { kind: 'status'; ticketNumber?: string }
  | { kind: 'new' }
  | { kind: 'help' }
  | { kind: 'greeting' };

const TICKET_NUMBER = /\b(INC|REQ)-?(\d{1,6})\b/i;
const STATUS = /^(status|my tickets|tickets|check status|状态|查询|查询状态|工单状态|我的工单|进度)\b/i;
const NEW = /^(new|new problem|new issue|another problem|新问题|新的问题|另一个问题)[.!。！]?$/i;
const HELP = /^(help|\?|帮助|怎么用)[.!。！?？]?$/i;
const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening)|你好|您好|嗨|早上好|下午好)[\s,.!。！，]*(there|bot)?[\s.!。！]*$/i;

/** Normalise a ticket reference such as "inc 12" or "INC-000012" to INC-000012. */
export function normaliseTicketNumber(text: string): string | undefined {
  const match = TICKET_NUMBER.exec(text.replace(/(INC|REQ)\s+(\d)/i, '$1-$2'));
  return match ? `${match[1].toUpperCase()}-${match[2].padStart(6, '0')}` : undefined;
}

/** Recognise a command; null means the text is ordinary conversation. */
export function parseCommand(text: string): Command | null {
  const trimmed = text.trim();
  if (STATUS.test(trimmed) || /^(INC|REQ)-?\d{1,6}[?？]?$/i.test(trimmed)) {
    return { kind: 'status', ticketNumber: normaliseTicketNumber(trimmed) };
  }
  if (NEW.test(trimmed)) return { kind: 'new' };
  if (HELP.test(trimmed)) return { kind: 'help' };
  if (GREETING.test(trimmed)) return { kind: 'greeting' };
  return null;
}
