import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import { z } from 'zod';
import { jsonDepth, MAX_JSON_DEPTH } from '../../src/http/body';
import { compileCheck, type CheckFailure } from '../../src/http/compiled-check';
import { RESOLVE_MODAL_ID } from './slack-resolve-modal';
import { NEW_TICKET_MODAL_ID, OPENERS } from './slack-ticket-modal';
import { ASSIGN_MODAL_ID } from './slack-assign-modal';
import { TICKET_ACTION_MODALS } from './slack-ticket-action-modals';

// Fuzzing found that bolt dereferences fields of signed payloads without checking them (500 on
// `{"type":"shortcut"}`, a string `event`, a non-string `text`, 5,000-deep nesting) and never answers
// payload types it does not know (the request hangs until the 2.5 s timeout). So the raw request is
// checked here first: signature, nesting depth, and the shape of what bolt and our listeners read.

/** Deeper JSON than this is not something Slack sends; refusing it keeps recursion in libraries bounded. */
export const MAX_SLACK_JSON_DEPTH = MAX_JSON_DEPTH;

const str = z.string().max(20_000);
// Checks only: bolt gets the parsed JSON itself, never zod's output. So objects are z.object, which allows
// other keys (and would leave them out of the output). The schemas are compiled into plain functions
// (compileCheck, on first use: warmEnvelopeChecks at start): zod's own parse was most of the envelope's cost
// while its code is cold.
const fields = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

// Slack ids (team, user, channel, enterprise) are upper-case letters and digits; bolt uses some as map keys.
const id = z.string().regex(/^[A-Z0-9]{1,40}$/, 'not a Slack id');
const flag = z.boolean().optional();
const MessageEvent = fields({
  type: z.enum(['message', 'app_mention']),
  subtype: str.optional(), channel: id.optional(), channel_type: str.optional(), user: id.optional(), bot_id: id.optional(),
  text: str.optional(), ts: str.optional(), thread_ts: str.optional(), parent_user_id: id.optional(), team: id.optional(),
  user_team: id.optional(), source_team: id.optional(),
  files: z.array(fields({
    id: str.optional(), name: str.optional(), title: str.optional(), mimetype: str.optional(), size: z.number().int().nonnegative().optional(),
    url_private: str.optional(), url_private_download: str.optional(),
  })).max(50).optional(),
});
const EventCallback = fields({
  type: z.literal('event_callback'), event: MessageEvent, event_id: str.optional(), team_id: id.optional(), api_app_id: str.optional(),
  context_team_id: id.nullish(), enterprise_id: id.nullish(), context_enterprise_id: id.nullish(), is_enterprise_install: flag,
  authorizations: z.array(fields({ team_id: id.nullish(), enterprise_id: id.nullish(), user_id: id.optional(), is_bot: flag, is_enterprise_install: flag })).optional(),
});
const HomeOpened = fields({ type: z.literal('app_home_opened'), user: id, channel: id.optional(), tab: str.optional() });
const HomeCallback = fields({ type: z.literal('event_callback'), event: HomeOpened, team_id: id.optional() });
const Reaction = fields({
  type: z.literal('reaction_added'), user: id, reaction: str, item_user: id.optional(),
  item: fields({ type: str, channel: id.optional(), ts: str.optional() }),
});
const ReactionCallback = fields({ type: z.literal('event_callback'), event: Reaction, team_id: id.optional() });
const UrlVerification = fields({ type: z.literal('url_verification'), challenge: str });
const BlockActions = fields({
  type: z.literal('block_actions'),
  user: fields({ id, team_id: id.nullish() }),
  team: fields({ id }).nullish(),
  enterprise: fields({ id }).nullish(),
  is_enterprise_install: flag,
  channel: fields({ id }).nullish(),
  container: fields({ message_ts: str.optional(), channel_id: id.optional(), thread_ts: str.optional() }).optional(),
  message: fields({ ts: str.optional(), thread_ts: str.optional(), blocks: z.array(z.object({})).optional() }).optional(),
  actions: z.array(fields({ action_id: str, value: str.optional(), text: fields({ text: str.optional() }).optional(), selected_option: fields({ value: str.optional() }).nullish() })).min(1),
});

