import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/console/password';
import { parseArticle } from '../../src/kb/article';
import type { ChannelAdapter } from '../../src/types/channel';
import { AGENTS, PASSWORD, loginAs } from '../console/helpers';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

// POST /console/api/tickets/:number/draft-article: the console's way to turn a resolved ticket into a draft.

const quiet: ChannelAdapter = {
  name: 'terminal',
  capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
  start: async () => {}, stop: async () => {}, send: async () => {},
};

describe('console: draft an article from a resolved ticket', () => {
  let kbDir: string;
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let number: string;

  beforeAll(async () => {
    // A copy of the real articles: the route writes into KB_DIR/drafts, never into the repository.
    kbDir = mkdtempSync(join(tmpdir(), 'kb-console-'));
    cpSync(join(__dirname, '..', '..', 'kb-articles'), kbDir, { recursive: true });
    rmSync(join(kbDir, 'drafts'), { recursive: true, force: true });
    t = await startTestApp({ KB_DIR: kbDir }, {
      channels: [quiet],
      turnDeps: fixedTurnDeps({ category: 'network', type: 'incident', impact: 1, urgency: 2, priority: 'P2' }),
    });
    const hash = await hashPassword(PASSWORD);
    for (const agent of AGENTS) await t.app.agentStore.addAgent(agent, hash, new Date().toISOString());
    await t.app.engine.receive({ ref: { channel: 'terminal', conversationId: 'c1', userId: 'ana' }, platformMessageId: 'm1', text: 'VPN drops every 10 minutes for the whole team' });
    const conversation = await t.app.store.findConversation({ channel: 'terminal', conversationId: 'c1' });
    number = (await t.app.store.ticketsForUser(conversation!.userId, 1))[0].number;
  });
  afterAll(async () => {
    await t.stop();
    rmSync(kbDir, { recursive: true, force: true });
  });

  test('refuses while the ticket is not resolved (409), outside the agent\'s groups (403) and without CSRF (403)', async () => {
    const alice = await loginAs(t.url, 'alice');
    const bob = await loginAs(t.url, 'bob');

    expect((await alice.act(number, 'draft-article')).status).toBe(409);
    expect((await bob.act(number, 'draft-article')).status).toBe(404); // not bob's group: same as unknown (issue 18)
    expect((await alice.post(`/console/api/tickets/${number}/draft-article`, {}, null)).status).toBe(403);
    expect((await alice.act('INC-999999', 'draft-article')).status).toBe(404);
    expect(existsSync(join(kbDir, 'drafts'))).toBe(false);
  });

  test('after resolve, an agent of the group gets a draft under KB_DIR/drafts (201), a second one with -2', async () => {
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.act(number, 'takeover')).status).toBe(200);
    expect((await alice.act(number, 'resolve', { resolution: 'Raised the VPN idle timeout to 8 hours. Pushed the new profile.', rootCause: 'Gateway idle timeout of 10 minutes' })).status).toBe(200);

    const res = await alice.act(number, 'draft-article');

    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; path: string; markdown: string };
    expect(body.id).toBe('vpn-drops-every-10-minutes-whole');
    expect(body.path).toBe(join('drafts', `${body.id}.md`));
    const text = readFileSync(join(kbDir, body.path), 'utf8');
    expect(text).toBe(body.markdown);
    const article = parseArticle(text, join(kbDir, body.path));
    expect(article).toMatchObject({ category: 'network', title: 'VPN drops every 10 minutes for the whole team' });
    expect(article.body).toContain('1. Raised the VPN idle timeout to 8 hours.\n2. Pushed the new profile.');
    expect(article.body).toContain(`Source: ${number}`);

    const again = (await (await alice.act(number, 'draft-article')).json()) as { id: string };
    expect(again.id).toBe(`${body.id}-2`);
    // The running bot does not serve drafts.
    expect(t.app.services.kb.get(body.id)).toBeUndefined();
    expect((await fetch(`${t.url}/kb/${body.id}`)).status).toBe(404);
  });
});
