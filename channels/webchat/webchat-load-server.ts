// A `frontdesk start` for load benches: the web chat with its per-address and per-session buckets off (all
// bench users share 127.0.0.1) and everything else as configured. Sends `{ port }` over IPC once listening
// (prints `{"port":N}` when started by hand).
// Run as a child (`node dist/channels/webchat/webchat-load-server.js`) so the load generator does not share
// the server's event loop.
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { dialogEntries } from '../../dialogs';
import { createWebchatChannel } from './webchat.channel';

async function main(): Promise<void> {
  const config = parseConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp(config, { channels: [createWebchatChannel({ rateLimits: false })], dialogs: dialogEntries });
  const port = await app.start();
  if (process.send) process.send({ port });
  else process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

void main();
