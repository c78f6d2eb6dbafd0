import type { Activity } from 'botbuilder';
import { FORM_TICKET_ACTION, formText as inboundText } from '../../src/engine/turns/form-ticket';
import type { AcceptResult, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, Lang, UserProfile } from '../../src/types/conversation';
import { conversationTypeOf, langOfLocale, platformMessageIdOf, refOf } from './teams-activity';
import { FORM_COMMANDS, FORM_MARKER, formTask, formText, messageTask, readTicketForm, type FormPrefill } from './teams-ticket-form';

/** Invokes that open the new-ticket form, and those that submit it. */
export const FORM_INVOKES = { fetch: 'composeExtension/fetchTask', submit: 'composeExtension/submitAction', taskFetch: 'task/fetch', taskSubmit: 'task/submit' } as const;

/** What answering a form invoke needs from the channel. */
export type FormInvokeDeps = {
  context(): ChannelContext;
  profile(): Promise<UserProfile>;
  accept(message: InboundMessage): Promise<AcceptResult | null>;
  defaultLang: Lang;
};

type InvokeValue = {
  commandId?: unknown;
  data?: unknown;
  messagePayload?: { body?: { content?: unknown }; linkToMessage?: unknown; from?: { user?: { displayName?: unknown } } };
};

/**
 * The body answering a form invoke, or undefined when the invoke is not about our form. Opening: the form as a
 * dialog (prefilled from the message for "Report to IT" on a message). Submitting: the form is stored as the
 * person's message in their personal chat with the bot, where the engine confirms the ticket with its number;
 * the dialog closes with a short thank-you.
 */
export async function answerFormInvoke(activity: Partial<Activity>, deps: FormInvokeDeps): Promise<unknown | undefined> {
  const value = (activity.value ?? {}) as InvokeValue;
  const lang = langOfLocale(activity.locale) ?? deps.defaultLang;
  if (activity.name === FORM_INVOKES.fetch) {
    if (value.commandId === FORM_COMMANDS.newTicket) return formTask(lang);
    if (value.commandId === FORM_COMMANDS.fromMessage) return formTask(lang, prefillOf(value));
    return undefined;
  }
  if (activity.name === FORM_INVOKES.taskFetch) {
    const data = value.data as Record<string, unknown> | undefined;
    return data?.[FORM_MARKER] === 'open' ? formTask(lang) : undefined;
  }
  if (activity.name !== FORM_INVOKES.submit && activity.name !== FORM_INVOKES.taskSubmit) return undefined;
  const read = readTicketForm(value.data);
  if (!read) return activity.name === FORM_INVOKES.submit ? formTask(lang) : undefined;
  const ref = await personalChatOf(activity, deps.context());
  if (!ref) return messageTask(formText('noChat', read.lang));
  const message: InboundMessage = {
    ref,
    // Teams repeats an invoke it got no answer to within 5 s: the same activity is one form, one ticket.
    platformMessageId: `form:${platformMessageIdOf(activity)}`.slice(0, 512),
    text: inboundText(read.form),
    action: { id: FORM_TICKET_ACTION, value: JSON.stringify(read.form) },
    user: await deps.profile(),
  };
  const accepted = await deps.accept(message);
  return accepted ? messageTask(formText('logged', read.lang)) : messageTask(formText('summaryMissing', read.lang));
}

function prefillOf(value: InvokeValue): FormPrefill | undefined {
  const payload = value.messagePayload;
  const html = typeof payload?.body?.content === 'string' ? payload.body.content : '';
  if (!html) return undefined;
  const author = payload?.from?.user?.displayName;
  return { html, ...(typeof payload?.linkToMessage === 'string' ? { link: payload.linkToMessage } : {}), ...(typeof author === 'string' ? { author } : {}) };
}

/**
 * Where the confirmation goes: the personal chat the form was opened in, else the person's personal chat
 * with the bot the store knows from an earlier ticket; null when there is none (a channel must not read it).
 */
async function personalChatOf(activity: Partial<Activity>, ctx: ChannelContext): Promise<ConversationRef | null> {
  const here = refOf(activity);
  if (conversationTypeOf(activity) === 'personal') return here;
  const person = await ctx.lookup.findUser('teams', here.userId);
  if (!person) return null;
  for (const ticket of await ctx.lookup.ticketsForUser(person.id, 20)) {
    const ref = (await ctx.lookup.getConversation(ticket.conversationId))?.ref;
    if (ref?.extra?.conversationType === 'personal') return ref;
  }
  return null;
}
