import { readAct } from '../understand/act';
import { canonicalTicket, findTicketNumbers } from '../understand/status';

/** A command the user can give at any point of a dialog, in English or Chinese. */
export type DialogCommand =
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'human' }
  | { kind: 'status'; ticketNumber?: string };

/** The first ticket number mentioned in a text, canonical, if any. */
export function findTicketNumber(text: string): string | undefined {
  return findTicketNumbers(text)[0];
}

// A bare "no" / "none" to an optional question means "nothing to add": the runner lets a yes/no or choice slot take it as an answer.
const SKIPPING_DENIALS = /^(?:没有|无|none|nothing|没)$/i;

/** Recognise a dialog command (src/understand reads the act); `undefined` means the text is an answer. Button values `cmd:<kind>` count too. */
export function parseCommand(text: string): DialogCommand | undefined {
  const reading = readAct(text);
  switch (reading.act) {
    case 'status': {
      const ticketNumber = findTicketNumber(text);
      return ticketNumber ? { kind: 'status', ticketNumber } : { kind: 'status' };
    }
    case 'cancel': case 'restart': case 'skip': case 'back': case 'human':
      return { kind: reading.act };
    case 'deny':
      return !reading.details && SKIPPING_DENIALS.test(text.trim().replace(/[.!。！]+$/, '')) ? { kind: 'skip' } : undefined;
    default:
      return undefined;
  }
}

/** "inc-12" or "INC000012" as the canonical INC-000012. */
export function normalizeTicketNumber(t: string): string {
  const m = /^(INC|REQ)[-_ ]?(\d+)$/i.exec(t.trim())!;
  return canonicalTicket(m[1], m[2]);
}
