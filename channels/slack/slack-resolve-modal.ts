import type { SlackBlock } from './slack-blocks';

/** callback_id of the Resolve modal; the envelope check lets only this view's submissions through to bolt. */
export const RESOLVE_MODAL_ID = 'fd_t2_resolve';
const BLOCK_ID = 'fd_resolution';
const INPUT_ID = 'fd_resolution_text';
/** The user reads this as "resolved: …": a few sentences, not a log. */
const RESOLUTION_MAX = 500;

/** What the modal remembers between opening and submission (Slack hands `private_metadata` back). */
type ResolveContext = { ticket: string; threadTs?: string };

/** The modal an agent fills in when they press Resolve: what fixed it, which the user then reads. */
export function resolveModal(ticketNumber: string, threadTs: string | undefined): Record<string, unknown> {
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: `Resolve ${ticketNumber}: the user is told what fixed it and asked "Is it fixed?".` } },
    {
      type: 'input', block_id: BLOCK_ID,
      label: { type: 'plain_text', text: 'What fixed it?' },
      element: { type: 'plain_text_input', action_id: INPUT_ID, multiline: true, max_length: RESOLUTION_MAX, placeholder: { type: 'plain_text', text: 'e.g. Replaced the docking station' } },
    },
  ];
  const context: ResolveContext = { ticket: ticketNumber, ...(threadTs ? { threadTs } : {}) };
  return {
    type: 'modal', callback_id: RESOLVE_MODAL_ID, private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: `Resolve ${ticketNumber}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Resolve' }, close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The fields of a `view_submission` payload we read. */
export type SlackViewSubmission = {
  type: 'view_submission';
  user?: { id?: string };
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: Record<string, Record<string, { value?: string | null }>> } };
};

/** The submitted resolution, or the modal error to show (Slack keeps the modal open with it). */
export function readResolveSubmission(body: SlackViewSubmission):
  | { ok: true; ticket: string; threadTs?: string; agent: string; resolution: string }
  | { ok: false; errors: Record<string, string> } {
  let context: Partial<ResolveContext> = {};
  try {
    context = JSON.parse(body.view?.private_metadata ?? '{}') as Partial<ResolveContext>;
  } catch {
    // A view we did not open (or a tampered one): no ticket, refused below.
  }
  const resolution = (body.view?.state?.values?.[BLOCK_ID]?.[INPUT_ID]?.value ?? '').trim().slice(0, RESOLUTION_MAX);
  if (!resolution) return { ok: false, errors: { [BLOCK_ID]: 'Say what fixed it: the user reads this.' } };
  const agent = body.user?.id;
  if (typeof context.ticket !== 'string' || !agent) return { ok: false, errors: { [BLOCK_ID]: 'This form lost its ticket: close it and press Resolve again.' } };
  return { ok: true, ticket: context.ticket, agent, resolution, ...(typeof context.threadTs === 'string' ? { threadTs: context.threadTs } : {}) };
}
