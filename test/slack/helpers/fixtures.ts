import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'slack');

/** A recorded Slack payload from test/fixtures/slack, deep-copied so tests can change it. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as T;
}

/** A DM event from the recorded one, with its own text and ts (so each is a new message). */
export function dmEvent(text: string, ts: string, user = 'U0ALICE', channel = 'D0ALICEDM'): Record<string, any> {
  const body = fixture('event-message-im');
  Object.assign(body.event, { text, ts, event_ts: ts, user, channel, client_msg_id: `msg-${ts}` });
  body.event.blocks[0].elements[0].elements[0].text = text;
  body.event_id = `Ev${ts.replace('.', '')}`;
  return body;
}
