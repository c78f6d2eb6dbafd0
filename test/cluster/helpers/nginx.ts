import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../helpers/server-process';
import { waitFor } from '../../helpers/test-app';

/** Debian's nginx binary (package `nginx`). */
export const NGINX = '/usr/sbin/nginx';
/** The shipped site configuration the cluster tests put in front of the instances. */
export const NGINX_CONF = path.join(ROOT, 'docs', 'nginx', 'frontdesk.conf');
/** Why nginx cannot run here, or null when it can. */
export const nginxMissing: string | null = fs.existsSync(NGINX) ? null : 'nginx';

/**
 * docs/nginx/frontdesk.conf with its upstream servers and listen port replaced (everything else as shipped),
 * wrapped in a main config that keeps pid, logs and temp files in `dir` (no root, nothing under /etc or /var).
 */
export function nginxConfig(dir: string, port: number, upstreams: number[], patch: (conf: string) => string = (c) => c, workerConnections = 256): string {
  let site = fs.readFileSync(NGINX_CONF, 'utf8');
  if (!/^\s*listen 80;$/m.test(site)) throw new Error(`${NGINX_CONF} no longer has 'listen 80;'`);
  // Every upstream block (requests, streams) lists the test's instances in place of 3001-3003.
  site = site.replace(/^(\s*)server 127\.0\.0\.1:3001 (.*)$/gm, (_m, indent: string, rest: string) => upstreams.map((p) => `${indent}server 127.0.0.1:${p} ${rest}`).join('\n'));
  site = site.replace(/^\s*server 127\.0\.0\.1:300[23] .*\n/gm, '').replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  fs.writeFileSync(path.join(dir, 'frontdesk.conf'), patch(site));
  const main = path.join(dir, 'nginx.conf');
  fs.writeFileSync(main, `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/frontdesk.conf;
}
`);
  return main;
}

/** nginx in the foreground with `main` (checked with -t first); resolves once /healthz answers through it. */
export async function startNginx(dir: string, main: string, port: number): Promise<ChildProcess> {
  execFileSync(NGINX, ['-t', '-p', dir, '-c', main], { stdio: 'pipe' });
  const child = spawn(NGINX, ['-p', dir, '-c', main], { stdio: 'ignore' });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 10_000, 'nginx');
  return child;
}

/** Stop nginx (SIGTERM) and wait for it. */
export async function stopNginx(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
