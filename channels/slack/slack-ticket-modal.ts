import { categoryLabel } from '../../src/engine/messages';
import type { FormTicket } from '../../src/engine/turns/form-ticket';
import type { Lang } from '../../src/types/conversation';
import { Category } from '../../src/types/ticket';
import type { SlackBlock } from './slack-blocks';
import { surfaceText } from './slack-surface-text';

/** callback_id of the new-ticket modal (/helpdesk, the shortcuts, the App Home button). */
export const NEW_TICKET_MODAL_ID = 'fd_new_ticket';
/** What opens it: the slash command and the two "Report to IT" shortcuts (the manifest declares the same). */
export const OPENERS = { command: '/helpdesk', shortcut: 'fd_report', messageShortcut: 'fd_report_message' } as const;

// Block Kit: plain_text_input max_length and initial_value at most 3,000; option text 75; modal title 24.
const SUMMARY_MAX = 150;
const DESCRIPTION_MAX = 3000;
const IDS = {
  summary: ['fd_summary', 'fd_summary_text'],
  description: ['fd_description', 'fd_description_text'],
  urgency: ['fd_urgency', 'fd_urgency_select'],
  category: ['fd_category', 'fd_category_select'],
} as const;

/** What the modal remembers between opening and submission (Slack hands `private_metadata` back). */
type ModalContext = { lang: Lang; source?: string };

/** A message the modal starts from ("Report to IT" on a message): its text and where it is. */
export type ModalPrefill = { text: string; permalink?: string; channelName?: string };

const option = (text: string, value: string) => ({ text: { type: 'plain_text', text: text.slice(0, 75) }, value });

/** The new-ticket modal in `lang`, empty or prefilled with a message. */
export function newTicketModal(lang: Lang, prefill?: ModalPrefill): Record<string, unknown> {
  const t = (key: Parameters<typeof surfaceText>[0]) => surfaceText(key, lang);
  const firstLine = prefill?.text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const urgencies = [option(t('urgencyHigh'), 'high'), option(t('urgencyMedium'), 'medium'), option(t('urgencyLow'), 'low')];
  const blocks: SlackBlock[] = [
    {
      type: 'input', block_id: IDS.summary[0], label: { type: 'plain_text', text: t('summary') },
      element: {
        type: 'plain_text_input', action_id: IDS.summary[1], max_length: SUMMARY_MAX, placeholder: { type: 'plain_text', text: t('summaryHint') },
        ...(firstLine ? { initial_value: firstLine.slice(0, SUMMARY_MAX) } : {}),
      },
    },
    {
      type: 'input', block_id: IDS.description[0], optional: true, label: { type: 'plain_text', text: t('description') },
      element: {
        type: 'plain_text_input', action_id: IDS.description[1], multiline: true, max_length: DESCRIPTION_MAX,
        ...(prefill?.text ? { initial_value: prefill.text.slice(0, DESCRIPTION_MAX) } : {}),
      },
    },
    {
      type: 'input', block_id: IDS.urgency[0], label: { type: 'plain_text', text: t('urgency') },
      element: { type: 'static_select', action_id: IDS.urgency[1], options: urgencies, initial_option: urgencies[1] },
    },
    {
      type: 'input', block_id: IDS.category[0], optional: true, label: { type: 'plain_text', text: t('category') },
      element: { type: 'static_select', action_id: IDS.category[1], options: Category.options.map((c) => option(categoryLabel(c, lang), c)) },
    },
  ];
  if (prefill?.permalink) {
    const from = surfaceText('fromMessage', lang, { channel: (prefill.channelName ?? '').replace(/[<>&*_~`]/g, '') });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${prefill.permalink}|${from}>` }] });
  }
  const context: ModalContext = { lang, ...(prefill?.permalink ? { source: prefill.permalink } : {}) };
  return {
    type: 'modal', callback_id: NEW_TICKET_MODAL_ID, private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: t('modalTitle') }, submit: { type: 'plain_text', text: t('submit') }, close: { type: 'plain_text', text: t('cancel') },
    blocks,
  };
}

/** The state values of a submitted view, as Slack sends them: text inputs carry `value`, selects `selected_option`. */
type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>>;

/** The fields of the modal's `view_submission` we read. */
export type NewTicketSubmission = {
  type: 'view_submission';
  user?: { id?: string; team_id?: string };
  view?: { id?: string; callback_id?: string; private_metadata?: string; state?: { values?: ViewValues } };
};

/** The submitted form, or the errors Slack shows under the fields (the modal stays open). */
export function readNewTicketSubmission(body: NewTicketSubmission):
  | { ok: true; user: string; viewId: string; lang: Lang; form: FormTicket }
  | { ok: false; errors: Record<string, string> } {
  let context: Partial<ModalContext> = {};
  try {
    context = JSON.parse(body.view?.private_metadata ?? '{}') as Partial<ModalContext>;
  } catch {
    // Tampered metadata: the form is still the person's, only its language and source are lost.
  }
  const lang: Lang = context.lang === 'zh' ? 'zh' : 'en';
  const values = body.view?.state?.values ?? {};
  const read = ([block, action]: readonly [string, string]) => values[block]?.[action];
  const summary = (read(IDS.summary)?.value ?? '').trim().slice(0, SUMMARY_MAX);
  if (!summary) return { ok: false, errors: { [IDS.summary[0]]: surfaceText('summaryMissing', lang) } };
  const description = (read(IDS.description)?.value ?? '').trim().slice(0, DESCRIPTION_MAX);
  const urgency = read(IDS.urgency)?.selected_option?.value;
  const category = Category.safeParse(read(IDS.category)?.selected_option?.value);
  const source = typeof context.source === 'string' && /^https:\/\/[^\s]+$/.test(context.source) ? context.source.slice(0, 500) : undefined;
  const form: FormTicket = {
    summary, description,
    ...(urgency === 'high' || urgency === 'medium' || urgency === 'low' ? { urgency } : {}),
    ...(category.success ? { category: category.data } : {}),
    ...(source ? { source } : {}),
  };
  return { ok: true, user: body.user?.id ?? '', viewId: body.view?.id ?? '', lang, form };
}
