/** Conversation commands outside dialogs (status, cancel, human... are parsed by dialog/commands). */
export type ChatCommand = { kind: 'new' } | { kind: 'help' } | { kind: 'greeting' };

const NEW = /^(new|new problem|new issue|another problem|新问题|新的问题|另一个问题)[.!。！]?$/i;
const HELP = /^(help|\?|帮助|怎么用)[.!。！?？]?$/i;
const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening)|你好|您好|嗨|早上好|下午好)[\s,.!。！，]*(there|bot)?[\s.!。！]*$/i;

/** Recognise a chat command; null means the text is ordinary conversation. */
export function parseCommand(text: string): ChatCommand | null {
  const trimmed = text.trim();
  if (NEW.test(trimmed)) return { kind: 'new' };
  if (HELP.test(trimmed)) return { kind: 'help' };
  if (GREETING.test(trimmed)) return { kind: 'greeting' };
  return null;
}
