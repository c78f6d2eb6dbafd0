import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/** Whether Dovecot is installed (CI installs it; a developer machine may not have it). */
// Under CI=true the mail suites always run, so a missing Dovecot fails them instead of skipping them.
export const hasDovecot = process.env.CI === 'true' || spawnSync('sh', ['-c', 'command -v dovecot']).status === 0;

/**
 * `describe`, or `describe.skip` with a warning when a server is missing on a developer machine. Under
 * CI=true a missing server is a failure, never a skip: the suite runs and its beforeAll throws.
 */
export function describeWithServers(missing: string | null): jest.Describe {
  if (!missing) return describe;
  if (process.env.CI === 'true') return describe;
  console.warn(`${missing} is not installed here: these mail tests are skipped (see .ci/install-system.sh)`);
  return describe.skip;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running Dovecot with IMAP and LMTP on loopback. */
export type Dovecot = { imapPort: number; lmtpPort: number; dir: string; password: string; stop(options?: { keepFiles?: boolean }): Promise<void> };

/** Reuse ports and folder of a stopped instance (reconnect tests restart the "same" server). */
export type DovecotReuse = { imapPort: number; lmtpPort: number; dir: string };

/** Start a private Dovecot: config and maildirs in a temp folder, run as nobody (it refuses uid 0). */
export async function startDovecot(users: string[], password = 'test-pass', reuse?: DovecotReuse): Promise<Dovecot> {
  const dir = reuse?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fd-dovecot-'));
  const [imapPort, lmtpPort] = reuse ? [reuse.imapPort, reuse.lmtpPort] : [await freePort(), await freePort()];
  fs.writeFileSync(path.join(dir, 'users'), users.map((u) => `${u}:{PLAIN}${password}::::::\n`).join(''));
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = nobody
default_internal_group = nogroup
default_login_user = nobody
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%Lu
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service anvil {
  chroot =
}
`);
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chown', ['-R', 'nobody:nogroup', dir]);
  fs.chmodSync(dir, 0o755);
  // stdio ignored: the daemon keeps inherited pipes open and execFileSync would wait for them forever.
  execFileSync(root ? 'runuser' : 'dovecot', root ? ['-u', 'nobody', '--', 'dovecot', '-c', conf] : ['-c', conf], { stdio: 'ignore' });
  await waitForPort(imapPort);
  await waitForPort(lmtpPort);
  return {
    imapPort, lmtpPort, dir, password,
    async stop(options = {}) {
      spawnSync('doveadm', ['-c', conf, 'stop']);
      await waitForClosed(imapPort);
      if (!options.keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function probe(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

/** Resolves once nothing accepts connections on `port` any more (or after 2 s). */
export async function waitForClosed(port: number): Promise<void> {
  for (let i = 0; i < 100 && (await probe(port)); i++) await new Promise((r) => setTimeout(r, 20));
}

/** Resolves once something listens on `port`; throws `failure` after 2 s. */
export async function waitForPort(port: number, failure = `nothing listens on port ${port}: see the dovecot.log in the temp folder`): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(failure);
}

/** Deliver raw mails into a mailbox over LMTP, as a mail server would. */
export async function deliver(lmtpPort: number, to: string, raws: (string | Buffer)[], envelopeFrom?: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true } as never);
  try {
    for (const raw of raws) {
      const from = envelopeFrom ?? /^From:.*?<?([^\s<>]+@[^\s<>]+)>?\s*$/im.exec(raw.toString())?.[1] ?? '';
      await transport.sendMail({ envelope: { from, to: [to] }, raw });
    }
  } finally {
    transport.close();
  }
}

/** One mail the SMTP capture received. */
export type Captured = { from: string; to: string[]; raw: string };

/** An SMTP server that records what it receives and optionally delivers it into Dovecot over LMTP. */
export type SmtpCapture = { port: number; mails: Captured[]; waitFor(count: number, timeoutMs?: number): Promise<Captured[]>; stop(): Promise<void> };

/** Start the capture on loopback (no TLS, no auth); `onMail` hears each mail as it is recorded. */
export async function startSmtpCapture(deliverToLmtpPort?: number, onMail?: (mail: Captured) => void): Promise<SmtpCapture> {
  const mails: Captured[] = [];
  const lmtp = deliverToLmtpPort ? nodemailer.createTransport({ host: '127.0.0.1', port: deliverToLmtpPort, lmtp: true } as never) : null;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 30 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        try {
          if (lmtp) await lmtp.sendMail({ envelope: { from, to }, raw });
          mails.push({ from, to, raw });
          onMail?.({ from, to, raw });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  // Without TCP_NODELAY each small SMTP reply waits for the client's delayed ACK (~40 ms a mail).
  (server as unknown as { server: import('node:net').Server }).server.on('connection', (socket) => socket.setNoDelay(true));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port, mails,
    waitFor: (count, timeoutMs) => waitForMails(mails, count, timeoutMs),
    async stop() {
      lmtp?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Open an IMAP client, run `fn`, always log out (an open socket keeps jest alive for minutes). */
export async function withImap<T>(port: number, user: string, pass: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false, disableAutoIdle: true });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Raw sources of every mail in a folder, with their flags. */
export async function readFolder(port: number, user: string, pass: string, folder: string): Promise<{ raw: string; flags: string[] }[]> {
  return withImap(port, user, pass, async (client) => {
    const box = await client.mailboxOpen(folder).catch(() => null);
    if (!box || box.exists === 0) return [];
    const out: { raw: string; flags: string[] }[] = [];
    for await (const m of client.fetch('1:*', { source: true, flags: true })) out.push({ raw: m.source!.toString('utf8'), flags: [...(m.flags ?? [])] });
    return out;
  });
}

/** Resolves with the captured mails once there are `count` of them. */
export async function waitForMails<T>(mails: T[], count: number, timeoutMs = 15_000): Promise<T[]> {
  const until = Date.now() + timeoutMs;
  while (mails.length < count) {
    if (Date.now() > until) throw new Error(`SMTP capture got ${mails.length} mails, expected ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return mails;
}
