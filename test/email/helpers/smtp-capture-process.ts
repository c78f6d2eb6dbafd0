import { fork } from 'node:child_process';
import path from 'node:path';
import { waitForMails, type Captured, type SmtpCapture } from './mail-servers';

/**
 * The SMTP capture in a child process, like a real mail server: its CPU (parsing SMTP, buffering mail)
 * is not charged to the process under test, which matters to a throughput bench on a 2-core machine.
 * Same interface as startSmtpCapture; mails arrive over IPC a few milliseconds after the server has them.
 */
export async function startSmtpCaptureProcess(): Promise<SmtpCapture> {
  // Under jest this file is TypeScript: the child then needs the transpiling hook; built, it is plain JS.
  const ts = __filename.endsWith('.ts');
  const child = fork(path.join(__dirname, `smtp-capture-child.${ts ? 'ts' : 'js'}`), [], {
    execArgv: ts ? ['-r', path.join(__dirname, 'ts-register.js')] : [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const mails: Captured[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP capture process exited with ${code} before listening`)));
    child.on('message', (m: { port?: number; mail?: Captured }) => {
      if (m.port) resolve(m.port);
      if (m.mail) mails.push(m.mail);
    });
  });
  child.removeAllListeners('exit');
  return {
    port, mails,
    waitFor: (count, timeoutMs) => waitForMails(mails, count, timeoutMs),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
