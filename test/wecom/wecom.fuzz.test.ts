import fc from 'fast-check';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/log';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { tempDir } from '../helpers/test-app';
import { checkDatabase } from '../reliability/helpers/db-invariants';
import { fuzzHttp, watchProcess, type FuzzRequest } from '../fuzz/helpers/fuzz-run';
import { draw } from '../fuzz/helpers/mutate';
import { WECOM, USERS, WecomApiStandIn, platformCrypto, startWecomApp } from './helpers/wecom-test-app';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
/** Log lines that account for a callback answered 200 without storing anything. */
const DROPS = new Set(['wecom callback dropped', 'wecom message rejected', 'wecom duplicate acknowledged', 'wecom card click on an unknown card dropped',
  'wecom card click with an unknown button dropped', 'wecom card click by someone other than the requester refused', 'wecom tier-2 card click from a non-agent dropped']);

const NASTY = ['<script>alert(1)</script>', ']]>', '<![CDATA[', '&lt;&#0;&#x110000;&amp', '\u0000\u0007\u001b[31m', '\u202e\ufeff', '\ud800', '../../etc/passwd', '%s%n', '\r\n\r\nHTTP/1.1 200 OK', '__proto__', 'INC-000001', '9'.repeat(40)];
const FIELDS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId', 'AgentID', 'Event', 'EventKey', 'TaskId', 'CardType', 'ResponseCode'];
const GOOD: Record<string, fc.Arbitrary<string>> = {
  ToUserName: fc.constant(WECOM.corpId),
  FromUserName: fc.constantFrom('zhangsan', 'lisi', 'wangwu', 'x@y.z', 'nobody'),
  CreateTime: fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
  MsgType: fc.constantFrom('text', 'event', 'image', 'voice', 'location', 'link', ''),
  Content: fc.string({ maxLength: 200 }),
  MsgId: fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
  AgentID: fc.constantFrom(WECOM.agentId, '1', 'x'),
  Event: fc.constantFrom('template_card_event', 'enter_agent', 'click', ''),
  EventKey: fc.constantFrom('c0', 'c1', 'c9', 'key111', ''),
  TaskId: fc.constantFrom('taskid111', 'fd-1-0-aaaa', 'bad task'),
  CardType: fc.constant('button_interaction'),
  ResponseCode: fc.string({ maxLength: 40 }),
};
const anyValue = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.nat(40_000).map((n) => 'A'.repeat(n)) },
);

/** One inner document: the fields in any order, each a plausible value or a hostile one, CDATA or not, some left out. */
const innerXml = fc.tuple(
  fc.shuffledSubarray(FIELDS, { minLength: 0 }),
  fc.array(anyValue, { minLength: FIELDS.length, maxLength: FIELDS.length }),
  fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
  fc.record(GOOD),
  fc.constantFrom('plain', 'plain', 'plain', 'no-root', 'nested', 'truncated'),
).map(([names, wild, cdata, good, shape]) => {
  const parts = names.map((name, i) => {
    const value = wild[i] ?? good[name];
    return cdata[i] ? `<${name}><![CDATA[${value}]]></${name}>` : `<${name}>${value}</${name}>`;
  });
  const body = shape === 'nested' ? `<A>${'<B>'.repeat(500)}${parts.join('')}${'</B>'.repeat(500)}</A>` : parts.join('');
  const doc = shape === 'no-root' ? body : `<xml>${body}</xml>`;
  return shape === 'truncated' ? doc.slice(0, Math.floor(doc.length / 2)) : doc;
});

