import type { SlackBlock } from './slack-blocks';

/** callback_ids of the modals opened from the ticket card's overflow menu (besides Assign). */
export const TICKET_ACTION_MODALS = { transfer: 'fd_t2_transfer', priority: 'fd_t2_priority', note: 'fd_t2_note' } as const;
/** Which of those modals a callback_id is. */
export type TicketActionModal = keyof typeof TICKET_ACTION_MODALS;

const BLOCK_ID = 'fd_ticket_action';
const INPUT_ID = 'fd_ticket_action_input';
const NOTE_MAX = 3000;
/** The priorities an agent may set; the ITIL matrix (impact + urgency) is worked out from them. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;

type Context = { ticket: string; threadTs?: string };
const option = (value: string, text: string) => ({ text: { type: 'plain_text', text: text.slice(0, 75) }, value: value.slice(0, 150) });

/** The modal of one overflow action: a group picker (configured groups), a priority picker or a note field. */
export function ticketActionModal(kind: TicketActionModal, ticketNumber: string, threadTs: string | undefined, groups: string[] = []): Record<string, unknown> {
  const element = kind === 'note'
    ? { type: 'plain_text_input', action_id: INPUT_ID, multiline: true, max_length: NOTE_MAX, placeholder: { type: 'plain_text', text: 'Only agents read this' } }
    : { type: 'static_select', action_id: INPUT_ID, placeholder: { type: 'plain_text', text: kind === 'transfer' ? 'Pick a group' : 'Pick a priority' },
      options: kind === 'transfer' ? groups.slice(0, 100).map((g) => option(g, g)) : PRIORITIES.map((p) => option(p, p)) };
  const words = {
    transfer: { intro: `Pass ${ticketNumber} to another group's queue; the user is told who has it.`, label: 'Group', title: 'Transfer', submit: 'Transfer' },
    priority: { intro: `Set the priority of ${ticketNumber}: the due times follow it, and the user is told a sooner answer.`, label: 'Priority', title: 'Priority', submit: 'Set' },
    note: { intro: `An internal note on ${ticketNumber}: kept on the ticket, never sent to the user.`, label: 'Note', title: 'Note', submit: 'Add note' },
  }[kind];
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: words.intro } },
    { type: 'input', block_id: BLOCK_ID, label: { type: 'plain_text', text: words.label }, element },
  ];
  const context: Context = { ticket: ticketNumber, ...(threadTs ? { threadTs } : {}) };
  return {
    type: 'modal', callback_id: TICKET_ACTION_MODALS[kind], private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: `${words.title} ${ticketNumber}`.slice(0, 24) },
    submit: { type: 'plain_text', text: words.submit }, close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The fields of these modals' `view_submission` we read (static_select carries `selected_option`, the note `value`). */
export type TicketActionSubmission = {
  user?: { id?: string };
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>> } };
};

/** A read submission: which action, on which ticket, by whom, with what value. */
export type TicketAction = { kind: TicketActionModal; ticket: string; threadTs?: string; agent: string; value: string };

/** The submitted action, or the error Slack shows under the field (the modal stays open). */
export function readTicketActionSubmission(body: TicketActionSubmission): { ok: true; action: TicketAction } | { ok: false; errors: Record<string, string> } {
  const kind = (Object.keys(TICKET_ACTION_MODALS) as TicketActionModal[]).find((k) => TICKET_ACTION_MODALS[k] === body.view?.callback_id);
  let context: Partial<Context> = {};
  try {
    context = JSON.parse(body.view?.private_metadata ?? '{}') as Partial<Context>;
  } catch {
    // A view we did not open: refused below.
  }
  const field = body.view?.state?.values?.[BLOCK_ID]?.[INPUT_ID];
  const value = (kind === 'note' ? field?.value ?? '' : field?.selected_option?.value ?? '').trim().slice(0, NOTE_MAX);
  if (!value) return { ok: false, errors: { [BLOCK_ID]: kind === 'note' ? 'Write the note.' : 'Pick one.' } };
  if (kind === 'priority' && !(PRIORITIES as readonly string[]).includes(value)) return { ok: false, errors: { [BLOCK_ID]: 'Pick one of P1 to P5.' } };
  const agent = body.user?.id;
  if (!kind || typeof context.ticket !== 'string' || !agent) return { ok: false, errors: { [BLOCK_ID]: 'This form lost its ticket: close it and choose the action again.' } };
  return { ok: true, action: { kind, ticket: context.ticket, agent, value, ...(typeof context.threadTs === 'string' ? { threadTs: context.threadTs } : {}) } };
}