const ViewSubmission = fields({
  type: z.literal('view_submission'),
  user: fields({ id, team_id: id.nullish() }),
  team: fields({ id }).nullish(),
  enterprise: fields({ id }).nullish(),
  is_enterprise_install: flag,
  view: fields({
    id: str, callback_id: str, private_metadata: str.optional(),
    state: fields({ values: z.record(str, z.record(str, fields({ value: str.nullish(), selected_user: str.nullish() }))) }),
  }),
});
/** Views whose submissions have a listener (the Resolve and new-ticket modals); others are acknowledged and dropped here. */
export const HANDLED_VIEWS = new Set<string>([RESOLVE_MODAL_ID, NEW_TICKET_MODAL_ID, ASSIGN_MODAL_ID, ...Object.values(TICKET_ACTION_MODALS)]);

/** The slash command's form fields bolt and our listener read. */
const SlashCommand = z.object({ command: z.literal(OPENERS.command), user_id: id, channel_id: id, team_id: id.optional(), trigger_id: str, text: str.optional() });
/** A global shortcut and a message shortcut ("Report to IT"). */
const Shortcut = fields({
  type: z.enum(['shortcut', 'message_action']), callback_id: z.enum([OPENERS.shortcut, OPENERS.messageShortcut]), trigger_id: str,
  user: fields({ id, team_id: id.nullish() }), team: fields({ id, domain: str.optional() }).nullish(), enterprise: fields({ id }).nullish(),
  channel: fields({ id, name: str.optional() }).optional(), message: fields({ ts: str.optional(), text: str.optional() }).optional(),
});

const check = {
  eventCallback: compileCheck(EventCallback), urlVerification: compileCheck(UrlVerification), blockActions: compileCheck(BlockActions),
  viewSubmission: compileCheck(ViewSubmission), slashCommand: compileCheck(SlashCommand), shortcut: compileCheck(Shortcut),
};
/** Events other than messages that have a listener, and the shape each must have. */
const OTHER_EVENTS: Record<string, (value: unknown) => CheckFailure | null> = { app_home_opened: compileCheck(HomeCallback), reaction_added: compileCheck(ReactionCallback) };

/** The verdict on a payload of `what` that `failure` says does (not) fit. */
function verdictOf(what: string, body: unknown, failure: CheckFailure | null): EnvelopeVerdict {
  return failure ? { kind: 'invalid', reason: `${what}: ${failure.path} ${failure.message}` } : { kind: 'pass', body: body as Record<string, unknown> };
}

/** What to do with a request before bolt sees it; `pass` carries the parsed body bolt is given. */
export type EnvelopeVerdict =
  | { kind: 'pass'; body: Record<string, unknown> }
  | { kind: 'ssl_check' }
  | { kind: 'unsigned' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'drop'; reason: string };

/** Slack's signature over the body as bolt checks it (UTF-8 text): `v0=` HMAC-SHA256 of `v0:ts:body`. */
export function signatureValid(raw: Buffer, timestamp: string, given: string, secret: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${raw.toString()}`).digest('hex')}`);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (jsonDepth(text) > MAX_SLACK_JSON_DEPTH) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * An interaction's form body is one field, `payload`: decoded by the engine's own decodeURIComponent, which costs
 * half of querystring's decoder written in JavaScript. Any other form, or an escape decodeURIComponent refuses
 * (querystring keeps those as they are), goes to querystring.
 */
function parseForm(text: string): ParsedUrlQuery {
  if (text.startsWith('payload=') && !text.includes('&')) {
    try {
      return { payload: decodeURIComponent(text.slice('payload='.length).replace(/\+/g, ' ')) };
    } catch {
      // A malformed escape: querystring's reading of it below.
    }
  }
  return parseQuery(text);
}

