import type { Attachment } from 'botbuilder';
import { activityOf } from '../../channels/teams/teams-render';
import { finishedCard } from '../../channels/teams/teams-clicks';
import { ticketFormCard } from '../../channels/teams/teams-ticket-form';
import { agentTicketCard } from '../../channels/teams/teams-agent-card';
import { escalationCard } from '../../channels/slack/slack-escalation-text';
import type { OutboundMessage } from '../../src/types/conversation';
import { cardProblems } from './helpers/card-schema';

const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `v${i + 1}`, label: `Option ${i + 1}` }));
const long = 'The VPN drops every few minutes.\n1. Restarted\n2. Reinstalled\n- still fails\n'.repeat(400);

/** Every OutboundMessage shape the engine sends, in both languages and at the edges the renderer switches on. */
const MESSAGES: Array<[string, OutboundMessage]> = [
  ['text', { kind: 'text', text: 'Hello <b>R&D</b>' }],
  ['form (no card on Teams)', { kind: 'form', text: 'A few details', fields: [{ id: 'device', label: 'Device', choices: choices(2) }] }],
  ['choice, 2 buttons', { kind: 'choice', text: 'Is it fixed?', choices: choices(2) }],
  ['choice, 6 buttons (CSAT)', { kind: 'choice', text: 'How satisfied are you? 1-5', choices: choices(6) }],
  ['choice, drop-down (7+)', { kind: 'choice', text: 'Which building?', choices: choices(20) }],
  ['choice, Chinese drop-down', { kind: 'choice', text: '您在哪栋楼？', choices: choices(8) }],
  ['choice, longest text', { kind: 'choice', text: long, choices: choices(2) }],
  ['card, bare', { kind: 'card', title: 'INC-000123', text: 'Logged.', fields: [], links: [], choices: [] }],
  ['card, fields, links (one not web) and buttons', {
    kind: 'card', title: 'Reset your password', text: '**Steps**\n1. Open the portal\n2. Choose *Forgot*',
    fields: [{ label: 'Status', value: 'open' }, { label: 'Empty', value: '' }],
    links: [{ label: 'Portal', url: 'https://id.example.com' }, { label: 'Mail', url: 'mailto:it@example.com' }], choices: choices(3),
  }],
  ['card, drop-down', { kind: 'card', title: 'Pick', text: 'Which one?', fields: [], links: [], choices: choices(12) }],
];

const cardsOf = (message: OutboundMessage): Attachment[] => (activityOf(message, '42').attachments ?? []) as Attachment[];

describe('every Adaptive Card the Teams bot sends is valid Adaptive Cards 1.5 (schema and the official parser)', () => {
  test.each(MESSAGES)('%s', (_name, message) => {
    const cards = cardsOf(message);
    expect(cards.length).toBe(message.kind === 'choice' || message.kind === 'card' ? 1 : 0);
    for (const card of cards) {
      expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(card.content)).toEqual([]);
    }
  });

  test.each(MESSAGES.filter(([, m]) => m.kind === 'choice' || m.kind === 'card'))('%s, answered and closed (the refreshed card)', (_name, message) => {
    const card = message as Extract<OutboundMessage, { kind: 'choice' | 'card' }>;
    expect(cardProblems(finishedCard(card, 'Option 1').content)).toEqual([]);
    expect(cardProblems(finishedCard(card, null).content)).toEqual([]);
  });

  test.each([['en'], ['zh']] as const)('the new-ticket form (%s), empty and prefilled from a message', (lang) => {
    expect(cardProblems(ticketFormCard(lang).content)).toEqual([]);
    const prefilled = ticketFormCard(lang, { html: '<p>Printer <b>jams</b></p>', link: 'https://teams.microsoft.com/l/message/1', author: 'Bob [IT]' });
    expect(cardProblems(prefilled.content)).toEqual([]);
  });

  test.each([['en'], ['zh']] as const)('the escalation card (%s) as Teams renders it', (lang) => {
    const summary = {
      ticketNumber: 'INC-000123', summary: 'VPN <down>', priority: 'P2', category: 'network',
      requester: { name: 'Alice', email: 'alice@example.com', channel: 'teams' }, context: 'Tried **twice**', consoleUrl: 'https://desk.example.com/console#INC-000123',
    };
    for (const live of [undefined, { status: 'escalated', owner: null }, { status: 'closed', owner: 'Dave' }]) {
      for (const card of cardsOf(escalationCard(summary, live, lang))) expect(cardProblems(card.content)).toEqual([]);
    }
  });

  test.each([['en'], ['zh']] as const)('the agents\' ticket card (%s): open with pickers, refreshed, finished', (lang) => {
    const ticket = { number: 'INC-000123', summary: 'VPN [down](http://x) <b>', status: 'in_progress', priority: 'P2', category: 'network', owner: 'Tina Agent', group: 'network' };
    const choices = { agents: [{ id: 'tina', name: 'Tina Agent' }, { id: 'bob', name: 'Bob' }], groups: ['desktop', 'network'] };
    expect(cardProblems(agentTicketCard(ticket, choices, lang, undefined, '29:1TiNa').content)).toEqual([]);
    expect(cardProblems(agentTicketCard({ ...ticket, owner: null, group: null }, { agents: [], groups: [] }, lang, '✓ done').content)).toEqual([]);
    expect(cardProblems(agentTicketCard({ ...ticket, status: 'closed' }, choices, lang).content)).toEqual([]);
  });
});

describe('the validator itself', () => {
  const good = () => cardsOf({ kind: 'choice', text: 'Is it fixed?', choices: choices(2) })[0].content as Record<string, any>;

  test('a valid card passes', () => expect(cardProblems(good())).toEqual([]));

  test.each([
    ['an unknown property on an element', (c: Record<string, any>) => { c.body[0].colour = 'red'; }, /colour/],
    ['an Action.Execute without a title and with a bad data type', (c: Record<string, any>) => { c.actions[0].data = 7; }, /schema/],
    ['an unknown element type', (c: Record<string, any>) => { c.body.push({ type: 'Chart' }); }, /Chart/],
    ['a choice without a value', (c: Record<string, any>) => { c.body.push({ type: 'Input.ChoiceSet', id: 'x', choices: [{ title: 'a' }] }); }, /value/],
    ['two inputs with one id', (c: Record<string, any>) => { c.body.push({ type: 'Input.Text', id: 'x' }, { type: 'Input.Text', id: 'x' }); }, /Duplicate Id/],
    ['seven buttons (Teams shows six)', (c: Record<string, any>) => { c.actions.push(...c.actions, ...c.actions, c.actions[0]); }, /Maximum number of actions/],
    ['a width Teams does not know', (c: Record<string, any>) => { c.msteams = { width: 'Wide' }; }, /msteams/],
  ])('%s fails', (_name, breakIt, expected) => {
    const card = good();
    breakIt(card);
    expect(cardProblems(card).join('\n')).toMatch(expected);
  });
});
