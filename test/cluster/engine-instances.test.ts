import { Engine } from '../../src/engine/engine';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgStore } from '../../src/store/postgres/pg-store';
import type { TurnContext } from '../../src/engine/decide-turn';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { waitFor } from '../helpers/test-app';

const PLAIN = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What happened, in one order for all instances of this process (a counter, not the clock). A claim is noted
 * when its query returned and a commit both when it starts and when it returned: the database commits in
 * between, so another instance may see (and note) its next claim before this one notes 'committed'.
 */
type Happening = { seq: number; instance: string; what: 'claimed' | 'committing' | 'committed'; messageId: number; conversationId: number };

describeWithPostgres()('several engines on one PostgreSQL database', () => {
  const pg = usePostgresDatabase();
  let open: { engine: Engine; db: PgDatabase; stopWatch: () => void }[] = [];
  let seq = 0;
  let log: Happening[] = [];

  beforeEach(() => {
    seq = 0;
    log = [];
  });
  afterEach(async () => {
    for (const { engine, db, stopWatch } of open) {
      stopWatch();
      await engine.idle().catch(() => undefined);
      await db.close();
    }
    open = [];
  });

  /** One instance: its own pool, store and engine; every claim and commit is noted in `log`. */
  function instance(name: string, options: { turnLeaseMs?: number; enrich?: (ctx: TurnContext) => Promise<TurnContext> } = {}) {
    const db = new PgDatabase(pg.url, { poolSize: 3 });
    const store = new PgStore(db);
    const claim = store.claimInbound.bind(store);
    store.claimInbound = async (now, limit, leaseMs) => {
      const claimed = await claim(now, limit, leaseMs);
      for (const p of claimed) log.push({ seq: ++seq, instance: name, what: 'claimed', messageId: p.messageId, conversationId: p.conversationId });
      return claimed;
    };
    const commitTurn = store.commitTurn.bind(store);
    store.commitTurn = async (commit) => {
      log.push({ seq: ++seq, instance: name, what: 'committing', messageId: commit.inboundMessageId!, conversationId: commit.conversationId });
      const result = await commitTurn(commit);
      log.push({ seq: ++seq, instance: name, what: 'committed', messageId: commit.inboundMessageId!, conversationId: commit.conversationId });
      return result;
    };
    const engine = new Engine({
      store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(),
      capabilitiesOf: () => PLAIN, turnLeaseMs: options.turnLeaseMs,
      // A turn that takes a moment (as a directory lookup does), so that instances really overlap.
      enrichContext: options.enrich ?? (async (ctx) => (await sleep(2), ctx)),
    });
    const handle = { engine, db, store, stopWatch: () => {} };
    open.push(handle);
    return handle;
  }

  async function unanswered(): Promise<number> {
    return Number((await open[0].db.one("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL"))?.n);
  }

  test('messages of one conversation arriving at three instances are each answered once, in arrival order, one turn at a time', async () => {
    // Arrange: three instances; 12 conversations of 6 messages, message k of conversation c arriving at instance (c + k) % 3.
    const instances = [instance('a'), instance('b'), instance('c')];
    const conversations = 12;
    const perConversation = 6;
    // Act: the conversations write at once; within one, each message after the previous one was accepted.
    await Promise.all(Array.from({ length: conversations }, async (_, c) => {
      const ref = { channel: 'terminal' as const, conversationId: `conv-${c}`, userId: `user-${c}` };
      for (let k = 0; k < perConversation; k++) {
        await instances[(c + k) % 3].engine.accept({ ref, platformMessageId: `${c}-${k}`, text: `my printer is broken, note ${k}` });
        await sleep(1);
      }
    }));
    await waitFor(async () => (await unanswered()) === 0, 30_000, 'every message answered');
    for (const { engine } of instances) await engine.idle();
    // Assert: exactly once.
    const commits = log.filter((h) => h.what === 'committed');
    const inbound = await open[0].db.rows("SELECT id, conversation_id FROM messages WHERE direction = 'in' ORDER BY id");
    expect(inbound).toHaveLength(conversations * perConversation);
    expect(commits.map((h) => h.messageId).sort((x, y) => x - y)).toEqual(inbound.map((r) => Number(r.id)));
    // In arrival order, and never two turns of one conversation at once: a message is claimed only after
    // the previous message of its conversation was committed (its commit had at least begun when the claim returned).
    for (const conversationId of new Set(inbound.map((r) => Number(r.conversation_id)))) {
      const mine = log.filter((h) => h.conversationId === conversationId);
      const committedIds = mine.filter((h) => h.what === 'committed').map((h) => h.messageId);
      expect(committedIds).toEqual([...committedIds].sort((x, y) => x - y));
      for (const claim of mine.filter((h) => h.what === 'claimed')) {
        const earlier = mine.filter((h) => h.what === 'committing' && h.messageId < claim.messageId);
        expect(earlier).toHaveLength(committedIds.indexOf(claim.messageId));
        expect(earlier.every((h) => h.seq < claim.seq)).toBe(true);
      }
    }
    // No instance still counts messages another one answered as its backlog (it would shed load for nothing).
    for (const { engine } of instances) expect(engine.admission.queued).toBe(0);
    // Different conversations ran in parallel on different instances: every instance ran turns.
    expect(new Set(commits.map((h) => h.instance))).toEqual(new Set(['a', 'b', 'c']));
    // One reply per turn (the fixed dialog answers each message once): nothing answered twice.
    const replies = Number((await open[0].db.one("SELECT count(*) AS n FROM messages WHERE direction = 'out'"))?.n);
    const perTurn = Number((await open[0].db.one("SELECT count(*) AS n FROM outbox"))?.n);
    expect(replies).toBe(perTurn);
    expect(log.filter((h) => h.what === 'claimed').length).toBeGreaterThanOrEqual(commits.length);
  }, 60_000);

  test('the store hands out only the head of a conversation, skips a live claim of another instance, and takes over an expired one', async () => {
    // Arrange: two stores (instances); two messages in one conversation, one in another.
    const a = instance('a');
    const one = new PgStore(a.db);
    const other = new PgStore(instance('b').db);
    const now = new Date();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
    const ref = (c: string) => ({ channel: 'terminal' as const, conversationId: c, userId: c });
    const first = await one.acceptInbound({ ref: ref('x'), platformMessageId: 'x1', text: 'one' }, at(0));
    await one.acceptInbound({ ref: ref('x'), platformMessageId: 'x2', text: 'two' }, at(0));
    const y = await other.acceptInbound({ ref: ref('y'), platformMessageId: 'y1', text: 'other' }, at(0));
    // Act + Assert: a claims both heads (not x2); b gets nothing while a's 10 s lease runs; a gets its own back.
    expect((await one.claimInbound(at(0), 10, 10_000)).map((p) => p.messageId)).toEqual([first.messageId, y.messageId]);
    expect(await other.claimInbound(at(5), 10, 10_000)).toEqual([]);
    expect((await one.claimInbound(at(5), 10, 10_000)).map((p) => p.messageId)).toEqual([first.messageId, y.messageId]);
    // After the lease (renewed to 15 s by a's second claim), b takes both over, and a then gets nothing.
    expect((await other.claimInbound(at(16), 10, 10_000)).map((p) => p.messageId)).toEqual([first.messageId, y.messageId]);
    expect(await one.claimInbound(at(17), 10, 10_000)).toEqual([]);
  });

  test("a renewal extends only this store's own claims, and only on unanswered messages", async () => {
    // Arrange: store one claims x1 at 0 s with a 10 s lease.
    const db = instance('a').db;
    const one = new PgStore(db);
    const other = new PgStore(instance('b').db);
    const now = new Date();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
    const x = await one.acceptInbound({ ref: { channel: 'terminal', conversationId: 'x', userId: 'x' }, platformMessageId: 'x1', text: 'one' }, at(0));
    await one.claimInbound(at(0), 10, 10_000);
    // Act + Assert: the other store renews nothing; ours moves the lease to 19 s, so the other cannot claim at 16 s but can at 20 s.
    expect(await other.renewInboundClaims([x.messageId], at(9), 10_000)).toBe(0);
    expect(await one.renewInboundClaims([x.messageId], at(9), 10_000)).toBe(1);
    expect(await other.claimInbound(at(16), 10, 10_000)).toEqual([]);
    expect((await other.claimInbound(at(20), 10, 10_000)).map((p) => p.messageId)).toEqual([x.messageId]);
    // An answered message is not renewed (its claim no longer matters).
    await db.run('UPDATE messages SET processed_at = now() WHERE id = $1', [x.messageId]);
    expect(await other.renewInboundClaims([x.messageId], at(21), 10_000)).toBe(0);
  });

  test("a dead instance's claimed message is answered by another once the lease runs out, and the dead one's late commit is refused", async () => {
    // Arrange: instance a hangs in its turn (as a process that stopped); b watches for claims that ran out.
    let wake: () => void = () => {};
    const hung = new Promise<void>((resolve) => (wake = resolve));
    const a = instance('a', { turnLeaseMs: 500, enrich: async (ctx) => (await hung, ctx) });
    // A stopped process renews nothing: its claims run out (here only its turn hangs, so its renewals are cut).
    a.store.renewInboundClaims = async () => 0;
    const b = instance('b', { turnLeaseMs: 500 });
    const ref = { channel: 'terminal' as const, conversationId: 'only', userId: 'only' };
    await a.engine.accept({ ref, platformMessageId: 'm1', text: 'my laptop does not boot' });
    await waitFor(() => log.some((h) => h.what === 'claimed' && h.instance === 'a'), 5000, 'a claims the message');
    // b, kicked by a second message, cannot take the conversation while a's lease runs.
    await b.engine.accept({ ref, platformMessageId: 'm2', text: 'still nothing' });
    await b.engine.idle();
    expect(log.filter((h) => h.instance === 'b')).toEqual([]);
    // Act: b looks again after the lease ran out.
    b.stopWatch = b.engine.watch(100);
    await waitFor(async () => (await unanswered()) === 0, 10_000, 'b answers both');
    wake();
    await a.engine.idle();
    // Assert: b ran m1 then m2; a's turn of m1, decided before, was refused at commit: each answered once.
    const commits = log.filter((h) => h.what === 'committed');
    expect(commits.map((h) => h.instance)).toEqual(['b', 'b']);
    expect(commits[0].messageId).toBeLessThan(commits[1].messageId);
    const conversation = await open[0].db.one('SELECT version FROM conversations');
    expect(Number(conversation?.version)).toBe(2);
  }, 30_000);
  test('claims of a round that outlives the lease are renewed: another instance never runs a message this one holds', async () => {
    // Arrange: instance a claims three conversations' heads in one round; each turn takes 700 ms, so the round
    // (about 2.1 s) outlives the 1 s lease: the second turn is still running and the third not begun when it ends.
    const a = instance('a', { turnLeaseMs: 1000, enrich: async (ctx) => (await sleep(700), ctx) });
    const b = instance('b', { turnLeaseMs: 1000 });
    const writer = new PgStore(a.db);
    const ids: number[] = [];
    for (const c of ['p', 'q', 'r']) {
      const ref = { channel: 'terminal' as const, conversationId: c, userId: c };
      ids.push((await writer.acceptInbound({ ref, platformMessageId: `${c}1`, text: 'my printer is broken' }, new Date().toISOString())).messageId);
    }
    void a.engine.recover();
    await waitFor(() => log.filter((h) => h.what === 'claimed' && h.instance === 'a').length === 3, 5000, 'a claims all three in one round');
    // Act: b looks for claimable messages every 100 ms while a's round runs.
    b.stopWatch = b.engine.watch(100);
    await waitFor(async () => (await unanswered()) === 0, 10_000, 'all three answered');
    await a.engine.idle();
    await sleep(300);
    // Assert: b claimed none of a's messages; each was answered once, by a.
    expect(log.filter((h) => h.instance === 'b')).toEqual([]);
    const commits = log.filter((h) => h.what === 'committed');
    expect(commits.map((h) => [h.instance, h.messageId])).toEqual(ids.map((id) => ['a', id]));
  }, 30_000);
});
