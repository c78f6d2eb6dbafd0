import { simpleParser } from 'mailparser';
import type { ConnectorStandIn } from '../teams/helpers/connector-stand-in';
import { fixture } from '../teams/helpers/teams-test-app';
import type { SmtpCapture } from '../email/helpers/mail-servers';
import { startTeamsRequestApp, type TeamsRequestApp } from './helpers/teams-request-app';
import { OLD_PASSWORD, describeWithSlapd, dnOf, emailOf, secondFactorOf, type Slapd } from '../directory/helpers/slapd';

describeWithSlapd()('unlock through the Teams stand-in (real botbuilder CloudAdapter, real slapd)', () => {
  let t: TeamsRequestApp;
  let slapd: Slapd;
  let smtp: SmtpCapture;
  let connector: ConnectorStandIn;
  let port = 0;
  beforeAll(async () => {
    t = await startTeamsRequestApp();
    ({ slapd, smtp, connector, port } = t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('Teams profile email (UPN) → directory entry → code → unlocked, in Chinese', async () => {
    const base = fixture('personal-message', {}, connector.serviceUrl);
    const from = base.from as { id: string };
    connector.members.set(from.id, { ...fixture('member-alice'), name: 'Dave Kim', email: emailOf('dave'), userPrincipalName: emailOf('dave') });
    const say = async (text: string, id: string) => {
      const before = connector.posted().length;
      const res = await fetch(`http://127.0.0.1:${port}/api/teams/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base, id, text }) });
      expect(res.status).toBeLessThan(300);
      const posted = await connector.waitForPosted(before + 1, 10_000);
      return String(posted[before].body.text ?? JSON.stringify(posted[before].body));
    };
    expect(slapd.canBind(dnOf('dave'), OLD_PASSWORD)).toBe(false);
    const first = await say('我的账号被锁定了，请帮我解锁', 't1');
    expect(first).toContain('验证码');
    const mail = (await smtp.waitFor(1))[0];
    expect(mail.to).toEqual([secondFactorOf('dave')]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('IT 服务台验证码');
    const code = /(\d{6})/.exec(parsed.text ?? '')![1];
    const done = await say(code, 't2');
    expect(done).toContain('已解锁');
    expect(slapd.canBind(dnOf('dave'), OLD_PASSWORD)).toBe(true);
  });
});
