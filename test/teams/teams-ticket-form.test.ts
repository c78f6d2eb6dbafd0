import { fixture } from './helpers/teams-test-app';
import { useTeamsHarness } from './helpers/use-teams-harness';

const personal = fixture('personal-message');
const PERSONAL = (personal.conversation as { id: string }).id;
const TICKET = /INC-\d{6}|REQ-\d{6}/;

type TaskBody = { task: { type: string; value: any } };

const h = useTeamsHarness();
let counter = 0;

async function invoke(activity: Record<string, unknown>): Promise<{ status: number; body: TaskBody }> {
  const res = await h.post({ ...activity, serviceUrl: h.connector.serviceUrl });
  return { status: res.status, body: (await res.json()) as TaskBody };
}

/** The message extension's submitAction with these form values, from the personal chat (or `from` the fixture's conversation). */
function submitAction(data: Record<string, unknown>, id = `f:77000${++counter}`, base = 'compose-fetch-task'): Record<string, unknown> {
  const fetch = fixture(base);
  const value = fetch.value as Record<string, unknown>;
  return { ...fetch, id, name: 'composeExtension/submitAction', value: { commandId: value.commandId, commandContext: value.commandContext, context: { theme: 'default' }, data } };
}

/** The inputs of a form card, by id. */
const inputs = (card: any) => Object.fromEntries(card.body.filter((b: any) => b.id).map((b: any) => [b.id, b]));
const postedTo = (conversationId: string) => h.connector.posted().filter((c) => c.conversationId === conversationId).map((c) => String(c.body.text ?? ''));

test('the message extension opens the new-ticket form as a dialog: labelled inputs, a required summary, in the person\'s language', async () => {
  // Act
  const en = await invoke(fixture('compose-fetch-task'));
  const zh = await invoke(fixture('compose-fetch-task', { id: 'f:58362710347182009', locale: 'zh-CN' }));
  // Assert
  expect(en.status).toBe(200);
  expect(en.body.task.type).toBe('continue');
  expect(en.body.task.value.title).toBe('New IT ticket');
  const card = en.body.task.value.card;
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(card.content.version).toBe('1.5');
  const fields = inputs(card.content);
  expect(Object.keys(fields)).toEqual(['summary', 'description', 'urgency', 'category']);
  expect(fields.summary).toMatchObject({ type: 'Input.Text', isRequired: true, label: 'Summary', errorMessage: expect.any(String) });
  for (const field of Object.values(fields) as any[]) expect(field.label).toBeTruthy();
  expect(card.content.actions).toEqual([{ type: 'Action.Submit', title: 'Submit', data: { fd_form: 'ticket', lang: 'en' } }]);
  expect(zh.body.task.value.title).toBe('新建 IT 工单');
  expect(inputs(zh.body.task.value.card.content).summary.label).toBe('标题');
});

test('a submitted form from the personal chat is a ticket through the engine, confirmed there with its number; a repeated invoke is one ticket', async () => {
  // Arrange
  const data = { fd_form: 'ticket', lang: 'en', summary: 'VPN fails with error 809', description: 'Since this morning, at home', urgency: 'high', category: 'network' };
  // Act: Teams repeats an invoke it did not get an answer to in time: the same activity twice.
  const first = await invoke(submitAction(data, 'f:7700099'));
  const again = await invoke(submitAction(data, 'f:7700099'));
  await h.settle();
  // Assert
  expect(first.status).toBe(200);
  expect(first.body.task).toEqual({ type: 'message', value: expect.stringContaining('ticket is being logged') });
  expect(again.status).toBe(200);
  const confirmation = postedTo(PERSONAL).find((text) => TICKET.test(text));
  expect(confirmation).toBeDefined();
  const ticket = await h.app.store.getTicketByNumber(TICKET.exec(confirmation!)![0]);
  expect(ticket).toMatchObject({ summary: 'VPN fails with error 809', category: 'network', urgency: 1 });
  const db = (h.app.store as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db;
  expect(db.prepare('SELECT count(*) AS n FROM tickets').get().n).toBe(1);
});

test('"Report to IT" on a channel message: the form holds the message and its link; the ticket reaches the person\'s personal chat, never the channel', async () => {
  // Act: the dialog opened on Bob's channel message.
  const opened = await invoke(fixture('message-action-fetch-task'));
  const form = opened.body.task.value.card.content;
  const fields = inputs(form);
  // Assert: the message as text, its link under the inputs and in the submit data.
  expect(fields.description.value).toBe('The wiki times out for the whole **R&D** team since 9:00');
  expect(fields.summary.value).toBe('The wiki times out for the whole **R&D** team since 9:00');
  const link = (fixture('message-action-fetch-task').value as any).messagePayload.linkToMessage;
  expect(form.actions[0].data).toEqual({ fd_form: 'ticket', lang: 'en', source: link });
  expect(JSON.stringify(form.body)).toContain('From a message by Bob Chen');
  // Without a personal chat with the bot, the submission is refused with where to go (nothing stored).
  const data = { ...form.actions[0].data, summary: 'Wiki times out', description: fields.description.value, urgency: 'medium' };
  const refused = await invoke(submitAction(data, 'f:7700100', 'message-action-fetch-task'));
  expect(refused.body.task.value).toContain('Open a chat with Frontdesk');
  await h.settle();
  expect(h.connector.posted()).toHaveLength(0);
  // Once Alice has a ticket from her personal chat, the same submission is logged and confirmed there.
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const before = postedTo(PERSONAL).length;
  const logged = await invoke(submitAction(data, 'f:7700101', 'message-action-fetch-task'));
  await h.settle();
  expect(logged.body.task.value).toContain('ticket is being logged');
  const confirmation = postedTo(PERSONAL).slice(before).find((text) => TICKET.test(text));
  const ticket = await h.app.store.getTicketByNumber(TICKET.exec(confirmation!)![0]);
  expect(ticket!.slots.source).toBe(link);
  expect(ticket!.description).toContain('R&D');
  expect(h.connector.posted().filter((c) => c.conversationId !== PERSONAL)).toHaveLength(0);
});
