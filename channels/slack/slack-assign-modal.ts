import type { SlackBlock } from './slack-blocks';

/** callback_id of the Assign modal (from the escalation card's overflow menu). */
export const ASSIGN_MODAL_ID = 'fd_t2_assign';
const BLOCK_ID = 'fd_assignee';
const INPUT_ID = 'fd_assignee_user';

type AssignContext = { ticket: string; threadTs?: string };

/** The modal an agent picks the new owner in (a workspace member who is a registered agent). */
export function assignModal(ticketNumber: string, threadTs: string | undefined): Record<string, unknown> {
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: `Who should own ${ticketNumber}? They take the conversation with the user over.` } },
    { type: 'input', block_id: BLOCK_ID, label: { type: 'plain_text', text: 'Agent' }, element: { type: 'users_select', action_id: INPUT_ID, placeholder: { type: 'plain_text', text: 'Pick an agent' } } },
  ];
  const context: AssignContext = { ticket: ticketNumber, ...(threadTs ? { threadTs } : {}) };
  return {
    type: 'modal', callback_id: ASSIGN_MODAL_ID, private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: `Assign ${ticketNumber}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Assign' }, close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The fields of the Assign modal's `view_submission` we read (users_select carries `selected_user`). */
export type AssignSubmission = {
  user?: { id?: string };
  view?: { private_metadata?: string; state?: { values?: Record<string, Record<string, { selected_user?: string | null }>> } };
};

/** The chosen agent, or the error Slack shows under the field. */
export function readAssignSubmission(body: AssignSubmission):
  | { ok: true; ticket: string; threadTs?: string; agent: string; assignee: string }
  | { ok: false; errors: Record<string, string> } {
  let context: Partial<AssignContext> = {};
  try {
    context = JSON.parse(body.view?.private_metadata ?? '{}') as Partial<AssignContext>;
  } catch {
    // A view we did not open: refused below.
  }
  const assignee = body.view?.state?.values?.[BLOCK_ID]?.[INPUT_ID]?.selected_user ?? '';
  if (!/^[UW][A-Z0-9]{1,40}$/.test(assignee)) return { ok: false, errors: { [BLOCK_ID]: 'Pick the agent who should own it.' } };
  const agent = body.user?.id;
  if (typeof context.ticket !== 'string' || !agent) return { ok: false, errors: { [BLOCK_ID]: 'This form lost its ticket: close it and choose Assign again.' } };
  return { ok: true, ticket: context.ticket, agent, assignee, ...(typeof context.threadTs === 'string' ? { threadTs: context.threadTs } : {}) };
}
