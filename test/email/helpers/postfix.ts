import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForClosed, waitForPort } from './mail-servers';

/** Whether a private Postfix can run here: the binary is installed and we are root (Postfix needs it). */
export const hasPostfix = spawnSync('sh', ['-c', 'command -v postfix']).status === 0 && process.getuid?.() === 0;

/** A running private Postfix: smtpd on loopback, delivering everything into Dovecot over LMTP. */
export type Postfix = {
  smtpPort: number;
  dir: string;
  /** Stop the daemon (queued mail stays in its queue for the next start). */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
  /** Start it again on the same port with the same queue. */
  restart(): Promise<void>;
  /** Deliver what is queued now instead of at the next queue run. */
  flush(): void;
};

const SERVICES = `pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
smtp      unix  -       -       n       -       -       smtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`;

/**
 * Start a private Postfix with its own config and queue in a temp folder (never /etc/postfix): smtpd on
 * 127.0.0.1, every recipient delivered to Dovecot's LMTP port, no chroot, log in the folder.
 */
export async function startPostfix(lmtpPort: number): Promise<Postfix> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-postfix-'));
  const smtpPort = await freePort();
  fs.mkdirSync(path.join(dir, 'spool'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'main.cf'), `compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.test.example
mydestination =
local_recipient_maps =
relay_domains =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks reject
default_transport = lmtp:inet:127.0.0.1:${lmtpPort}
relay_transport = lmtp:inet:127.0.0.1:${lmtpPort}
alias_maps =
alias_database =
biff = no
smtpd_banner = $myhostname ESMTP
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
message_size_limit = 40000000
`);
  fs.writeFileSync(path.join(dir, 'master.cf'), `127.0.0.1:${smtpPort} inet n - n - - smtpd\n${SERVICES}`);
  // The mail owner must reach its data folder; the queue folder belongs to root (set-permissions fills it).
  fs.chmodSync(dir, 0o755);
  execFileSync('chown', ['-R', 'postfix:postfix', path.join(dir, 'data')]);
  const postfix = (...args: string[]) => execFileSync('postfix', ['-c', dir, ...args], { stdio: 'ignore' });
  postfix('set-permissions');
  const start = async () => {
    postfix('start');
    await waitForPort(smtpPort, `Postfix did not listen on ${smtpPort}: see ${dir}/maillog`);
  };
  await start();
  return {
    smtpPort, dir,
    async stop(options = {}) {
      spawnSync('postfix', ['-c', dir, 'stop'], { stdio: 'ignore' });
      await waitForClosed(smtpPort);
      // master exits a moment after the listener closes; a restart before that finds it still running.
      for (let i = 0; i < 100 && spawnSync('postfix', ['-c', dir, 'status'], { stdio: 'ignore' }).status === 0; i++) await new Promise((r) => setTimeout(r, 20));
      if (!options.keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
    restart: start,
    flush: () => postfix('flush'),
  };
}
