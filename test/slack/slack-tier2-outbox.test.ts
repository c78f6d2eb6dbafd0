import { SqliteAgentThreadStore } from '../../src/store/sqlite-agent-thread-store';
import { waitFor } from '../helpers/test-app';
import { erasePersonalData } from '../../src/store/personal-data';
import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { TIER2 } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

describe('tier-2 channel posts go through the outbox', () => {
  const t = useTier2Rig();

  const tier2Posts = () => t.posts(TIER2);
  const topLevel = () => tier2Posts().filter((c) => !c.args.thread_ts);
  const inThread = (ts: string) => tier2Posts().filter((c) => c.args.thread_ts === ts).map((c) => String(c.args.text));

  it('an escalation post answered 429 is retried after Retry-After and made once', async () => {
    // Arrange: the tier-2 channel's first post is rate limited.
    t.api.failNext('chat.postMessage', { status: 429, retryAfter: 1, channel: TIER2 });
    // Act
    await postEvent(t.baseUrl, dmEvent('My laptop will not boot after the update', '1700005000.000001'));
    // Assert
    await t.api.waitFor(() => topLevel().length === 2, 10_000);
    const [limited, posted] = topLevel();
    expect(posted.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(JSON.stringify(posted.args.blocks)).toContain('fd_t2_take');
    const number = /(INC|REQ)-\d{6}/.exec(String(posted.args.text))![0];
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    await waitFor(async () => (await new SqliteAgentThreadStore(t.app.sqliteStore()).threadOf('slack', ticket.id))?.postId, 5000, 'the escalation thread ts');
    expect(await t.app.store.countOutbox('failed')).toBe(0);
  });

  it('user messages mirrored into the thread survive a 429 and a 500, once each and in order', async () => {
    // Arrange: the escalation is posted.
    const { ts } = await t.escalate('My laptop will not boot after the update', '1700005000.000001');
    // Act: the next two tier-2 posts fail (429, then 500) while Alice writes twice.
    t.api.failNext('chat.postMessage', { status: 429, retryAfter: 1, channel: TIER2 });
    t.api.failNext('chat.postMessage', { status: 500, channel: TIER2 });
    await postEvent(t.baseUrl, dmEvent('It shows a black screen', '1700005000.000002'));
    await postEvent(t.baseUrl, dmEvent('The fan spins though', '1700005000.000003'));
    // Assert
    await t.api.waitFor(() => inThread(ts).filter((text) => /black screen|fan spins/.test(text)).length >= 4, 15_000);
    await t.app.engine.idle();
    await t.agents.idle();
    await t.app.dispatcher.drainDue();
    const delivered = inThread(ts).filter((text) => /black screen|fan spins/.test(text));
    // Two failed attempts of the first line, then both lines once, first one first.
    expect(delivered).toHaveLength(4);
    expect(delivered.slice(2).map((text) => (text.includes('black screen') ? 'black' : 'fan'))).toEqual(['black', 'fan']);
    expect(await t.app.store.countOutbox('failed')).toBe(0);
  });

  it('keeps no copy of the requester\'s words outside their conversation: nothing is left after `users erase`', async () => {
    // Arrange: sent payloads are kept for a month; a ticket is escalated and a message mirrored.
    await t.restart({ RETENTION_SENT_PAYLOAD_DAYS: '30' });
    const { number, ticket, ts } = await t.escalate('My laptop will not boot, serial 5CG1234XYZ', '1700005000.000001');
    await postEvent(t.baseUrl, dmEvent('Still dead, serial 5CG1234XYZ', '1700005000.000002'));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('Still dead')));
    const db = t.app.sqliteStore().db;
    const copies = () => db.prepare("SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.platform_conversation_id = ? AND m.payload_json LIKE '%5CG1234XYZ%'").get(TIER2) as { n: number };
    const queued = () => db.prepare("SELECT count(*) AS n FROM outbox WHERE json_extract(ref_json, '$.extra.ticket') = ? AND message_json LIKE '%5CG1234XYZ%'").get(number) as { n: number };
    // Assert: no transcript copy in the tier-2 conversation; after erasure no outbox copy either.
    expect(copies().n).toBe(0);
    expect(queued().n).toBeGreaterThan(0);
    erasePersonalData(db, String(ticket.requesterId), new Date());
    expect(queued().n).toBe(0);
  });
});
