import { createHmac } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { checkSlackEnvelope } from '../../channels/slack/slack-envelope';
import { fixture } from './helpers/fixtures';
import { TEST_SIGNING_SECRET } from './helpers/signed-request';

/** An interaction form body checked as the receiver checks it. */
function check(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', TEST_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return checkSlackEnvelope(Buffer.from(body), { contentType: 'application/x-www-form-urlencoded', timestamp, signature }, TEST_SIGNING_SECRET);
}

describe('interaction form bodies (payload=…)', () => {
  it('reads the payload as querystring does: + as a space, escapes decoded, a malformed escape kept as written', () => {
    const click = fixture('block-actions');
    click.actions[0].text.text = 'Yes + no 100% «sûr» 🙂';
    const encoded = new URLSearchParams({ payload: JSON.stringify(click) }).toString();
    // A lone % inside a string: decodeURIComponent refuses the whole body, querystring keeps the %.
    const malformed = encoded.replace('Yes', '%E0%A4%ZZYes');
    for (const body of [encoded, malformed]) {
      const verdict = check(body);
      expect(verdict.kind).toBe('pass');
      expect(verdict.kind === 'pass' && verdict.body).toEqual(JSON.parse(String(parseQuery(body).payload)));
    }
    expect(check(encoded).kind === 'pass' && (check(encoded) as { body: any }).body.actions[0].text.text).toBe('Yes + no 100% «sûr» 🙂');
  });
});
