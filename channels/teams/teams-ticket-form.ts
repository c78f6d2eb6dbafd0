import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import TurndownService from 'turndown';
import { categoryLabel } from '../../src/engine/messages';
import type { FormTicket } from '../../src/engine/turns/form-ticket';
import type { Lang } from '../../src/types/conversation';
import { Category } from '../../src/types/ticket';

/** The message extension's commands (the manifest declares the same ids). */
export const FORM_COMMANDS = { newTicket: 'newTicket', fromMessage: 'ticketFromMessage' } as const;
/** Marks a submission as our new-ticket form (in `data`, beside the inputs). */
export const FORM_MARKER = 'fd_form';

const SUMMARY_MAX = 150;
const DESCRIPTION_MAX = 3000;

/** Every word of the form and its answers, in both languages. */
const TEXT = {
  en: {
    title: 'New IT ticket', summary: 'Summary', summaryHint: 'e.g. VPN fails with error 809', summaryMissing: 'Say in a few words what the problem is.',
    description: 'What happens, since when, what you tried', urgency: 'How much does it stop your work?', urgencyMissing: 'Choose how much it stops your work.', high: 'I cannot work', medium: 'I can work around it', low: 'Not urgent',
    category: 'Area (optional)', submit: 'Submit', from: 'From a message by {name}',
    logged: 'Thanks: your ticket is being logged. Its number arrives in your chat with Frontdesk in a moment.',
    noChat: 'Open a chat with Frontdesk once (Apps → Frontdesk → Chat), then try again: that is where your ticket number and updates arrive.',
  },
  zh: {
    title: '新建 IT 工单', summary: '标题', summaryHint: '例如：VPN 连接报错 809', summaryMissing: '请用几个字说明问题。',
    description: '具体情况、开始时间、已尝试的办法', urgency: '对工作的影响有多大？', urgencyMissing: '请选择对工作的影响程度。', high: '完全无法工作', medium: '可以暂时绕过', low: '不紧急',
    category: '类别（可选）', submit: '提交', from: '来自 {name} 的消息',
    logged: '谢谢，正在为您登记工单，工单号稍后会发送到您与 Frontdesk 的对话中。',
    noChat: '请先打开一次与 Frontdesk 的对话（应用 → Frontdesk → 聊天），然后重试：工单号和进展都会发到那里。',
  },
} as const;

/** A form text in `lang`. */
export function formText(key: keyof (typeof TEXT)['en'], lang: Lang, name = ''): string {
  return TEXT[lang][key].replace('{name}', name);
}

/** A message the form starts from (the message extension's message action): its HTML body, link and author. */
export type FormPrefill = { html: string; link?: string; author?: string };

/** The Teams message body (HTML) as readable text. */
export function messageText(html: string): string {
  return new TurndownService({ headingStyle: 'atx', bulletListMarker: '-' }).turndown(html).trim().slice(0, DESCRIPTION_MAX);
}

/** The new-ticket form as an Adaptive Card 1.5 (labels, required summary with its error, urgency without surprises). */
export function ticketFormCard(lang: Lang, prefill?: FormPrefill): Attachment {
  const t = TEXT[lang];
  const description = prefill ? messageText(prefill.html) : '';
  const firstLine = description.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  const link = prefill?.link && /^https:\/\//.test(prefill.link) ? prefill.link.slice(0, 500) : undefined;
  const body: unknown[] = [
    { type: 'Input.Text', id: 'summary', label: t.summary, placeholder: t.summaryHint, isRequired: true, errorMessage: t.summaryMissing, maxLength: SUMMARY_MAX, value: firstLine.slice(0, SUMMARY_MAX) },
    { type: 'Input.Text', id: 'description', label: t.description, isMultiline: true, maxLength: DESCRIPTION_MAX, value: description },
    {
      type: 'Input.ChoiceSet', id: 'urgency', label: t.urgency, style: 'expanded', isRequired: true, errorMessage: t.urgencyMissing, value: 'medium',
      choices: [{ title: t.high, value: 'high' }, { title: t.medium, value: 'medium' }, { title: t.low, value: 'low' }],
    },
    { type: 'Input.ChoiceSet', id: 'category', label: t.category, style: 'compact', choices: Category.options.map((c) => ({ title: categoryLabel(c, lang), value: c })) },
  ];
  if (link) body.push({ type: 'TextBlock', text: `[${formText('from', lang, (prefill?.author ?? '').replace(/[[\]]/g, ''))}](${link})`, wrap: true, isSubtle: true });
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body,
    actions: [{ type: 'Action.Submit', title: t.submit, data: { [FORM_MARKER]: 'ticket', lang, ...(link ? { source: link } : {}) } }],
  });
}

/** A task module (dialog) showing the form: the answer to `task/fetch` and `composeExtension/fetchTask`. */
export function formTask(lang: Lang, prefill?: FormPrefill): unknown {
  return { task: { type: 'continue', value: { title: TEXT[lang].title, height: 'large', width: 'medium', card: ticketFormCard(lang, prefill) } } };
}

/** A dialog that only says `text` (Teams shows it in place of the form). */
export function messageTask(text: string): unknown {
  return { task: { type: 'message', value: text } };
}

/** The submitted form (the inputs and our data, as Teams sends them in `data`), or null when it is not ours or has no summary. */
export function readTicketForm(data: unknown): { form: FormTicket; lang: Lang } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d[FORM_MARKER] !== 'ticket') return null;
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const summary = str(d.summary, SUMMARY_MAX);
  if (!summary) return null;
  const urgency = d.urgency === 'high' || d.urgency === 'medium' || d.urgency === 'low' ? d.urgency : undefined;
  const category = Category.safeParse(d.category);
  const source = typeof d.source === 'string' && /^https:\/\/\S+$/.test(d.source) ? d.source.slice(0, 500) : undefined;
  return {
    lang: d.lang === 'zh' ? 'zh' : 'en',
    form: {
      summary, description: str(d.description, DESCRIPTION_MAX),
      ...(urgency ? { urgency } : {}), ...(category.success ? { category: category.data } : {}), ...(source ? { source } : {}),
    },
  };
}
