// The payloads the Slack tests replay, recorded as Slack sends them; the bench varies only ids, users and timestamps.
import blockActions from '../../test/fixtures/slack/block-actions.json';
import reactionAdded from '../../test/fixtures/slack/event-reaction-added-channel.json';
import messageIm from '../../test/fixtures/slack/event-message-im.json';
import shortcutMessage from '../../test/fixtures/slack/shortcut-message.json';
import shortcutGlobal from '../../test/fixtures/slack/shortcut-global.json';
import homeOpened from '../../test/fixtures/slack/event-app-home-opened.json';
import newTicketSubmission from '../../test/fixtures/slack/view-submission-new-ticket.json';
import ticketActionSubmission from '../../test/fixtures/slack/view-submission-ticket-action.json';

/** The kinds of request in a mixed Slack burst. */
export const SLACK_PAYLOAD_KINDS = [
  'message', 'block_actions_choice', 'block_actions_overflow', 'view_submission_ticket_action',
  'view_submission_new_ticket', 'message_action', 'reaction_added', 'app_home_opened', 'shortcut',
] as const;
/** One kind of Slack request. */
export type SlackPayloadKind = (typeof SLACK_PAYLOAD_KINDS)[number];

/** One request body as Slack posts it to /slack/events: JSON for events, `payload=<json>` form-encoded for interactivity. */
export type SlackBenchRequest = { kind: SlackPayloadKind; body: string; contentType: string };

/** The tier-2 channel the agents' overflow menu clicks come from. */
export const BENCH_TIER2_CHANNEL = 'C0BENCHT2';
/** Whose channel message the :ticket: reactions are on (the Web API stand-in returns messages by this user). */
export const BENCH_AUTHOR = 'U0BENCHAUTHOR';

const OVERFLOW_VERBS = ['transfer', 'priority', 'note', 'reopen'] as const;
const ACTION_MODALS = [['fd_t2_transfer', 'network-ops'], ['fd_t2_priority', 'P2'], ['fd_t2_note', 'Checked the switch port, fine.']] as const;

/**
 * Request `i` of a mixed burst: of every twelve, four DM messages and one of each interaction (a user's
 * answer button, an agent's overflow menu, a ticket-action modal, the new-ticket modal, the message
 * shortcut, a :ticket: reaction, the App Home opened and the global shortcut). `group` keeps each burst's
 * users, messages and views new.
 */
export function mixedRequest(i: number, users: number, group: string): SlackBenchRequest {
  const slot = i % 12;
  const user = `U0BENCH${group}${i % users}`;
  const ts = `1700500000.${String(i).padStart(6, '0')}`;
  const id = `${group}${i}`;
  if (slot === 4) {
    // A requester answers the bot's question in their DM (choice buttons).
    const click = copy(blockActions) as Record<string, any>;
    Object.assign(click, { user: { ...click.user, id: user }, channel: { id: `D0BENCH${group}${i % users}`, name: 'directmessage' }, trigger_id: `bench.${id}` });
    click.container = { ...click.container, channel_id: click.channel.id, message_ts: ts };
    click.message = { ...click.message, ts };
    click.actions = [{ ...click.actions[0], action_ts: ts }];
    return interaction('block_actions_choice', click);
  }
  if (slot === 5) {
    // An agent picks transfer, priority, note or reopen in the ticket card's overflow menu.
    const verb = OVERFLOW_VERBS[Math.floor(i / 10) % OVERFLOW_VERBS.length];
    const ticket = `INC-${String(1 + (i % 50)).padStart(6, '0')}`;
    const click = copy(blockActions) as Record<string, any>;
    Object.assign(click, { user: { id: 'U0BENCHAGENT', team_id: 'T0ACME' }, channel: { id: BENCH_TIER2_CHANNEL, name: 'it-tier2' }, trigger_id: `bench.${id}` });
    click.container = { type: 'message', message_ts: ts, channel_id: BENCH_TIER2_CHANNEL, is_ephemeral: false };
    click.message = { ...click.message, ts };
    click.actions = [{ type: 'overflow', action_id: 'fd_t2_more', block_id: 'fd_tier2', selected_option: { text: { type: 'plain_text', text: verb, emoji: true }, value: `${verb}:${ticket}` }, action_ts: ts }];
    return interaction('block_actions_overflow', click);
  }
  if (slot === 6) {
    const [callbackId, value] = ACTION_MODALS[Math.floor(i / 10) % ACTION_MODALS.length];
    const body = copy(ticketActionSubmission) as Record<string, any>;
    const state = callbackId === 'fd_t2_note' ? { type: 'plain_text_input', value } : { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value, emoji: true }, value } };
    body.user = { ...body.user, id: 'U0BENCHAGENT' };
    body.view = { ...body.view, id: `V0ACT${id}`, callback_id: callbackId, private_metadata: JSON.stringify({ ticket: `INC-${String(1 + (i % 50)).padStart(6, '0')}`, threadTs: ts }), state: { values: { fd_ticket_action: { fd_ticket_action_input: state } } } };
    return interaction('view_submission_ticket_action', body);
  }
  if (slot === 7) {
    const body = copy(newTicketSubmission) as Record<string, any>;
    body.user = { ...body.user, id: user };
    body.view = { ...body.view, id: `V0NEW${id}`, root_view_id: `V0NEW${id}` };
    return interaction('view_submission_new_ticket', body);
  }
  if (slot === 8) {
    const body = copy(shortcutMessage) as Record<string, any>;
    Object.assign(body, { user: { ...body.user, id: user }, trigger_id: `bench.${id}`, action_ts: ts, message_ts: ts });
    body.message = { ...body.message, ts };
    return interaction('message_action', body);
  }
  if (slot === 9) {
    const body = copy(reactionAdded) as Record<string, any>;
    body.event = { ...body.event, user, item: { type: 'message', channel: 'C0BENCHGENERAL', ts }, item_user: BENCH_AUTHOR, event_ts: ts };
    body.event_id = `Ev0REACT${id}`;
    return { kind: 'reaction_added', body: JSON.stringify(body), contentType: 'application/json' };
  }
  if (slot === 10) {
    // The App Home tab opened: views.publish of the person's tickets, after the ack.
    const body = copy(homeOpened) as Record<string, any>;
    body.event = { ...body.event, user, channel: `D0BENCH${group}${i % users}`, event_ts: ts };
    body.event_id = `Ev0HOME${id}`;
    return { kind: 'app_home_opened', body: JSON.stringify(body), contentType: 'application/json' };
  }
  if (slot === 11) {
    const body = copy(shortcutGlobal) as Record<string, any>;
    Object.assign(body, { user: { ...body.user, id: user }, trigger_id: `bench.${id}`, action_ts: ts });
    return interaction('shortcut', body);
  }
  return { kind: 'message', body: messageBody(i, users, group), contentType: 'application/json' };
}

/** A DM message event as Slack sends it (the recorded one, with its own user, channel, text and ts). */
export function messageBody(i: number, users: number, group: string): string {
  const body = copy(messageIm) as Record<string, any>;
  const ts = `1700100000.${String(i).padStart(6, '0')}`;
  const text = `my laptop is slow (${i})`;
  body.event = { ...body.event, user: `U0BENCH${group}${i % users}`, channel: `D0BENCH${group}${i % users}`, text, ts, event_ts: ts, client_msg_id: `bench-${group}-${i}` };
  body.event.blocks = [{ ...body.event.blocks[0], elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }];
  body.event_id = `Ev0BENCH${group}${i}`;
  return JSON.stringify(body);
}

function interaction(kind: SlackPayloadKind, payload: unknown): SlackBenchRequest {
  return { kind, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
