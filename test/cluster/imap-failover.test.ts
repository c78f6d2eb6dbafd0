import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgLeaseStore } from '../../src/store/postgres/pg-lease-store';
import { newMail } from '../email/helpers/fixtures';
import { deliver, describeWithServers, hasDovecot, readFolder, startDovecot, startSmtpCapture, type Dovecot, type SmtpCapture } from '../email/helpers/mail-servers';
import { postgresMissing, startPostgres, type PostgresServer } from '../helpers/postgres';
import { waitFor } from '../helpers/test-app';

const HELPDESK = 'helpdesk@example.com';

type Instance = { name: string; child: ChildProcess; url: string; dir: string };

async function startInstance(name: string, setup: Record<string, unknown>): Promise<Instance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fd-imap-${name}-`));
  const child = spawn(process.execPath, ['-r', path.join(__dirname, '../email/helpers/ts-register.js'), path.join(__dirname, 'helpers/imap-instance-child.ts')], {
    env: { ...process.env, FD_IMAP_SETUP: JSON.stringify({ ...setup, dir, name }) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c) => { err += c; });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}): ${err}`)));
  });
  return { name, child, url: `http://127.0.0.1:${port}`, dir };
}

async function leasesOf(instance: Instance): Promise<string[]> {
  return ((await (await fetch(`${instance.url}/healthz`)).json()) as { leases: string[] }).leases;
}

/** Open IMAP connections (to Dovecot's port) held by one process, from the kernel's socket table. */
function imapConnections(pid: number, imapPort: number): number {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${imapPort} )`], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(`pid=${pid},`)).length;
}

const run = describeWithServers(postgresMissing ?? (hasDovecot ? null : 'dovecot'));

run('IMAP watcher: one connection holder across instances, failover when it dies', () => {
  let pg: PostgresServer;
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  const instances: Instance[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    dovecot = await startDovecot([HELPDESK, 'alice@example.com']);
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    for (const i of instances) {
      if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
      fs.rmSync(i.dir, { recursive: true, force: true });
    }
    await smtp?.stop();
    await dovecot?.stop();
    await pg?.dispose();
  });

  test('two instances on one PostgreSQL: only the lease holder connects to IMAP; SIGKILL it and the other takes the mailbox over within seconds', async () => {
    const pgUrl = await pg.createDatabase();
    const db = await openPostgres(pgUrl);
    const setup = { imapPort: dovecot.imapPort, smtpPort: smtp.port, password: dovecot.password, pgUrl, address: HELPDESK };
    instances.push(await startInstance('web-1', setup), await startInstance('web-2', setup));
    const [a, b] = instances;
    await waitFor(async () => ((await leasesOf(a)).includes('imap') ? 1 : 0) + ((await leasesOf(b)).includes('imap') ? 1 : 0) === 1, 10_000, 'one IMAP lease holder');
    const holder = (await leasesOf(a)).includes('imap') ? a : b;
    const other = holder === a ? b : a;
    await waitFor(() => imapConnections(holder.child.pid!, dovecot.imapPort) === 1, 10_000, 'the holder\'s IMAP connection');
    // A few lease periods later the other instance still has no connection.
    await new Promise((r) => setTimeout(r, 4000));
    expect(imapConnections(other.child.pid!, dovecot.imapPort)).toBe(0);
    expect(imapConnections(holder.child.pid!, dovecot.imapPort)).toBe(1);
    expect(await leasesOf(other)).not.toContain('imap');

    await deliver(dovecot.lmtpPort, HELPDESK, [newMail('alice@example.com', 'Printer jammed', 'The 3rd floor printer is jammed.')]);
    await waitFor(async () => (await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'Processed')).length === 1, 15_000, 'the first mail processed');

    // Dead without releasing anything: the lease stays in the database until it runs out.
    holder.child.kill('SIGKILL');
    const killedAt = Date.now();
    await deliver(dovecot.lmtpPort, HELPDESK, [newMail('alice@example.com', 'VPN down', 'The VPN drops every minute.')]);
    await waitFor(async () => (await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'Processed')).length === 2, 20_000, 'the second mail processed by the survivor');
    const failoverMs = Date.now() - killedAt;
    console.log(`IMAP failover (LEASE_TTL_SECONDS=3): SIGKILL of the holder to the next mail filed by the other instance: ${failoverMs} ms`);
    expect(await leasesOf(other)).toContain('imap');
    expect(imapConnections(other.child.pid!, dovecot.imapPort)).toBe(1);
    expect(await new PgLeaseStore(db).holder('imap', new Date().toISOString())).toMatch(/:\d+:[0-9a-f]{8}$/);
    // A bound for "within seconds" with a 3 s lease, far above the expected 3-5 s, not a speed figure.
    expect(failoverMs).toBeLessThan(10_000);
    await db.close();
  }, 180_000);
});
