// One Frontdesk instance with the mail channel whose background leases live in a shared PostgreSQL
// (FD_IMAP_SETUP: JSON with the ports, the PostgreSQL URL and a folder). Prints {"port": N} once listening.
// The app's data stays in its own SQLite file: what is shared here is only who holds the IMAP watcher.
import path from 'node:path';
import { createEmailChannel } from '../../../channels/email/email.channel';
import { createApp } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { PgDatabase } from '../../../src/store/postgres/pg-database';
import { PgLeaseStore } from '../../../src/store/postgres/pg-lease-store';
import { fixedTurnDeps } from '../../helpers/fixed-deps';

const setup = JSON.parse(process.env.FD_IMAP_SETUP ?? '{}') as { imapPort: number; smtpPort: number; password: string; dir: string; pgUrl: string; address: string; name: string };

async function main() {
  const config = parseConfig({
    DATABASE_PATH: path.join(setup.dir, 'frontdesk.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false',
    LEASE_TTL_SECONDS: '3', INSTANCE_NAME: setup.name, DISPATCH_BASE_DELAY_MS: '50',
  });
  const channel = createEmailChannel({
    address: setup.address,
    imap: { host: '127.0.0.1', port: setup.imapPort, secure: false, user: setup.address, pass: setup.password, pollIntervalMs: 1000, reconnectBaseMs: 100, reconnectMaxMs: 1000 },
    smtp: { host: '127.0.0.1', port: setup.smtpPort, secure: false },
    threadSecret: 'test-thread-secret-0123456789abcdef',
    attachmentsDir: path.join(setup.dir, 'attachments'),
    maxAttachmentBytes: 64 * 1024,
  });
  const leases = new PgLeaseStore(new PgDatabase(setup.pgUrl, { poolSize: 2, onIdleError: () => undefined }));
  const app = await createApp(config, { channels: [channel], turnDeps: fixedTurnDeps(), leases });
  const port = await app.start(true);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
