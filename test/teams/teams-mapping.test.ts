import { cleanText, inboundOf, langOfLocale, referenceOf, refOf, submittedChoice } from '../../channels/teams/teams-activity';
import { toChannelError } from '../../channels/teams/teams-errors';
import { activityOf, toTeamsMarkdown } from '../../channels/teams/teams-render';
import { ChannelError } from '../../src/errors';
import { fixture } from './helpers/teams-test-app';

type Card = { content: { body: { type: string; text?: string; facts?: unknown[]; choices?: unknown[] }[]; actions: { type: string; title: string; url?: string; data?: Record<string, unknown> }[] } };

describe('Teams activity mapping', () => {
  test('a channel message loses the bot mention and Teams entities but keeps other names', () => {
    const activity = fixture('channel-mention', { text: '<at>Frontdesk</at> please help <at>Bob Chen</at> &amp; me' });

    expect(cleanText(activity)).toBe('please help Bob Chen & me');
  });

  test('the stored reference carries what a proactive send needs and rebuilds the conversation reference', () => {
    const activity = fixture('channel-mention');

    const ref = refOf(activity);
    const reference = referenceOf(ref);

    expect(ref).toMatchObject({ channel: 'teams', userId: '0d3e8a71-52c4-4c3b-a9f6-7b2e1c5d8a93', extra: { conversationType: 'channel', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } });
    expect(reference).toMatchObject({
      channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: (activity.conversation as { id: string }).id, isGroup: true, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      bot: { id: '28:00000000-0000-0000-0000-00000000f00d' }, user: { id: (activity.from as { id: string }).id },
    });
    expect(referenceOf({ channel: 'teams', conversationId: 'a:1', userId: 'u' })).toBeNull();
  });

  test('button submits, drop-down submits and serialised messageBack values all become a choice action', () => {
    expect(submittedChoice({ value: { fd_action: 'choice', value: 'mac', label: 'MacBook' } })).toEqual({ action: { id: 'choice', value: 'mac' }, label: 'MacBook', cardId: null });
    expect(submittedChoice({ value: { fd_action: 'choice', fd_card: '41', fd_choice: 'b', labels: { a: 'Alpha', b: 'Beta' } } })).toEqual({ action: { id: 'choice', value: 'b' }, label: 'Beta', cardId: '41' });
    expect(submittedChoice({ value: '{"fd_action":"choice","value":"x","fd_card":"not a number"}' })).toEqual({ action: { id: 'choice', value: 'x' }, label: 'x', cardId: null });
    expect(submittedChoice({ value: { something: 'else' } })).toBeNull();
  });

  test('an empty message (only an image) is not passed on; locales map to the bot languages', () => {
    expect(inboundOf(fixture('personal-message', { text: '' }), {})).toBeNull();
    expect([langOfLocale('zh-TW'), langOfLocale('en-GB'), langOfLocale('fr-FR'), langOfLocale(undefined)]).toEqual(['zh', 'en', undefined, undefined]);
  });
});

describe('Teams rendering', () => {
  test('text is escaped Markdown with line breaks Teams keeps', () => {
    expect(toTeamsMarkdown('**INC-000042** <b>x</b>\nnext')).toBe('**INC-000042** &lt;b&gt;x&lt;/b&gt;<br>next');
  });

  test('a card has title, facts, web links and submit buttons; unsafe link schemes are dropped', () => {
    const activity = activityOf({
      kind: 'card', title: 'INC-000042', text: 'VPN down', fields: [{ label: 'Priority', value: 'P2' }],
      links: [{ label: 'Article', url: 'https://kb.example/vpn' }, { label: 'Bad', url: 'javascript:alert(1)' }],
      choices: [{ value: 'yes', label: 'Solved' }],
    });

    const card = (activity.attachments as unknown as Card[])[0];
    expect(card.content.body.map((b) => b.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet']);
    expect(card.content.actions.map((a) => [a.type, a.title])).toEqual([['Action.OpenUrl', 'Article'], ['Action.Execute', 'Solved']]);
    expect(card.content.actions[1]).toMatchObject({ verb: 'fd_choice', data: { fd_action: 'choice', value: 'yes', label: 'Solved' } });
  });

  test('more than six choices become one drop-down, with no preselected value, a label and an error message, whose submit maps back to the label', () => {
    const choices = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((v) => ({ value: v, label: v.toUpperCase() }));

    const card = (activityOf({ kind: 'choice', text: 'Pick', choices }, '77').attachments as unknown as Card[])[0];
    const zh = (activityOf({ kind: 'choice', text: '请选择您的部门', choices }).attachments as unknown as Card[])[0];
    const submit = card.content.actions[0].data ?? {};

    expect(card.content.body[1]).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, label: 'Choose one', errorMessage: 'Please choose an answer first.', choices: expect.arrayContaining([{ title: 'G', value: 'g' }]) });
    expect(card.content.body[1]).not.toHaveProperty('value');
    expect(zh.content.body[1]).toMatchObject({ label: '请选择', errorMessage: '请先选择一个答案。' });
    expect(submittedChoice({ value: { ...submit, fd_choice: 'g' } })).toEqual({ action: { id: 'choice', value: 'g' }, label: 'G', cardId: '77' });
  });

  test('the CSAT question (1-5 and skip) renders as six buttons: nothing is preselected', () => {
    const choices = [...['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })), { value: 'skip', label: 'Skip' }];

    const card = (activityOf({ kind: 'choice', text: 'How satisfied are you with the help? 1 = very unhappy, 5 = very happy', choices }, '12').attachments as unknown as Card[])[0];

    expect(card.content.body.map((b) => b.type)).toEqual(['TextBlock']);
    expect(card.content.actions.map((a) => [a.type, a.title])).toEqual(choices.map((c) => ['Action.Execute', c.label]));
    expect(card.content.actions.every((a) => a.data?.fd_card === '12')).toBe(true);
  });
});

describe('Teams connector errors', () => {
  test('roster 403 and other 4xx are permanent; 401, 429, 5xx and network errors are retried', () => {
    const roster = toChannelError({ statusCode: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' });
    const cases = [{ statusCode: 400, code: 'BadArgument', message: 'x' }, { statusCode: 401, message: 'x' }, { statusCode: 429, message: 'x' }, { statusCode: 502, message: 'x' }, new Error('ECONNREFUSED')];

    expect(roster).toBeInstanceOf(ChannelError);
    expect([roster.permanent, roster.message]).toEqual([true, expect.stringMatching(/not installed the app/)]);
    expect(cases.map((c) => toChannelError(c).permanent)).toEqual([true, false, false, false, false]);
  });
});
