import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Lang } from '../../src/types/conversation';

/** The invoke Teams sends for a Universal Action (Action.Execute) on a card. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';
/** The invoke Teams sends when a task module (dialog) is opened from a card or a message extension. */
export const TASK_FETCH_INVOKE = 'task/fetch';

/** Adaptive Card Universal Action response bodies (statusCode and type as the Bot Framework defines them). */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: unknown }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const NO_DIALOG: Record<Lang, string> = {
  en: 'Just write to me in this chat: describe the problem and I will take it from there.',
  zh: '请直接在此对话中描述问题，我会接着处理。',
};

/** A Universal Action's `action.data` as the message-submit `value` the click mapping reads; null if there is none. */
export function executeData(activity: Partial<Activity>): Record<string, unknown> | null {
  const action = (activity.value as { action?: { type?: unknown; data?: unknown } } | undefined)?.action;
  const data = action?.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

/** The card that replaces the clicked one: Teams swaps it in place, for the clicker and for everyone in the chat. */
export function cardResponse(attachment: Attachment): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: attachment.content };
}

/** A short message Teams shows to the clicker only (the private answer a Universal Action allows). */
export function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** An action that is not one of ours: an error the Teams client shows, not a retry. */
export function unknownActionResponse(): CardActionResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This action is not one Frontdesk knows.' } };
}

/** Frontdesk opens no task modules: a `task/fetch` is answered with a message pointing to the chat. */
export function taskFetchResponse(lang: Lang): unknown {
  return { task: { type: 'message', value: NO_DIALOG[lang] } };
}

/** Answer the invoke with HTTP 200 and `body`; without this botbuilder answers 501 Not Implemented. */
export async function answerInvoke(turn: TurnContext, body: unknown): Promise<void> {
  await turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Partial<Activity>);
}
