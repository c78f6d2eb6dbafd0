import type { App } from '../../src/app';
import { articleFeedback } from '../../src/kb/feedback';
import { loadKpiData } from '../../src/kpi/load-kpi-data';
import type { ChannelAdapter } from '../../src/types/channel';
import type { InboundMessage, OutboundMessage, UserProfile } from '../../src/types/conversation';
import type { Ticket } from '../../src/types/ticket';
import { startTestApp, waitFor } from '../helpers/test-app';

// The real classifier, knowledge base and dialogs run here (no fixedTurnDeps): these tests are about the
// deflection the user actually gets, through the engine, store and outbox.

type Card = Extract<OutboundMessage, { kind: 'card' }>;

function recordingChannel() {
  const sent: { userId: string; message: OutboundMessage }[] = [];
  const channel: ChannelAdapter = {
    name: 'terminal',
    capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
    start: async () => {},
    stop: async () => {},
    send: async (ref, message) => {
      sent.push({ userId: ref.userId, message });
    },
  };
  return { channel, sent };
}

let t: Awaited<ReturnType<typeof startTestApp>>;
let rec: ReturnType<typeof recordingChannel>;
let seq = 0;

beforeAll(async () => {
  rec = recordingChannel();
  t = await startTestApp({ DISPATCH_BASE_DELAY_MS: '1' }, { channels: [rec.channel] });
});
afterAll(async () => {
  await t.stop();
});

/** Send one message as `user` and return the replies it produced, in order. */
async function send(user: string, text: string, profile?: UserProfile): Promise<OutboundMessage[]> {
  const before = rec.sent.length;
  const message: InboundMessage = { ref: { channel: 'terminal', conversationId: `term:${user}`, userId: user }, platformMessageId: `m${++seq}`, text, user: profile };
  await t.app.engine.receive(message);
  await t.app.dispatcher.drainDue();
  await waitFor(async () => (await t.app.store.countOutbox('pending')) === 0, 5000, 'replies delivered');
  return rec.sent.slice(before).filter((s) => s.userId === user).map((s) => s.message);
}

const cardOf = (messages: OutboundMessage[]): Card | undefined => messages.find((m): m is Card => m.kind === 'card');
const textOf = (messages: OutboundMessage[]) => messages.map((m) => ('text' in m ? m.text : '')).join('\n');

async function ticketsOf(app: App, user: string): Promise<Ticket[]> {
  const conversation = await app.store.findConversation({ channel: 'terminal', conversationId: `term:${user}` });
  return conversation ? app.store.ticketsForUser(conversation.userId, 10) : [];
}

/** The /kb page a card link points at, fetched from the test server instead of PUBLIC_URL. */
async function fetchLink(url: string): Promise<{ status: number; html: string }> {
  const { pathname, search } = new URL(url);
  const res = await fetch(`${t.url}${pathname}${search}`);
  return { status: res.status, html: await res.text() };
}

