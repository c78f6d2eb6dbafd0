// The SMTP capture in a process of its own (see smtp-capture-process.ts): reports its port, then every
// mail as it is received, over the IPC channel; stops when the parent disconnects.
import { startSmtpCapture } from './mail-servers';

startSmtpCapture(undefined, (mail) => process.send?.({ mail })).then((capture) => {
  process.send?.({ port: capture.port });
  process.on('disconnect', () => void capture.stop().then(() => process.exit(0)));
}).catch((error) => {
  console.error(error);
  process.exit(2);
});
