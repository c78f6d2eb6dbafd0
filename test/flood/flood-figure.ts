// `node -r ./test/email/helpers/ts-register.js test/flood/flood-figure.ts [ROOT] [MAX]`: floods the built
// server at ROOT (default this checkout) under `ulimit -n 1024` with made-up and issued web chat sessions,
// 100 connections at a time, and prints how many were open when /healthz stopped answering (or "none").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import { answers, madeUpCookie, openStreams, startLimitedServer, stillOpen } from '../helpers/flood';

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..'));
  const max = Number(process.argv[3] ?? 5000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-figure-'));
  const server = await startLimitedServer(root, { DATABASE_PATH: path.join(dir, 'f.db') }, 1024);
  const sockets: net.Socket[] = [];
  let failedAt: number | null = null;
  try {
    for (let sent = 0; sent < max && failedAt === null; sent += 100) {
      // Half made-up cookies, half sessions the server issued (an attacker can ask for those too).
      const session = await fetch(`${server.url}/api/chat/session`, { method: 'POST', signal: AbortSignal.timeout(2000) }).catch(() => null);
      const issued = session ? String(session.headers.get('set-cookie')).split(';')[0] : madeUpCookie(sent);
      sockets.push(...(await openStreams(server.port, 100, (i) => (i % 2 ? madeUpCookie(sent + i) : issued))));
      if (!(await answers(`${server.url}/healthz`, 3000))) failedAt = sent + 100;
    }
    console.log(JSON.stringify({ root, attempted: Math.min(max, failedAt ?? max), healthzFailedAtConnections: failedAt, heldOpenByServer: stillOpen(sockets) }));
  } finally {
    sockets.forEach((s) => s.destroy());
    server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
