import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../email/helpers/mail-servers';

/** Whether Alertmanager is installed. Under CI=true the suite always runs, so a missing binary fails it. */
export const hasAlertmanager = process.env.CI === 'true' || spawnSync('sh', ['-c', 'command -v prometheus-alertmanager']).status === 0;

/** `describe`, or `describe.skip` with a warning on a developer machine without Alertmanager; never a skip under CI=true. */
export function describeWithAlertmanager(): jest.Describe {
  if (hasAlertmanager) return describe;
  console.warn('prometheus-alertmanager is not installed here: the Alertmanager tests are skipped (see .ci/install-system.sh)');
  return describe.skip;
}

/** A running Alertmanager with its config and storage in a temp folder. */
export type Alertmanager = {
  url: string;
  dir: string;
  /** Fire (or, with `endsAt` in the past, resolve) alerts through the v2 API. */
  post(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }[]): Promise<void>;
  log(): string;
  stop(): Promise<void>;
};

/** Timings of the route: how soon and how often notifications leave. */
export type RouteTimings = { groupWait: string; groupInterval: string; repeatInterval: string };

/**
 * Start Debian's prometheus-alertmanager on a free loopback port (no cluster port) with one webhook receiver
 * posting to `webhookUrl` with `Authorization: Bearer <token>` (http_config.authorization), grouped by service.
 */
export async function startAlertmanager(webhookUrl: string, token: string, timings: RouteTimings): Promise<Alertmanager> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-alertmanager-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'am.yml'), `route:
  receiver: frontdesk
  group_by: ['service']
  group_wait: ${timings.groupWait}
  group_interval: ${timings.groupInterval}
  repeat_interval: ${timings.repeatInterval}
receivers:
  - name: frontdesk
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${token}
`);
  const logFile = path.join(dir, 'alertmanager.log');
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn('prometheus-alertmanager', [
    `--config.file=${path.join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}`;
  let spawnError: Error | null = null;
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => fs.readFileSync(logFile, 'utf8');
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (spawnError) throw new Error(`prometheus-alertmanager could not start (${(spawnError as Error).message}): run .ci/install-system.sh`);
    if (child.exitCode !== null) throw new Error(`alertmanager exited at start:\n${log()}`);
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`alertmanager not ready in 15 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    log,
    async post(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!res.ok) throw new Error(`alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.closeSync(out);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