describe('KB deflection in the conversation (real classifier, KB and dialogs)', () => {
  test('EN: a password question gets the reset steps in the card and a working link; "yes" records the answer and logs no ticket', async () => {
    const offer = await send('en-yes', 'how do I reset my password');

    const card = cardOf(offer);
    expect(card).toBeDefined();
    expect(card!.links!.length).toBeGreaterThanOrEqual(1);
    expect(card!.links!.length).toBeLessThanOrEqual(3);
    expect(card!.links![0].url).toMatch(/\/kb\/password-reset\?lang=en$/);
    // The answer itself: the article's self-service steps under their heading, then the question.
    expect(card!.title).toBe('Reset a forgotten or expired password');
    expect(card!.text).toMatch(/\*\*Steps: self-service reset\*\*\n1\. .*aka\.ms\/sspr.*\n2\. /);
    expect(card!.text).not.toContain('Applies to');
    expect(card!.text).toMatch(/Did this solve it\?$/);
    expect(card!.choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    const page = await fetchLink(card!.links![0].url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Reset a forgotten or expired password</h1>');

    const after = await send('en-yes', 'yes');

    // DESIGN: a question gets no ticket unless it stays unanswered. The answer is kept for the KPIs and the article's rating.
    expect(await ticketsOf(t.app, 'en-yes')).toEqual([]);
    expect(textOf(after)).toMatch(/^Glad that answered it!/);
    expect(textOf(after)).not.toMatch(/INC-|REQ-/);
    const offered = card!.links!.map((l) => new URL(l.url).pathname.split('/').pop());
    const answers = loadKpiData(t.app.sqliteStore().db, new Date(Date.now() + 60_000).toISOString()).kbAnswers ?? [];
    expect(answers).toContainEqual(expect.objectContaining({ channel: 'terminal', category: 'account', articles: offered }));
    const feedback = articleFeedback(t.app.sqliteStore().db);
    expect(feedback.find((f) => f.id === 'password-reset')).toMatchObject({ helpful: 1, notHelpful: 0 });
  });

  test('a question the article answered gets one rating question; the rating and the comment after it are kept with the answer, not on a ticket', async () => {
    await send('en-rate', 'how do I reset my password');
    const solved = await send('en-rate', 'yes that worked');

    expect(textOf(solved)).toMatch(/how satisfied are you/);
    const rated = await send('en-rate', '4');
    expect(textOf(rated)).toMatch(/Thank you for your feedback/);
    const commented = await send('en-rate', 'quick and clear');
    expect(textOf(commented)).not.toMatch(/\?/);

    expect(await ticketsOf(t.app, 'en-rate')).toEqual([]);
    const conversation = await t.app.store.findConversation({ channel: 'terminal', conversationId: 'term:en-rate' });
    const row = t.app.sqliteStore().db.prepare('SELECT csat, csat_comment FROM kb_answers WHERE conversation_id = ?').get(conversation!.id);
    expect(row).toEqual({ csat: 4, csat_comment: 'quick and clear' });
    const answers = loadKpiData(t.app.sqliteStore().db, new Date(Date.now() + 60_000).toISOString()).kbAnswers ?? [];
    expect(answers.filter((a) => a.csat === 4).length).toBeGreaterThanOrEqual(1);
    // A later problem is an intake again, and its ticket's rating goes to the ticket.
    const next = await send('en-rate', 'my monitor stays black after docking');
    expect(textOf(next)).not.toMatch(/Thank you for your feedback/);
  });

  test('ZH: 怎么重置密码 gets the Chinese article; "没有" goes on to the questions and "转人工" escalates with kbTried', async () => {
    const offer = await send('zh-no', '怎么重置密码');

    const card = cardOf(offer);
    expect(card?.links?.[0].url).toMatch(/\/kb\/password-reset\?lang=zh$/);
    expect(card!.title).toBe('重置忘记或过期的密码');
    expect(card!.text).toMatch(/\*\*[^*\n]*步骤[^*\n]*\*\*\n1\. /);
    expect(card!.text).toContain('问题解决了吗？');
    const page = await fetchLink(card!.links![0].url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('重置忘记或过期的密码');

    const question = await send('zh-no', '没有');

    expect(cardOf(question)).toBeUndefined();
    expect(question.length).toBeGreaterThanOrEqual(1);
    // The question stayed unanswered: it is logged now, with the questions that follow.
    expect(await ticketsOf(t.app, 'zh-no')).toHaveLength(1);

    await send('zh-no', '转人工');

    const [ticket] = await ticketsOf(t.app, 'zh-no');
    expect(ticket.status).toBe('escalated');
    const offered = card!.links!.map((l) => new URL(l.url).pathname.split('/').pop());
    expect(ticket.kbArticles).toEqual(offered.map((id) => ({ id, helpful: false })));
    const escalated = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'escalated');
    expect(escalated?.data.kbTried).toContainEqual({ id: 'password-reset', helpful: false });
    expect(escalated?.data.summary).toMatch(/password-reset \(not helpful\)/);
  });

  test('EN: "no" then answering every question logs a ticket for tier-2 (the bot could not resolve it) with the articles marked not helpful', async () => {
    const profile = { name: 'Ana Silva', email: 'ana.silva@example.com', department: 'Finance' };
    const offer = await send('en-no', 'how do I reset my password', profile);
    const offered = cardOf(offer)!.links!.map((l) => new URL(l.url).pathname.split('/').pop());

    const replies: string[] = [textOf(await send('en-no', 'no', profile))];
    // Answer the dialog's questions until a ticket is logged (bounded, so a looping dialog fails the test).
    const answers = ['Outlook on my laptop', 'skip', '3', 'skip', 'skip', 'skip'];
    for (const answer of answers) {
      if ((await ticketsOf(t.app, 'en-no')).length > 0) break;
      replies.push(textOf(await send('en-no', answer, profile)));
    }

    expect(replies[0]).toMatch(/\?/);
    const [ticket] = await ticketsOf(t.app, 'en-no');
    expect(ticket).toBeDefined();
    expect(ticket.status).toBe('escalated');
    expect(ticket.kbArticles).toEqual(offered.map((id) => ({ id, helpful: false })));
    expect(ticket.kbArticles[0].id).toBe('password-reset');
    const events = await t.app.store.ticketEvents(ticket.id);
    expect(events.map((e) => e.kind)).not.toContain('self_service_resolved');
    expect(events.find((e) => e.kind === 'escalated')?.data).toMatchObject({ reason: 'kb_failed' });
  });

  test.each([
    ['vpn-connect', 'en', 'how do I connect to the VPN from home'],
    ['mailbox-full', 'en', 'my mailbox is full'],
    ['teams-audio', 'en', 'teams audio not working, people can not hear me'],
    ['file-restore', 'en', 'how do I restore a deleted file'],
    ['vpn-connect', 'zh', '怎么连接公司VPN'],
    ['printer-offline', 'zh', '打印机显示脱机'],
    ['account-locked', 'zh', '账号被锁定了'],
    ['outlook-not-syncing', 'zh', 'Outlook 不同步了'],
  ])('offers %s (%s) for "%s", and its link serves the article', async (id, lang, text) => {
    const card = cardOf(await send(`q-${id}-${lang}`, text));

    const link = card?.links?.find((l) => new URL(l.url).pathname === `/kb/${id}`);
    expect(link?.url).toMatch(new RegExp(`\\?lang=${lang}$`));
    const article = t.app.services.kb.get(id, lang as 'en' | 'zh')!;
    // The best article is the card itself; a close runner-up is named under "Also see".
    expect(card!.title === article.title || card!.text.includes(`- **${article.title}**`)).toBe(true);
    const page = await fetchLink(link!.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain(article.title);
  });

  test('EN: the README example (error, time and scope in one line) gets the VPN steps and the line about error 809', async () => {
    const card = cardOf(await send('vpn-809', 'my VPN fails with error 809 since this morning, whole team affected'));

    expect(card?.title).toBe('Connect to the company VPN (GlobalProtect)');
    expect(card!.text).toContain('**Error 809** (Windows built-in VPN) — the network blocks VPN ports');
    expect(card!.text).toMatch(/\n1\. .*\n2\. /);
    expect(card!.links![0].url).toMatch(/\/kb\/vpn-connect\?lang=en$/);
  });

  test('EN: a Windows printer question shows the Windows steps, not the macOS ones', async () => {
    const card = cardOf(await send('printer-win', 'cant print, printer shows offline on windows 11'));

    expect(card?.text).toContain('**Steps: Windows**');
    expect(card!.text).not.toMatch(/macOS|Printers & Scanners > select/);
  });

  test.each([
    ['ransom-en', 'files on the shared drive are being renamed to .locked right now'],
    ['ransom-zh', '共享盘上的文件正在被改成 .locked 后缀'],
  ])('%s: an active attack is never offered a self-help article', async (user, text) => {
    const replies = await send(user, text);

    expect(cardOf(replies)).toBeUndefined();
    expect(textOf(replies)).not.toMatch(/\/kb\//);
  });

  test.each([
    ['outage-p1', 'the whole office network is down'],
    ['security-en', 'I clicked a link in a phishing email'],
    ['security-zh', '我点了钓鱼邮件里的链接，还输入了密码'],
  ])('%s: a security incident or a P1 outage never gets articles', async (user, text) => {
    const replies = await send(user, text);

    expect(replies.length).toBeGreaterThan(0);
    expect(cardOf(replies)).toBeUndefined();
    expect(textOf(replies)).not.toMatch(/\/kb\//);
    const conversation = await t.app.store.findConversation({ channel: 'terminal', conversationId: `term:${user}` });
    expect(conversation?.state.phase).not.toBe('kb_offer');
  });
});
