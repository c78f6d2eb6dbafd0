import { escalationCard } from '../../channels/slack/slack-escalation-text';
import { classifyAgentMessage, type SlackAgent, type Tier2Handler } from '../../channels/slack/slack-tier2';
import type { ConversationRef } from '../../src/types/conversation';
import { fixture } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { startSlackTestApp, storedInbound, type SlackTestApp } from './helpers/slack-test-app';

describe('classifyAgentMessage', () => {
  const base = { owner: 'U0AGENT', relayPrefix: '>>' };
  it.each([
    ['the owner', 'U0AGENT', 'Try restarting the dock', 'reply', 'Try restarting the dock'],
    ['another agent', 'U0BOB', 'I saw this last week', 'note', 'I saw this last week'],
    ['another agent with the relay prefix', 'U0BOB', '>> Please restart the dock', 'reply', 'Please restart the dock'],
  ])('%s', (_name, sender, text, kind, out) => {
    expect(classifyAgentMessage({ ...base, sender, text })).toEqual({ kind, text: out });
  });

  it('everything is a note while nobody owns the ticket', () => {
    expect(classifyAgentMessage({ sender: 'U0AGENT', owner: null, text: 'hi', relayPrefix: '>>' }).kind).toBe('note');
  });
});

/** A stand-in for the handoff module, recording what the channel routes to it. */
class RecordingHandler implements Tier2Handler {
  readonly log: string[] = [];
  private owner: string | null = null;
  async takeOver(ticket: string, agent: SlackAgent) {
    this.owner = agent.slackUserId;
    this.log.push(`take ${ticket} ${agent.slackUserId}`);
    return { ok: true };
  }
  async resolve(ticket: string, agent: SlackAgent, resolution: string) {
    this.log.push(`resolve ${ticket} ${agent.slackUserId}: ${resolution}`);
    return { ok: true };
  }
  async ownerOf() {
    return this.owner;
  }
  async agentMessage(ticket: string, agent: SlackAgent, text: string, kind: 'reply' | 'note') {
    this.log.push(`${kind} ${ticket} ${agent.slackUserId}: ${text}`);
  }
}

describe('tier-2 agents in Slack', () => {
  let t: SlackTestApp;
  let handler: RecordingHandler;
  beforeEach(async () => {
    t = await startSlackTestApp({ tier2Channel: 'C0TIER2' });
    handler = new RecordingHandler();
    t.channel.setTier2Handler(handler);
  });
  afterEach(async () => {
    await t.stop();
  });

  const threadMessage = (user: string, text: string, ts: string, threadTs: string) => {
    const body = fixture('event-thread-reply');
    Object.assign(body.event, { user, text, ts, event_ts: ts, thread_ts: threadTs, parent_user_id: 'U0FRONTDESK', channel: 'C0TIER2' });
    return body;
  };

  /** How the outbox addresses an escalation post of `ticket`. */
  const escalationRef = (ticket: string): ConversationRef => ({ channel: 'slack', conversationId: 'C0TIER2', userId: 'broadcast-target:C0TIER2', extra: { tier2: 'escalation', ticket } });

  it('posts an escalation with the context summary and Take over / Resolve buttons', async () => {
    // Act
    await t.channel.send(escalationRef('INC-000007'), escalationCard({
      ticketNumber: 'INC-000007', summary: 'VPN drops every 10 minutes', priority: 'P2', category: 'network',
      requester: { name: 'Alice Moreau', email: 'alice@acme.test', department: 'Finance', channel: 'slack' },
      context: 'Tried: **reinstall client**, switch Wi-Fi.',
    }), 1);
    // Assert
    const [call] = t.api.callsOf('chat.postMessage');
    expect(call.args.channel).toBe('C0TIER2');
    expect(call.args.thread_ts).toBeUndefined();
    const json = JSON.stringify(call.args.blocks);
    expect(json).toContain('Tried: *reinstall client*, switch Wi-Fi.');
    expect(json).toContain('Alice Moreau');
    const buttons = (call.args.blocks as any[]).find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.action_id, b.value ?? b.options?.[0].value])).toEqual([['fd_t2_take', 'INC-000007'], ['fd_t2_resolve', 'INC-000007'], ['fd_t2_more', 'assign:INC-000007']]);
  });

  it('routes Take over, then the owner\'s thread replies to the user and other messages as notes', async () => {
    // Arrange: the escalation post and a Take over click on it.
    await t.channel.send(escalationRef('INC-000008'), escalationCard({
      ticketNumber: 'INC-000008', summary: 'Laptop dead', priority: 'P3', category: 'hardware', requester: { channel: 'slack' }, context: 'No power.',
    }), 2);
    const ts = '1700001000.000001'; // the stand-in's ts for its first post
    const click = fixture('block-actions');
    Object.assign(click, { user: { id: 'U0AGENT', team_id: 'T0ACME' }, channel: { id: 'C0TIER2', name: 'it-tier2' } });
    click.container = { type: 'message', message_ts: ts, channel_id: 'C0TIER2', is_ephemeral: false };
    click.actions = [{ action_id: 'fd_t2_take', block_id: 'fd_tier2', value: 'INC-000008', type: 'button', text: { type: 'plain_text', text: 'Take over' }, action_ts: '1700002000.1' }];
    // Act
    expect((await postInteraction(t.baseUrl, click)).status).toBe(200);
    await t.api.waitFor(() => handler.log.length === 1);
    await postEvent(t.baseUrl, threadMessage('U0AGENT', 'Hold the power button for 30 s', '1700002001.000001', ts));
    await postEvent(t.baseUrl, threadMessage('U0BOB', 'Known battery issue on this model', '1700002002.000001', ts));
    // Assert
    expect(handler.log).toEqual([
      'take INC-000008 U0AGENT',
      'reply INC-000008 U0AGENT: Hold the power button for 30 s',
      'note INC-000008 U0BOB: Known battery issue on this model',
    ]);
    expect(storedInbound(t.app)).toBe(0);
  });
});
