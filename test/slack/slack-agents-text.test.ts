import { contextMarkdown, escalationCard, mirrorLine } from '../../channels/slack/slack-escalation-text';
import { toMrkdwn } from '../../channels/slack/slack-format';
import type { Ticket, TicketEvent } from '../../src/types/ticket';

const ticket = { number: 'INC-000042' } as Ticket;
const event = (kind: string, data: Record<string, unknown>, actor = 'user:1'): TicketEvent => ({ id: 1, ticketId: 1, at: '', actor, kind, data });

describe('escalation text for the tier-2 channel', () => {
  it('lists reason, answers, classification, articles tried and recent tickets', () => {
    const text = contextMarkdown({
      summary: 'Alice reports VPN drops', reason: 'kb_failed', answers: { since: 'this morning', empty: ' ' },
      classification: { category: 'network', type: 'incident', confidence: 0.83 },
      kbTried: [{ id: 'vpn-connect', helpful: false }, { id: 'wifi-connect', helpful: null }],
      recentTickets: [{ number: 'INC-000040', summary: 'VPN slow', status: 'closed', createdAt: '' }],
    });
    expect(text.split('\n')).toEqual([
      'Alice reports VPN drops',
      '**Why escalated:** articles did not help',
      '**Answers:**',
      '• since: this morning',
      '**Classification:** network / incident (confidence 83%)',
      '**Articles tried:** vpn-connect (not helpful), wifi-connect (no answer)',
      '**Recent tickets:** INC-000040 VPN slow (closed)',
    ]);
  });

  it.each([
    [event('user_message', { text: 'a <b> & c' }), ':speech_balloon: *Alice*: a &lt;b&gt; &amp; c'],
    [event('reopened', { text: 'no' }), ':leftwards_arrow_with_hook: *Alice* says it is not fixed, INC-000042 is reopened: no'],
    [event('transferred', { toGroup: 'network', toAgent: null }, 'agent:root'), ':arrow_right_hook: INC-000042 was passed to network (by root).'],
    [event('csat', { score: 4, comment: null }), ':star: *Alice* rated the help 4/5'],
    [event('agent_reply', { text: 'hi' }, 'agent:tina'), null],
    [event('internal_note', { text: 'hi' }, 'agent:tina'), null],
  ])('mirrors %j as %j (as Slack shows it)', (e, line) => {
    const markdown = mirrorLine(e, ticket, 'Alice');
    expect(markdown === null ? null : toMrkdwn(markdown)).toBe(line);
  });

  it('reads in Chinese for a Chinese desk (Feishu, WeCom): reason, labels, statuses and thread lines', () => {
    const text = contextMarkdown({ summary: '王芳：VPN 连不上', reason: 'kb_failed', kbTried: [{ id: 'vpn-connect', helpful: false }] }, 'zh');
    expect(text.split('\n')).toEqual(['王芳：VPN 连不上', '**升级原因:** 知识库文章未解决', '**已尝试的文章:** vpn-connect (没帮助)']);
    expect(mirrorLine(event('taken_over', {}, 'agent:tina'), ticket, '王芳', 'zh')).toBe(':raising_hand: tina 接手了 INC-000042。');
    const card = escalationCard({ ticketNumber: 'INC-000042', summary: 'VPN', priority: 'P3', category: 'network', requester: { name: '王芳', channel: 'feishu' }, context: text }, { status: 'escalated', owner: null }, 'zh');
    expect(card.kind === 'card' && [card.fields.map((f) => `${f.label}=${f.value}`), card.choices.map((c) => c.label)]).toEqual([
      ['报告人=王芳', '渠道=feishu', '状态=已升级，等待坐席', '负责人=暂无'], ['接手', '解决'],
    ]);
  });
});
