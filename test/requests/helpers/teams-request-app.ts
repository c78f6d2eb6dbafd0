import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { dialogEntries } from '../../../dialogs';
import { catalogEntries } from '../../../dialogs/catalog';
import { createCodeMailer } from '../../../channels/email/code-mailer';
import { createTeamsChannel, teamsChannelConfigFrom } from '../../../channels/teams/teams.channel';
import { ConnectorStandIn } from '../../teams/helpers/connector-stand-in';
import { startSmtpCapture, type SmtpCapture } from '../../email/helpers/mail-servers';
import { startSlapd, type Slapd } from '../../directory/helpers/slapd';

/** Frontdesk with only Teams (unauthenticated, loopback), a Bot Connector stand-in, a private slapd and an SMTP capture for codes. */
export type TeamsRequestApp = { app: App; connector: ConnectorStandIn; slapd: Slapd; smtp: SmtpCapture; port: number; stop(): Promise<void> };

/** Start everything; `env` adds settings (approval times...). */
export async function startTeamsRequestApp(env: Record<string, string> = {}): Promise<TeamsRequestApp> {
  const slapd = await startSlapd();
  const smtp = await startSmtpCapture();
  const connector = new ConnectorStandIn();
  await connector.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-requests-'));
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'frontdesk.db'), DISPATCH_BASE_DELAY_MS: '50',
    TEAMS_DEV_UNAUTHENTICATED: 'true', EMAIL_ADDRESS: 'desk@example.com', EMAIL_IMAP_HOST: '127.0.0.1', EMAIL_IMAP_USER: 'desk', EMAIL_IMAP_PASSWORD: 'x',
    EMAIL_SMTP_HOST: '127.0.0.1', EMAIL_SMTP_PORT: String(smtp.port), ...slapd.env, ...env,
  });
  const app = await createApp(config, { channels: [createTeamsChannel({ ...teamsChannelConfigFrom(config), memberLookupTimeoutMs: 1_000 })], dialogs: dialogEntries, catalog: catalogEntries, codeSender: createCodeMailer, log: createLogger({ level: 'silent' }) });
  const port = (await app.start(true)) ?? 0;
  return {
    app, connector, slapd, smtp, port,
    async stop() {
      await app.stop();
      await connector.stop();
      await smtp.stop();
      await slapd.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
