import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { HttpError } from '../../src/http/body';
import { createLogger } from '../../src/log';
import { SlackEventsReceiver } from '../../channels/slack/slack-receiver';
import { acknowledgedFirst } from '../../channels/slack/slack-listeners';
import { fixture } from './helpers/fixtures';
import { postCommand, postEvent, postInteraction, TEST_SIGNING_SECRET } from './helpers/signed-request';

/**
 * The receiver on a bare HTTP server, with a stand-in for bolt's App that records what reaches it and never
 * acknowledges by itself (unless told to): whatever answers 200 without it was answered by the receiver.
 */
async function receiverRig(options: { answerBeforeAck?: (body: Record<string, any>) => Promise<unknown> | null } = {}) {
  const processed: Array<Record<string, any>> = [];
  const jobs: Array<() => Promise<unknown>> = [];
  const receiver = new SlackEventsReceiver({
    signingSecret: TEST_SIGNING_SECRET, log: createLogger({ level: 'silent' }), now: Date.now,
    onMessageEvent: async () => undefined, onReactionEvent: async () => undefined,
    acknowledgedFirst, answerBeforeAck: options.answerBeforeAck ?? (() => null), afterAcks: (_what, job) => void jobs.push(job),
  });
  receiver.init({
    processEvent: async (event: { body: Record<string, any> }) => {
      processed.push(event.body);
    },
  } as unknown as App);
  const server = http.createServer((req, res) => {
    receiver.handle(req, res).catch((error: unknown) => res.writeHead(error instanceof HttpError ? error.status : 500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    processed,
    /** Run what was left for after the acknowledgements, as the channel does once the burst is answered. */
    runAfterAcks: async () => {
      for (const job of jobs.splice(0)) await job();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const command = { command: '/helpdesk', text: '', user_id: 'U0ALICE', channel_id: 'D0ALICEDM', team_id: 'T0ACME', trigger_id: '1234.5678.abcd' };

async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('Slack payloads whose listener acknowledges first (HTTP mode)', () => {
  it('are answered 200 before bolt runs, and reach bolt once the acknowledgements are out', async () => {
    const rig = await receiverRig();
    try {
      const overflow = fixture('block-actions');
      overflow.actions = [{ type: 'overflow', action_id: 'fd_t2_more', block_id: 'fd_tier2', selected_option: { value: 'note:INC-000001' }, action_ts: '1700000000.000100' }];
      // Act: a global and a message shortcut, /helpdesk, App Home opened and an agent's overflow menu click.
      const answers = [
        await postInteraction(rig.baseUrl, fixture('shortcut-global')),
        await postInteraction(rig.baseUrl, fixture('shortcut-message')),
        await postCommand(rig.baseUrl, command),
        await postEvent(rig.baseUrl, fixture('event-app-home-opened')),
        await postInteraction(rig.baseUrl, overflow),
      ];
      // Assert: every one answered with an empty 200 while bolt had seen none of them; then each reaches it once.
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await Promise.all(answers.map((a) => a.text()))).toEqual(['', '', '', '', '']);
      expect(rig.processed).toHaveLength(0);
      await rig.runAfterAcks();
      expect(rig.processed.map((b) => b.type ?? b.command)).toEqual(['shortcut', 'message_action', '/helpdesk', 'event_callback', 'block_actions']);
    } finally {
      await rig.close();
    }
  });

  it('answers choice clicks and view submissions itself, only once their work is done, without bolt', async () => {
    const work: Array<() => void> = [];
    const seen: string[] = [];
    const rig = await receiverRig({
      answerBeforeAck: (body) => {
        if (body.type !== 'block_actions' && body.type !== 'view_submission') return null;
        seen.push(body.type);
        return new Promise((resolve) => work.push(() => resolve(undefined)));
      },
    });
    try {
      let answered = 0;
      const pending = [postInteraction(rig.baseUrl, fixture('block-actions')), postInteraction(rig.baseUrl, fixture('view-submission-new-ticket'))].map((p) => p.then((res) => {
        answered++;
        return res;
      }));
      await eventuallyTrue(() => work.length === 2);
      // Stored (or checked) first: no answer while the work is out.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toBe(0);
      for (const done of work) done();
      const answers = await Promise.all(pending);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(seen).toEqual(['block_actions', 'view_submission']);
      expect(rig.processed).toHaveLength(0);
    } finally {
      await rig.close();
    }
  });

  it("gives a view submission the answer of its work (the errors that keep the modal open)", async () => {
    const errors = { response_action: 'errors', errors: { fd_summary: 'Say what is wrong' } };
    const rig = await receiverRig({ answerBeforeAck: (body) => (body.type === 'view_submission' ? Promise.resolve(errors) : null) });
    try {
      const res = await postInteraction(rig.baseUrl, fixture('view-submission-new-ticket'));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(errors);
    } finally {
      await rig.close();
    }
  });

  it('knows which payloads those are', () => {
    const overflow = { type: 'block_actions', actions: [{ action_id: 'fd_t2_more' }] };
    expect(acknowledgedFirst(overflow)).toBe(true);
    expect(acknowledgedFirst(fixture('block-actions'))).toBe(false);
    expect(acknowledgedFirst(fixture('view-submission-new-ticket'))).toBe(false);
    expect(acknowledgedFirst(fixture('event-message-im'))).toBe(false);
    expect(acknowledgedFirst(fixture('event-reaction-added'))).toBe(false);
    expect(acknowledgedFirst(fixture('event-app-home-opened'))).toBe(true);
    expect(acknowledgedFirst(fixture('shortcut-global'))).toBe(true);
    expect(acknowledgedFirst({ ...fixture('shortcut-global'), callback_id: 'someone_elses' })).toBe(false);
    expect(acknowledgedFirst({ ...command })).toBe(true);
    expect(acknowledgedFirst({ ...command, command: '/other' })).toBe(false);
  });
});
