import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { dialogEntries } from '../../dialogs';
import { catalogEntries } from '../../dialogs/catalog';
import { createCodeMailer } from '../../channels/email/code-mailer';
import { createTeamsChannel, teamsChannelConfigFrom } from '../../channels/teams/teams.channel';
import { ConnectorStandIn } from '../teams/helpers/connector-stand-in';
import { fixture } from '../teams/helpers/teams-test-app';
import { startSmtpCapture, type SmtpCapture } from '../email/helpers/mail-servers';
import { OLD_PASSWORD, describeWithSlapd, dnOf, emailOf, secondFactorOf, startSlapd, type Slapd } from '../directory/helpers/slapd';

describeWithSlapd()('unlock through the Teams stand-in (real botbuilder CloudAdapter, real slapd)', () => {
  let slapd: Slapd;
  let smtp: SmtpCapture;
  let connector: ConnectorStandIn;
  let app: App;
  let dir: string;
  let port = 0;
  beforeAll(async () => {
    slapd = await startSlapd();
    smtp = await startSmtpCapture();
    connector = new ConnectorStandIn();
    await connector.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-unlock-'));
    const config = parseConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'frontdesk.db'), DISPATCH_BASE_DELAY_MS: '50',
      TEAMS_DEV_UNAUTHENTICATED: 'true', EMAIL_ADDRESS: 'desk@example.com', EMAIL_IMAP_HOST: '127.0.0.1', EMAIL_IMAP_USER: 'desk', EMAIL_IMAP_PASSWORD: 'x',
      EMAIL_SMTP_HOST: '127.0.0.1', EMAIL_SMTP_PORT: String(smtp.port), ...slapd.env,
    });
    app = await createApp(config, { channels: [createTeamsChannel({ ...teamsChannelConfigFrom(config), memberLookupTimeoutMs: 1_000 })], dialogs: dialogEntries, catalog: catalogEntries, codeSender: createCodeMailer, log: createLogger({ level: 'silent' }) });
    port = (await app.start(true)) ?? 0;
  });
  afterAll(async () => {
    await app?.stop();
    await connector?.stop();
    await smtp?.stop();
    await slapd?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
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
