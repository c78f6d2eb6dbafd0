import { renderForSlack } from '../../channels/slack/slack-blocks';
import { noticeMessage } from '../../src/broadcast/broadcast-notice';
import { hashPassword } from '../../src/console/password';
import { AGENTS, loginAs, PASSWORD } from '../console/helpers';
import { waitFor } from '../helpers/test-app';
import { dmEvent } from '../slack/helpers/fixtures';
import { postEvent } from '../slack/helpers/signed-request';
import { startSlackTestApp, type SlackTestApp } from '../slack/helpers/slack-test-app';

const TEXT = 'Mail is down in Shanghai, we are on it';
const NOTE = 'Mail is back, thanks for your patience';
/** What chat.postMessage must carry: the notice as the real Slack renderer turns it into mrkdwn. */
const slackText = (kind: 'notice' | 'follow_up') => renderForSlack(noticeMessage({ text: TEXT, followUp: NOTE, incident: null }, kind, 'en'))[0].text;

describe('a broadcast into a Slack channel, through bolt and the Web API stand-in', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
    const root = AGENTS.find((a) => a.id === 'root')!;
    await t.app.agentStore.addAgent(root, await hashPassword(PASSWORD), new Date().toISOString());
  });
  afterAll(async () => {
    await t?.stop();
  });

  const posts = (channel: string, text: string) => t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === channel && c.args.text === text);
  const progress = async (admin: Awaited<ReturnType<typeof loginAs>>) =>
    ((await (await admin.get('/console/api/broadcasts')).json()) as { broadcasts: { id: number; progress: Record<string, { sent: number; channels: { sent: number } }> }[] }).broadcasts[0];

  test('posted from the console: chat.postMessage into C0ITNEWS once, the follow-up once after close, no DM; new chats still see the banner', async () => {
    // Arrange: Alice has talked to the bot in a DM; an admin is logged in to the console.
    expect((await postEvent(t.baseUrl, dmEvent('hello', '1700000001.000100'))).status).toBe(200);
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').some((c) => c.args.channel === 'D0ALICEDM'));
    const admin = await loginAs(t.baseUrl, 'root');

    // Act: post to the channel only (lower-case id and a leading space, as people paste them).
    const res = await admin.post('/console/api/broadcasts', { text: TEXT, audience: { slackChannels: [' c0itnews'] } });
    const posted = (await res.json()) as { broadcast: { id: number }; audience: number; channels: number };
    await waitFor(async () => (await progress(admin)).progress.notice.channels.sent === 1, 5000, 'notice sent');
    // A person starting a conversation while it is active gets the banner first.
    await postEvent(t.baseUrl, dmEvent('hello', '1700000002.000100', 'U0BOB', 'D0BOBDM'));
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').some((c) => c.args.channel === 'D0BOBDM'));
    const closed = await admin.post(`/console/api/broadcasts/${posted.broadcast.id}/close`, { note: NOTE });
    await waitFor(async () => (await progress(admin)).progress.follow_up.channels.sent === 1, 5000, 'follow-up sent');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();

    // Assert
    expect(res.status).toBe(201);
    expect([posted.audience, posted.channels]).toEqual([0, 1]);
    expect(((await closed.json()) as { channels: number }).channels).toBe(1);
    expect(posts('C0ITNEWS', slackText('notice'))).toHaveLength(1);
    expect(posts('C0ITNEWS', slackText('follow_up'))).toHaveLength(1);
    expect(posts('C0ITNEWS', slackText('notice'))[0].args.thread_ts).toBeUndefined();
    expect(t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0ALICEDM' && String(c.args.text).includes('Mail is'))).toHaveLength(0);
    expect(t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0BOBDM')!.args.text).toBe(`*Current IT notice*: ${TEXT}`);
    expect(await progress(admin)).toMatchObject({ progress: { notice: { sent: 0, channels: { sent: 1 } }, follow_up: { sent: 0, channels: { sent: 1 } } } });
    // The dashboard offers the field and lists where the notice went; the KPI tile counts no channel as a person.
    const page = await (await admin.get('/console/dashboard')).text();
    expect(page).toContain('id="broadcast-slack-channels"');
    expect(page).toContain('into C0ITNEWS · sent 1/1 Slack channel · follow-up sent 1/1 Slack channel');
    const kpi = (await (await admin.get('/console/api/dashboard')).json()) as { report: { notifications: { users: number } } };
    expect(kpi.report.notifications.users).toBe(0);
  });

  test('people and a channel: each Slack DM once and the channel once; a bad id is a 400 that names the fix', async () => {
    const admin = await loginAs(t.baseUrl, 'root');
    const bad = await admin.post('/console/api/broadcasts', { text: 'Printers offline', audience: { slackChannels: ['#it-news'] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Slack channel id such as C0123ABCD/);

    const res = await admin.post('/console/api/broadcasts', { text: 'Printers on floor 3 are offline', audience: { channels: ['slack'], slackChannels: ['C0ITNEWS'] } });
    expect(((await res.json()) as { audience: number }).audience).toBe(2);
    await waitFor(async () => {
      const p = (await progress(admin)).progress.notice;
      return p.sent === 2 && p.channels.sent === 1;
    }, 5000, 'all sent');
    const printers = t.api.callsOf('chat.postMessage').filter((c) => String(c.args.text).includes('Printers on floor 3'));
    expect(printers.map((c) => c.args.channel).sort()).toEqual(['C0ITNEWS', 'D0ALICEDM', 'D0BOBDM']);
  });
});