/** A valid text message or card click with at most one field changed or left out: fuzzing near what WeCom sends. */
const nearValid = fc.tuple(fc.boolean(), fc.string({ maxLength: 300 }), fc.bigInt({ min: 1n, max: 2n ** 63n }), fc.constantFrom('', ...FIELDS), fc.option(anyValue.filter((v) => v !== null)))
  .map(([text, content, msgId, field, wild]) => {
    const fields: Record<string, string> = text
      ? { ToUserName: WECOM.corpId, FromUserName: 'zhangsan', CreateTime: '1700000000', MsgType: 'text', Content: content || '你好', MsgId: String(msgId), AgentID: WECOM.agentId }
      : { ToUserName: WECOM.corpId, FromUserName: 'lisi', CreateTime: String(msgId % 2_000_000_000n), MsgType: 'event', Event: 'template_card_event', EventKey: 'c1', TaskId: 'fd-1-0-abcd', CardType: 'button_interaction', ResponseCode: 'rc', AgentID: WECOM.agentId };
    if (field && wild === null) delete fields[field];
    else if (field && wild !== null) fields[field] = wild as string;
    return `<xml>${Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`;
  });

describe('fuzzing the WeCom callback URL', () => {
  test(`${COUNT} callbacks: each a 2xx (stored or a logged drop) or a 4xx, no crash, nothing half-stored`, async () => {
    // Arrange: most payloads correctly encrypted and signed (so the parsers behind the crypto are reached); some with a
    // broken signature, a ciphertext that is not ours, or a body that is not WeCom XML at all.
    const api = await new WecomApiStandIn(USERS).start();
    const tmp = tempDir('frontdesk-wecom-fuzz-');
    const logLines: Array<{ msg?: string }> = [];
    const destination = new Writable({ write(chunk, _enc, done) { for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line)); done(); } });
    const t = await startWecomApp(tmp.dir, api, { MAX_QUEUE_WAIT_SECONDS: '3600' }, { dispatch: false, turnDeps: fixedTurnDeps(), log: createLogger({ level: 'info', destination }) });
    const crypto = platformCrypto();
    try {
      const docs = draw(fc.oneof({ weight: 2, arbitrary: nearValid }, { weight: 3, arbitrary: innerXml }), COUNT);
      const rolls = draw(fc.nat(99), COUNT, 7);
      const requests: FuzzRequest[] = docs.map((doc, i) => {
        const roll = rolls[i];
        const timestamp = String(1_700_000_000 + i);
        const nonce = String(i);
        let encrypted = crypto.encrypt(doc);
        if (roll === 0) encrypted = randomBytes(48).toString('base64');
        if (roll === 1) encrypted = `${encrypted.slice(0, 20)}!!${encrypted.slice(22)}`;
        let signature = crypto.signature(timestamp, nonce, encrypted);
        if (roll === 2 || roll === 3) signature = signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
        if (roll === 4) signature = 'zz';
        const envelope = roll === 5 ? doc : roll === 6 ? `<xml><Encrypt>${encrypted}</Encrypt>` : `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
        const query = roll === 7 ? `timestamp=${timestamp}` : `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
        return { path: `/wecom/callback?${query}`, headers: { 'content-type': 'text/xml' }, body: envelope, label: `roll ${roll} #${i}` };
      });

      // Act
      const { result: tally, unhandled } = await watchProcess(async () => {
        const out = await fuzzHttp(t.url, requests);
        await t.app.engine.idle();
        return out;
      });
      const db = checkDatabase(`${tmp.dir}/test.db`, { answered: true });
      const health = await fetch(`${t.url}/healthz`);
      const drops = logLines.filter((l) => l.msg && DROPS.has(l.msg)).length;
      console.log(`fuzz wecom: payloads=${tally.payloads} 2xx=${tally.ok} 4xx=${tally.refused} stored=${db.inbound} drops_logged=${drops} failures=${tally.failures + unhandled.length + db.problems.length} statuses=${JSON.stringify(tally.byStatus)}`);

      // Assert: every callback answered (a connection reset with no answer is a failure: see test/http/keep-alive-stall).
      expect(tally.examples).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(db.problems).toEqual([]);
      expect(tally.failures).toBe(0);
      expect(health.status).toBe(200);
      expect(db.inbound).toBeGreaterThan(0);
      expect(tally.byStatus[401]).toBeGreaterThan(0);
      expect(tally.byStatus[403]).toBeGreaterThan(0);
      // Every 2xx is a stored message or a logged drop.
      expect(tally.ok).toBe(db.inbound + drops);
    } finally {
      await t.app.stop();
      await api.stop();
      tmp.cleanup();
    }
  }, 900_000);
});