/**
 * Check one payload of each kind we accept, signed with `secret`, and forget the verdicts. The first check of a
 * kind costs milliseconds (ajv compiles its check, V8 each function on its first run): paid at
 * start instead of by the first burst's acks.
 */
export function warmEnvelopeChecks(payloads: ReadonlyArray<{ body: string; contentType: string }>, secret: string): void {
  const timestamp = String(Math.floor(Date.now() / 1000));
  for (const { body, contentType } of payloads) {
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    checkSlackEnvelope(Buffer.from(body), { contentType, timestamp, signature }, secret);
  }
}

/** Check a /slack/events request: signed, JSON or form as Slack sends, in a shape our listeners can read. */
export function checkSlackEnvelope(raw: Buffer, headers: { contentType: string; timestamp: string; signature: string }, secret: string): EnvelopeVerdict {
  const text = raw.toString();
  // Parsed once: decoding an interaction's form body costs more than checking its signature.
  const form = headers.contentType.startsWith('application/x-www-form-urlencoded') ? parseForm(text) : null;
  // Slack's SSL check is unsigned by design: it only wants a 200.
  if (form?.ssl_check === '1') return { kind: 'ssl_check' };
  if (!signatureValid(raw, headers.timestamp, headers.signature, secret)) return { kind: 'unsigned' };
  // Only what we listen to goes on to bolt: message, app_mention and app_home_opened events, block_actions
  // clicks, our modals' submissions, /helpdesk and the "Report to IT" shortcuts. Everything else would only be acknowledged there.
  if (form) {
    if (typeof form.payload !== 'string') {
      if (form.command !== OPENERS.command) return { kind: 'drop', reason: 'form body without payload (a slash command not ours)' };
      return verdictOf('slash command', { ...form }, check.slashCommand(form));
    }
    const parsed = parseJson(form.payload);
    if (!parsed.ok) return { kind: 'invalid', reason: `payload is not JSON (or nested deeper than ${MAX_SLACK_JSON_DEPTH})` };
    const type = (parsed.value as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') return { kind: 'invalid', reason: 'interaction payload has no string type' };
    if (type === 'view_submission') {
      const callbackId = (parsed.value as { view?: { callback_id?: unknown } }).view?.callback_id;
      if (typeof callbackId !== 'string' || !HANDLED_VIEWS.has(callbackId)) return { kind: 'drop', reason: 'view_submission of a view we did not open' };
      return verdictOf('view_submission', parsed.value, check.viewSubmission(parsed.value));
    }
    if (type === 'shortcut' || type === 'message_action') {
      const callbackId = (parsed.value as { callback_id?: unknown }).callback_id;
      if (callbackId !== OPENERS.shortcut && callbackId !== OPENERS.messageShortcut) return { kind: 'drop', reason: 'shortcut not ours' };
      return verdictOf(type, parsed.value, check.shortcut(parsed.value));
    }
    if (type !== 'block_actions') return { kind: 'drop', reason: `interaction type ${type.slice(0, 40)}` };
    return verdictOf('block_actions', parsed.value, check.blockActions(parsed.value));
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'invalid', reason: `body is not JSON (or nested deeper than ${MAX_SLACK_JSON_DEPTH})` };
  const type = (parsed.value as { type?: unknown } | null)?.type;
  if (type !== 'event_callback' && type !== 'url_verification') {
    return typeof type === 'string' ? { kind: 'drop', reason: `envelope type ${type.slice(0, 40)}` } : { kind: 'invalid', reason: 'body has no string type' };
  }
  const eventType = (parsed.value as { event?: { type?: unknown } }).event?.type;
  const other = typeof eventType === 'string' ? OTHER_EVENTS[eventType] : undefined;
  if (type === 'event_callback' && typeof eventType === 'string' && eventType !== 'message' && eventType !== 'app_mention' && !other) {
    return { kind: 'drop', reason: `event type ${eventType.slice(0, 40)}` };
  }
  const checkShape = type === 'url_verification' ? check.urlVerification : other ?? check.eventCallback;
  return verdictOf('event', parsed.value, checkShape(parsed.value));
}
