// A Frontdesk process that dies (SIGKILL) right after the first mail is stored and before it is marked
// seen: the window the crash test is about. Settings come as JSON in FD_CRASH_SETUP.
import { startMailApp } from './test-app';

const setup = JSON.parse(process.env.FD_CRASH_SETUP ?? '{}') as { imapPort: number; smtpPort: number; password: string; dir: string };

startMailApp(setup, {
  dir: setup.dir,
  // Replies wait in the outbox: the process dies long before the dispatcher starts.
  env: { DISPATCH_START_DELAY_MS: '600000' },
  channel: { onAccepted: () => { process.kill(process.pid, 'SIGKILL'); } },
}).catch((error) => {
  console.error(error);
  process.exit(2);
});
