import { renderForSlack } from '../../channels/slack/slack-blocks';
import { escalationCard, mirrorLine } from '../../channels/slack/slack-escalation-text';
import { tier2Buttons } from '../../channels/slack/slack-tier2';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { TIER2 } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

/** Markup a user's words must never turn into: a mention, a broadcast, a link, or an unescaped entity. */
const LIVE_MARKUP = /<@U0CAROL>|<!channel|<!here|<lab>|R&D|<![a-z]+\|/;
/** What a web-chat user typed (raw, as the web chat stores it). */
const WEB_TEXT = 'R&D <lab> printer: ping <@U0CAROL> <!channel> [x](!channel)\n```<!here> R&D```';

describe('user text reaching Slack formatting', () => {
  it('the escalation card (blocks and notification text) and a mirrored line escape web-chat text', () => {
    // Arrange
    const card = escalationCard({
      ticketNumber: 'INC-000009', summary: WEB_TEXT, priority: 'P2', category: 'hardware',
      requester: { name: 'Eve <@U0CAROL>', email: 'eve@acme.test', channel: 'webchat' }, context: WEB_TEXT,
    });
    const line = mirrorLine({ id: 1, ticketId: 1, at: '', actor: 'user:1', kind: 'user_message', data: { text: WEB_TEXT } } as TicketEvent, { number: 'INC-000009' } as Ticket, 'Eve <!here>');
    // Act
    const posts = [...renderForSlack(card, tier2Buttons('INC-000009')), ...renderForSlack({ kind: 'text', text: line! })];
    // Assert
    const everything = JSON.stringify(posts);
    expect(everything).not.toMatch(LIVE_MARKUP);
    expect(everything).toContain('R&amp;D &lt;lab&gt;');
    expect(everything).toContain('&lt;@U0CAROL&gt;');
    expect(posts[0].text).toContain('&lt;!channel&gt; [x](!channel)');
  });

  describe('end to end through the Web API stand-in', () => {
    const t = useTier2Rig();

    it('nothing Alice types becomes a live mention, broadcast or entity in any field of any post', async () => {
      // Arrange: Slack sends what a user typed with &, < and > encoded (message text as the Events API delivers it).
      const typed = (raw: string) => raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      // Act
      await postEvent(t.baseUrl, dmEvent(typed('My R&D <lab> laptop will not boot, ping <@U0CAROL> <!channel> [x](!channel)'), '1700006000.000001'));
      const escalation = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === TIER2 && !c.args.thread_ts));
      await postEvent(t.baseUrl, dmEvent(typed('```<!here> R&D```'), '1700006000.000002'));
      await t.api.waitFor(() => t.api.callsOf('chat.postMessage').some((c) => c.args.channel === TIER2 && String(c.args.text).includes('&lt;!here&gt;')));
      // Assert: every field of every call (text, blocks, fallback) in every channel.
      for (const call of t.api.callsOf('chat.postMessage')) expect(JSON.stringify(call.args)).not.toMatch(LIVE_MARKUP);
      expect(String(escalation.args.text)).toContain('R&amp;D &lt;lab&gt;');
      expect(JSON.stringify(escalation.args.blocks)).toContain('&lt;@U0CAROL&gt; &lt;!channel&gt; [x](!channel)');
    });
  });
});
