import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { usePgWebchatInstances } from '../helpers/pg-webchat-instance';
import { chatSession, type SseEvent } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';

const replies = (events: SseEvent[]) => events.filter((e) => e.event === 'message');

describeWithPostgres()('web chat across instances on one PostgreSQL database (LISTEN/NOTIFY)', () => {
  const pg = usePostgresDatabase();
  const { start, started } = usePgWebchatInstances(() => pg.url);

  async function pendingReplies(): Promise<number> {
    return Number((await started[0].db.one("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"))?.n);
  }

  test('a stream open on instance A gets the reply that instance B sent, and the message posted on B', async () => {
    // Arrange: only B sends replies, so every reply A's stream gets travelled between instances.
    const a = await start('a', { dispatch: false });
    const b = await start('b');
    const chat = await chatSession(a.url);
    const stream = chat.events();
    expect(await stream.opened).toBe(200);
    // Act: the same session (its cookie) posts through B, as a load balancer may send it.
    const posted = await fetch(`${b.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: 'x1', text: 'my printer is broken' }),
    });
    expect(posted.status).toBe(202);
    // Assert
    await waitFor(() => replies(stream.events).length > 0, 10_000, 'the reply on A');
    const [reply] = replies(stream.events);
    expect(JSON.parse(reply.data).from).toBe('bot');
    const sent = await a.db.one("SELECT id FROM outbox WHERE status = 'sent' ORDER BY id LIMIT 1");
    expect(Number(reply.id)).toBe(Number(sent?.id));
    expect(stream.events.some((e) => e.event === 'echo' && JSON.parse(e.data).clientMessageId === 'x1')).toBe(true);
    stream.close();
  }, 30_000);

  test('a page that reconnects to another instance resumes after its last event id: what it missed, nothing twice', async () => {
    // Arrange: a first reply seen on A.
    const a = await start('a');
    const b = await start('b');
    const chat = await chatSession(a.url);
    const first = chat.events();
    await first.opened;
    await chat.post('my laptop does not start');
    await waitFor(() => replies(first.events).length > 0, 10_000, 'the first reply');
    await waitFor(async () => (await pendingReplies()) === 0, 10_000, 'the first reply sent');
    const lastId = replies(first.events).at(-1)!.id!;
    first.close();
    // Act: a second message while the page is away, then it reconnects through B with Last-Event-ID.
    await chat.post('it shows a black screen', 'm2');
    await waitFor(async () => Number((await a.db.one("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL"))?.n) === 0, 10_000, 'the second turn');
    await waitFor(async () => (await pendingReplies()) === 0, 10_000, 'the second reply sent');
    const resumed = (await chatSession(b.url)).events;
    const second = resumed({ 'last-event-id': lastId, cookie: chat.cookie });
    await second.opened;
    // Assert: only replies after lastId, each once.
    await waitFor(() => replies(second.events).length > 0, 10_000, 'the missed reply on B');
    const ids = replies(second.events).map((e) => Number(e.id));
    expect(ids.every((id) => id > Number(lastId))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const sentAfter = await a.db.rows("SELECT id FROM outbox WHERE status = 'sent' AND id > $1 ORDER BY id", [Number(lastId)]);
    expect(ids).toEqual(sentAfter.map((r) => Number(r.id)));
    second.close();
  }, 30_000);

  test("replies sent while instance A's listening connection was cut reach its stream once A listens again", async () => {
    // Arrange
    const a = await start('a', { dispatch: false });
    const b = await start('b');
    const chat = await chatSession(a.url);
    const stream = chat.events();
    await stream.opened;
    // Act: the server drops every listening connection (as a PostgreSQL restart or a network cut would), and
    // the message is answered at once, while A is not listening.
    await b.db.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frontdesk-live'");
    await fetch(`${b.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: 'y1', text: 'vpn is down' }),
    });
    // Assert: A reconnects and replays from the stream's last reply.
    await waitFor(() => replies(stream.events).length > 0, 15_000, 'the reply after the reconnection');
    const sent = await a.db.rows("SELECT id FROM outbox WHERE status = 'sent' ORDER BY id");
    await waitFor(async () => (await pendingReplies()) === 0, 10_000, 'every reply sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = replies(stream.events).map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual((await a.db.rows("SELECT id FROM outbox WHERE status = 'sent' ORDER BY id")).map((r) => Number(r.id)));
    expect(sent.length).toBeGreaterThan(0);
    stream.close();
  }, 30_000);
});
