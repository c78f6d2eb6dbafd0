import { readAct } from '../understand/act';

/** Conversation commands outside dialogs (status, cancel, human... are parsed by dialog/commands). */
export type ChatCommand = { kind: 'new' } | { kind: 'help' } | { kind: 'greeting' };

/** Recognise a chat command (src/understand reads the act); null means the text is ordinary conversation. */
export function parseCommand(text: string): ChatCommand | null {
  const act = readAct(text).act;
  return act === 'new' || act === 'help' || act === 'greeting' ? { kind: act } : null;
}
