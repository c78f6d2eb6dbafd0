import fs from 'node:fs';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { OLD_PASSWORD, describeWithSlapd, dnOf, emailOf, secondFactorOf, startSlapd, type Slapd } from '../directory/helpers/slapd';
import { startRequestApp, type RequestApp } from './helpers/request-app';

const NEW_PASSWORD = 'Kestrel-Violet-9241!';
const ticketOf = async (t: RequestApp, text: string) => (await t.app.store.getTicketByNumber(/REQ-\d{6}/.exec(text)![0]))!;
const audit = (t: RequestApp, target: string) => (t.app.sqliteStore().db.prepare('SELECT action, outcome, actor FROM directory_audit WHERE target = ? ORDER BY id').all(target) as { action: string; outcome: string; actor: string }[]);

describeWithSlapd()('account self-service against a real OpenLDAP', () => {
  let slapd: Slapd;
  let t: RequestApp;
  beforeAll(async () => {
    slapd = await startSlapd();
  });
  afterAll(async () => {
    await slapd?.dispose();
  });
  afterEach(async () => {
    await t?.stop();
  });

  test('unlock in Slack: profile email → directory entry → code to the second factor → unlocked, ticket closed, audited', async () => {
    t = await startRequestApp({}, slapd);
    const started = Date.now();
    expect(slapd.canBind(dnOf('dave'), OLD_PASSWORD)).toBe(false);
    const first = await t.say('U0DAVE', "I'm locked out of my account");
    expect(first).toMatch(/sent a 6-digit code to da\*\*\*@personal\.test/);
    const code = await t.codeFor(secondFactorOf('dave'));
    const done = await t.say('U0DAVE', code);
    expect(done).toMatch(/your account is unlocked/);
    expect(slapd.canBind(dnOf('dave'), OLD_PASSWORD)).toBe(true);
    const ticket = await ticketOf(t, first);
    expect((await t.app.store.getTicket(ticket.id))!).toMatchObject({ status: 'closed', agentId: null });
    expect(audit(t, dnOf('dave')).map((a) => `${a.action}:${a.outcome}`)).toEqual(['code_sent:ok', 'verify:ok', 'unlock:ok']);
    console.log(`unlock request to fulfilment (Slack, real slapd, code by SMTP): ${Date.now() - started} ms`);
    // The code is stored only as a hash: the bot never wrote it (outbox, the code mail's text); only the person's own reply has it.
    const db = fs.readFileSync(t.databasePath).toString('latin1') + (fs.existsSync(`${t.databasePath}-wal`) ? fs.readFileSync(`${t.databasePath}-wal`).toString('latin1') : '');
    const outbox = JSON.stringify(t.app.sqliteStore().db.prepare('SELECT message_json FROM outbox').all());
    expect(outbox).not.toContain(code);
    expect(db).not.toMatch(/code is \d{6}|验证码是 \d{6}/);
  });

  test('password reset in Slack for an expired account: a one-time page sets it; the password is in no table, log line or outbox row', async () => {
    t = await startRequestApp({}, slapd);
    const started = Date.now();
    expect(slapd.canBind(dnOf('erin'), OLD_PASSWORD)).toBe(false);
    const first = await t.say('U0ERIN', 'I forgot my password, can you reset it?');
    expect(first).toMatch(/6-digit code/);
    const reply = await t.say('U0ERIN', await t.codeFor(secondFactorOf('erin')));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset\/[A-Za-z0-9_-]{43})/.exec(reply)![1];
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('type="password"');
    const mismatch = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: NEW_PASSWORD, confirm: 'other' }).toString() });
    expect(mismatch.status).toBe(400);
    const set = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }).toString() });
    expect(set.status).toBe(200);
    expect(await set.text()).toContain('Your password has been changed');
    expect(slapd.canBind(dnOf('erin'), NEW_PASSWORD)).toBe(true);
    await t.api.waitFor(() => t.posted('U0ERIN').find((p) => p.includes('Your password has been changed')));
    console.log(`reset request to fulfilment (Slack, real slapd, page submitted): ${Date.now() - started} ms`);
    expect((await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }).toString() })).status).toBe(404);
    const ticket = await ticketOf(t, first);
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('closed');
    expect(audit(t, dnOf('erin')).map((a) => `${a.action}:${a.outcome}`)).toEqual(['code_sent:ok', 'verify:ok', 'reset_password:ok']);
    await t.app.stop();
    const files = [t.databasePath, `${t.databasePath}-wal`, t.logFile].filter((f) => fs.existsSync(f));
    expect(files).toContain(t.logFile);
    expect(fs.readFileSync(t.logFile, 'utf8')).toContain('directory action');
    for (const file of files) expect(fs.readFileSync(file).includes(Buffer.from(NEW_PASSWORD))).toBe(false);
    t.app.stop = async () => undefined;
  });

  test('the web chat without sign-in cannot run account actions: a ticket for a person, no code sent', async () => {
    t = await startRequestApp({}, slapd);
    const chat = await chatSession(t.url);
    const events = chat.events();
    await chat.post('please unlock my account, I am locked out');
    const said = await waitFor(() => events.events.find((e) => e.event === 'message' && e.data.includes("can't unlock or reset accounts in this web chat")), 10_000, 'the refusal');
    const number = /REQ-\d{6}/.exec(said.data)![0];
    expect((await t.app.store.getTicketByNumber(number))!.status).toBe('escalated');
    expect(t.smtp.mails).toHaveLength(0);
    events.close();
  });

  test('five wrong codes lock self-service; asking again is refused without a new code', async () => {
    t = await startRequestApp({}, slapd);
    const first = await t.say('U0ALICE', 'reset my password please');
    const code = await t.codeFor(secondFactorOf('alice'));
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) expect(await t.say('U0ALICE', wrong)).toMatch(new RegExp(`${left} tries left`));
    const locked = await t.say('U0ALICE', wrong);
    expect(locked).toMatch(/Too many wrong codes: self-service account actions are locked for 30 minutes/);
    expect((await t.app.store.getTicket((await ticketOf(t, first)).id))!.status).toBe('escalated');
    // Even the right code now does nothing: the session ended and the entry is locked.
    const again = await t.say('U0ALICE', 'reset my password please');
    expect(again).toMatch(/locked for you for now/);
    expect(t.smtp.mails.filter((m) => m.to.includes(secondFactorOf('alice')))).toHaveLength(1);
    expect(audit(t, dnOf('alice')).filter((a) => a.outcome === 'wrong_code')).toHaveLength(4);
  });

  test('a mail sender without Authentication-Results pass is refused; with pass the sender is identified and gets a code', async () => {
    t = await startRequestApp({}, slapd);
    const mail = (id: string, uid: string, auth: string) => ({
      ref: { channel: 'email', conversationId: `<${id}@example.com>`, userId: emailOf(uid), extra: { subject: 'locked', messageId: `<${id}@example.com>`, senderAuth: auth } },
      platformMessageId: `<${id}@example.com>`, text: 'Please unlock my account', user: { email: emailOf(uid) },
    });
    const firstReply = async (id: string) => {
      const conversation = await t.app.store.findConversation({ channel: 'email', conversationId: `<${id}@example.com>` });
      return { conversation: conversation!, text: (await t.app.store.transcript(conversation!.id)).find((m) => m.direction === 'out')!.text };
    };
    await t.app.engine.receive(mail('spoofed', 'carol', 'none'));
    const spoofed = await firstReply('spoofed');
    expect(spoofed.text).toMatch(/could not confirm it was really sent by you/);
    expect((await t.app.store.getTicket(spoofed.conversation.ticketId!))!.status).toBe('escalated');
    await t.app.engine.receive(mail('failed', 'carol', 'fail'));
    expect((await firstReply('failed')).text).toMatch(/could not confirm/);
    expect(t.smtp.mails).toHaveLength(0);
    await t.app.engine.receive(mail('genuine', 'carol', 'pass'));
    expect((await firstReply('genuine')).text).toMatch(/sent a 6-digit code to ca\*\*\*@personal\.test/);
    await t.codeFor(secondFactorOf('carol'));
    expect(audit(t, emailOf('carol')).map((a) => a.outcome)).toEqual(['refused_mail', 'refused_mail']);
  });

  test('the directory going down mid-action: clear message, a ticket for a person, nothing half-done; the page waits for it', async () => {
    t = await startRequestApp({}, slapd);
    const first = await t.say('U0GUS', 'unlock my account');
    expect(first).toMatch(/no second contact/);
    // Bob resets: code sent while the directory is up, then it goes down before the code is typed.
    await t.say('U0BOB', 'I need to reset my password');
    const reset = await t.say('U0BOB', await t.codeFor(secondFactorOf('bob')));
    const link = /(http:\/\/\S+\/reset\/\S+)/.exec(reset)![1];
    await slapd.stop();
    try {
      const down = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }).toString() });
      expect(down.status).toBe(503);
      expect(await down.text()).toContain('nothing was changed');
      const unlockStart = await t.say('U0ALICE', 'I am locked out of my account');
      expect(unlockStart).toMatch(/directory isn't answering/);
      expect((await t.app.store.getTicket((await ticketOf(t, unlockStart)).id))!.status).toBe('escalated');
    } finally {
      await slapd.restart();
    }
    expect(slapd.canBind(dnOf('bob'), OLD_PASSWORD)).toBe(true);
    // The page was not used up by the failure: the same link works once the directory is back.
    const retry = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }).toString() });
    expect(retry.status).toBe(200);
    expect(slapd.canBind(dnOf('bob'), NEW_PASSWORD)).toBe(true);
    expect(audit(t, dnOf('bob')).map((a) => `${a.action}:${a.outcome}`)).toEqual(['code_sent:ok', 'verify:ok', 'reset_password:directory_unavailable', 'reset_password:ok']);
  });
});
