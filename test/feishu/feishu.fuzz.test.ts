import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { dialogEntries } from '../../dialogs';
import { createFeishuChannel } from '../../channels/feishu/feishu.channel';
import { feishuAgentsExtension } from '../../channels/feishu/feishu-agents';
import { encryptEvent, larkSignature } from '../../channels/feishu/feishu-crypto';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { checkDatabase } from '../reliability/helpers/db-invariants';
import { fuzzHttp, watchProcess, type FuzzRequest } from '../fuzz/helpers/fuzz-run';
import { draw, fixtureMutations, type FuzzBody } from '../fuzz/helpers/mutate';
import { zodArbitrary } from '../fuzz/helpers/zod-arbitrary';
import { fixture } from './helpers/fixtures';
import { CardActionEvent, MessageReceiveEvent } from './helpers/feishu-schemas';
import { BOT_OPEN_ID, DEPARTMENTS, ENCRYPT_KEY, PEOPLE, TIER2_CHAT, TOKEN } from './helpers/feishu-test-app';
import { OpenPlatformStandIn } from './helpers/open-platform-stand-in';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const FIXTURES = ['im-message-receive-p2p', 'im-message-receive-group-mention', 'card-action-trigger', 'url-verification'];
/** Log lines that account for an acknowledged request that stored nothing (a logged drop) or answered a challenge. */
const DROP = /dropped|refused|rejected|challenge answered|no handler/;

describe('fuzzing the Feishu event URL (encrypted and signed as Feishu does)', () => {
  test(`${COUNT} payloads: each a 2xx that stored a message or logged its drop, or a 4xx; no crash, nothing half-stored`, async () => {
    // Arrange: one service with the Feishu channel (and its agents' chat), nothing dispatched, cheap turns.
    const api = await new OpenPlatformStandIn(PEOPLE, DEPARTMENTS).start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-feishu-fuzz-'));
    const dbFile = path.join(dir, 'fuzz.db');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_PATH: dbFile, WEBCHAT_ENABLED: 'false', MAX_QUEUE_WAIT_SECONDS: '3600' });
    const channel = createFeishuChannel({
      appId: api.appId, appSecret: api.appSecret, verificationToken: TOKEN, encryptKey: ENCRYPT_KEY, domain: api.url, mode: 'http',
      defaultLang: 'zh', botOpenId: BOT_OPEN_ID, tier2Chat: TIER2_CHAT,
    });
    const app = await createApp(config, {
      channels: [channel], dialogs: dialogEntries, extensions: [feishuAgentsExtension], dispatch: false, turnDeps: fixedTurnDeps(),
      log: createLogger({ level: 'info', destination: sink as never }),
    });
    const port = await app.start();
    try {
      const third = Math.ceil(COUNT / 3);
      const bodies: FuzzBody[] = [
        ...draw(zodArbitrary(MessageReceiveEvent), third).map((v) => ({ body: JSON.stringify(v), mutation: 'schema message' })),
        ...draw(zodArbitrary(CardActionEvent), third).map((v) => ({ body: JSON.stringify(v), mutation: 'schema card' })),
        ...draw(fixtureMutations(FIXTURES.map((name) => fixture(name))), COUNT - 2 * third),
      ];
      const rolls = draw(fc.nat(99), COUNT);
      const requests: FuzzRequest[] = bodies.map((b, i) => {
        const roll = rolls[i];
        // 90% encrypted and signed correctly; the rest plain, badly signed or unsigned.
        const inner = typeof b.body === 'string' ? b.body : b.body.toString('latin1');
        const body = roll < 92 && typeof b.body === 'string' ? JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, inner) }) : b.body;
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (roll !== 95) {
          const signature = larkSignature(ENCRYPT_KEY, timestamp, 'n0nce', body);
          Object.assign(headers, { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'n0nce', 'x-lark-signature': roll === 96 ? signature.replace(/.$/, 'x') : signature });
        }
        return { path: '/feishu/events', headers, body, label: b.mutation };
      });

      // Act
      const { result: tally, unhandled } = await watchProcess(async () => {
        const out = await fuzzHttp(`http://127.0.0.1:${port}`, requests);
        await app.engine.idle();
        return out;
      });
      const db = checkDatabase(dbFile, { answered: true });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      const drops = lines.filter((line) => DROP.test(line)).length;
      console.log(`fuzz feishu: payloads=${tally.payloads} 2xx=${tally.ok} 4xx=${tally.refused} stored=${db.inbound} logged drops=${drops} failures=${tally.failures + unhandled.length + db.problems.length} statuses=${JSON.stringify(tally.byStatus)}`);

      // Assert: no crash or 5xx; every acknowledged payload stored a message or logged why it was dropped.
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(health.status).toBe(200);
      expect(db.inbound).toBeGreaterThan(0);
      expect(tally.byStatus[401]).toBeGreaterThan(0);
      const refusedLogged = lines.filter((line) => line.includes('feishu event refused')).length;
      expect(refusedLogged).toBeGreaterThan(0);
      expect(db.inbound + (drops - refusedLogged)).toBeGreaterThanOrEqual(tally.ok);
    } finally {
      await app.stop();
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
