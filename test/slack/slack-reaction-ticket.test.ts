import { fixture } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';

const MESSAGE_TS = '1700006000.000100';
const TEXT = 'The printer on floor 3 jams on every job & shows <error 42>';

/** `user` reacts with `reaction` to the message at `ts` in #general (reaction_added as Slack sends it). */
function reacted(user: string, reaction: string, ts = MESSAGE_TS, itemUser = 'U0ALICE', n = Math.random().toString(36).slice(2, 8)): Record<string, any> {
  const body = fixture('event-reaction-added-channel');
  Object.assign(body.event, { user, reaction, item: { type: 'message', channel: 'C0GENERAL', ts }, item_user: itemUser, event_ts: `1700006050.${n}` });
  body.event_id = `Ev0TK${n.toUpperCase()}`;
  return body;
}

async function tickets(t: SlackTestApp): Promise<Array<{ number: string; summary: string; requesterId: number }>> {
  await t.app.engine.idle();
  const alice = await t.app.store.findUser('slack', 'U0ALICE');
  return alice ? (await t.app.store.ticketsForUser(alice.id, 10)) as never : [];
}

describe('raise a ticket with a :ticket: reaction on a channel message', () => {
  let t: SlackTestApp;
  afterEach(() => t.stop());

  it('opens one ticket for the message\'s author with its text and permalink, told in a thread reply', async () => {
    t = await startSlackTestApp({}, {}, (api) => {
      api.messages.set(`C0GENERAL:${MESSAGE_TS}`, { user: 'U0ALICE', text: 'The printer on floor 3 jams on every job &amp; shows &lt;error 42&gt;' });
    });
    // Bob reacts (the author is Alice), then Carol's and Bob's second :ticket: and a skin-tone variant: still one ticket.
    expect((await postEvent(t.baseUrl, reacted('U0BOB', 'ticket'))).status).toBe(200);
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0GENERAL' && c.args.thread_ts === MESSAGE_TS));
    const [ticket] = await tickets(t);
    expect(String(reply.args.text)).toContain(ticket.number);
    for (const body of [reacted('U0AGENT', 'ticket'), reacted('U0BOB', 'ticket::skin-tone-2')]) expect((await postEvent(t.baseUrl, body)).status).toBe(200);
    await t.app.engine.idle();
    expect(await tickets(t)).toHaveLength(1);
    expect(ticket.summary).toBe(TEXT);
    const events = await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(ticket.number))!.id);
    expect(JSON.stringify(events)).toContain('https://acme.slack.com/archives/C0GENERAL/p1700006000000100');
    expect(t.api.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === MESSAGE_TS && String(c.args.text).includes(ticket.number))).toHaveLength(1);
  });

  it('ignores other emoji, the app\'s own messages, DMs and unreadable messages; the emoji is configurable', async () => {
    t = await startSlackTestApp({ ticketEmoji: 'sos' }, {}, (api) => {
      api.messages.set(`C0GENERAL:${MESSAGE_TS}`, { user: 'U0ALICE', text: 'VPN down again' });
    });
    const dm = reacted('U0ALICE', 'sos');
    dm.event.item.channel = 'D0ALICEDM';
    for (const body of [reacted('U0BOB', 'ticket'), reacted('U0BOB', 'sos', MESSAGE_TS, 'U0FRONTDESK'), dm, reacted('U0BOB', 'sos', '1700006000.000999')]) {
      expect((await postEvent(t.baseUrl, body)).status).toBe(200);
    }
    expect(await tickets(t)).toHaveLength(0);
    await postEvent(t.baseUrl, reacted('U0BOB', 'sos'));
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === MESSAGE_TS));
    expect(await tickets(t)).toHaveLength(1);
  });
});

describe('the :ticket: reaction is acknowledged before Slack is asked about the message', () => {
  let t: SlackTestApp;
  afterEach(() => t.stop());

  it('answers 200 while conversations.history and chat.getPermalink are still unanswered, then opens the ticket', async () => {
    let release: () => void = () => undefined;
    const slowSlack = new Promise<void>((resolve) => {
      release = resolve;
    });
    t = await startSlackTestApp({}, {}, (api) => {
      api.messages.set(`C0GENERAL:${MESSAGE_TS}`, { user: 'U0ALICE', text: 'VPN drops every hour' });
      api.hold('conversations.history', slowSlack);
      api.hold('chat.getPermalink', slowSlack);
    });
    // Slack gives up on an event after 3 s; the reads it would wait for are held until the answer is in.
    const deadline = new Promise<string>((resolve) => setTimeout(() => resolve('no answer within Slack\'s 3 s'), 3000).unref());
    const answer = await Promise.race([postEvent(t.baseUrl, reacted('U0BOB', 'ticket')).then((r) => r.status), deadline]);
    release();
    expect(answer).toBe(200);
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.thread_ts === MESSAGE_TS));
    expect(await tickets(t)).toHaveLength(1);
  });
});
