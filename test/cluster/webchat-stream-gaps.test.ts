import { StorageUnavailableError } from '../../src/store/storage-health';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { usePgWebchatInstances, type PgWebchatInstance } from '../helpers/pg-webchat-instance';
import { chatSession, type SseEvent } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';

type Instance = PgWebchatInstance;

const replyIds = (events: SseEvent[]) => events.filter((e) => e.event === 'message').map((e) => Number(e.id));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Found by cluster-postgres-restart: after PostgreSQL restarted, replies sent meanwhile never reached streams that stayed open.
describeWithPostgres()('a web chat stream open on one instance while another sends its replies, when announcements go missing', () => {
  const pg = usePostgresDatabase();
  const { start, started } = usePgWebchatInstances(() => pg.url);

  const sentIds = async (on: Instance) => (await on.db.rows("SELECT id FROM outbox WHERE status = 'sent' ORDER BY id")).map((r) => Number(r.id));
  const pending = async (on: Instance) => Number((await on.db.one("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'"))?.n);

  test('a reply sent while the listener was away and recorded only after it caught up still reaches the stream, once', async () => {
    // Arrange: A holds the stream and sends nothing; B sends, but can neither record a send nor announce it for now (the database away for it).
    const a = await start('a', { dispatch: false });
    const b = await start('b');
    let unrecordable = true;
    const markSent = b.store.markSent.bind(b.store);
    b.store.markSent = async (id, at) => {
      if (unrecordable) throw new StorageUnavailableError(new Error('Connection terminated unexpectedly'));
      return markSent(id, at);
    };
    const publish = b.live.publish.bind(b.live);
    b.live.publish = async (topic, data) => {
      if (unrecordable) throw new StorageUnavailableError(new Error('connect ECONNREFUSED'));
      return publish(topic, data);
    };
    const chat = await chatSession(a.url);
    const stream = chat.events();
    await stream.opened;
    // Act: every listening connection is cut (a restart), the message is answered and sent while A is away;
    // A listens again and catches up before B can record the send; then B records it.
    await b.db.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'frontdesk-live'");
    expect((await chat.post('vpn is down')).status).toBe(202);
    await waitFor(async () => Number((await a.db.one("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL"))?.n) === 0, 10_000, 'the turn');
    await sleep(2000);
    unrecordable = false;
    await waitFor(async () => (await pending(a)) === 0, 20_000, 'B records its sends');
    // Assert: every sent reply, each once, in order.
    await waitFor(async () => replyIds(stream.events).length >= (await sentIds(a)).length, 10_000, 'the replies on A');
    await sleep(300);
    expect(replyIds(stream.events)).toEqual(await sentIds(a));
    stream.close();
  }, 60_000);

  test("a reply whose announcement was lost is written before the conversation's next reply, not never or after it", async () => {
    // Arrange: B's first announcement of a reply fails outright (and its retries come too late to matter).
    const a = await start('a', { dispatch: false });
    const b = await start('b');
    const publish = b.live.publish.bind(b.live);
    let lost = 0;
    b.live.publish = async (topic, data) => {
      if (topic === 'webchat' && 'id' in data && lost++ === 0) {
        b.live.publish = publish;
        throw new StorageUnavailableError(new Error('Connection terminated unexpectedly'));
      }
      return publish(topic, data);
    };
    const chat = await chatSession(a.url);
    const stream = chat.events();
    await stream.opened;
    // Act: the first answer's announcement is lost; the second message is answered after it.
    await chat.post('my printer is broken');
    await waitFor(async () => (await sentIds(a)).length > 0 && (await pending(a)) === 0, 10_000, 'the first answer sent');
    await chat.post('it still does not print', 'm2');
    await waitFor(async () => replyIds(stream.events).includes((await sentIds(a)).at(-1)!) && (await pending(a)) === 0, 10_000, 'the second answer on A');
    await sleep(1500);
    // Assert
    expect(lost).toBe(1);
    expect(replyIds(stream.events)).toEqual(await sentIds(a));
    stream.close();
  }, 60_000);
});
