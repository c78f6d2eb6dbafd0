import { fixture, type TeamsHarness } from './teams-test-app';

/** Alice, the requester, in her personal chat with the bot (the personal-message fixture). */
export const ALICE = fixture('personal-message').from as { id: string; name: string; aadObjectId: string };
export const ALICE_CHAT = (fixture('personal-message').conversation as { id: string }).id;
/** Tina, a registered agent whose Teams e-mail is her work e-mail, in her own personal chat with the bot. */
export const TINA = { id: '29:1TiNaAgEnT0123456789abcdefGhIjKlMnOpQrStUvWxYz_aBcDeFgH-IjKlMn', name: 'Tina Agent', aadObjectId: '0b9d7e21-5c3f-4a8e-b1d2-7f6e5d4c3b2a' };
const TINA_CHAT = { conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', id: 'a:1TiNaChAt8nLw0zR5kT2mVb7cYhJ3uP9sD4fG6aE1iO0lK8jH2gF5dS7aQ3wE9rT1yU4iO6pZ8xC0vB2nM5k' };

/** One input or picker value Teams merges into `action.data` when Save is pressed in a show-card. */
export type Inputs = Record<string, string>;
/** An invoke's HTTP answer: status and the Universal Action response body. */
export type InvokeAnswer = { status: number; body: { statusCode: number; type: string; value: any } };

let seq = 0;

/** Register Tina and Bob (agents, with work e-mails) and put Tina in the connector's member directory. */
export async function addAgents(h: TeamsHarness): Promise<void> {
  const now = new Date().toISOString();
  await h.app.agentStore.addAgent({ id: 'tina', name: 'Tina Agent', role: 'agent', groups: ['field-services', 'desktop'], email: 'tina.agent@contoso.com' }, 'x', now);
  await h.app.agentStore.addAgent({ id: 'bob', name: 'Bob Builder', role: 'agent', groups: ['field-services', 'desktop'], email: 'bob@contoso.com' }, 'x', now);
  h.connector.members.set(TINA.id, { id: TINA.id, name: TINA.name, aadObjectId: TINA.aadObjectId, email: 'Tina.Agent@contoso.com', userPrincipalName: 'tina.agent@contoso.com', tenantId: TINA_CHAT.tenantId, userRole: 'user' });
}

/** Alice reports a problem the bot escalates; returns the ticket number. */
export async function escalated(h: TeamsHarness): Promise<string> {
  await h.post(fixture('personal-message', { id: `17636299530${++seq}`, text: 'My laptop will not boot after the update' }, h.connector.serviceUrl));
  await h.settle();
  const conversation = await h.app.store.findConversation({ channel: 'teams', conversationId: ALICE_CHAT });
  const ticket = conversation?.ticketId ? await h.app.store.getTicket(conversation.ticketId) : null;
  if (!ticket) throw new Error('no ticket opened for Alice');
  return ticket.number;
}

/** Tina writes `text` in her personal chat with the bot (a message activity as Teams sends it). */
export async function tinaWrites(h: TeamsHarness, text: string, locale = 'en-US'): Promise<void> {
  const res = await h.post(fixture('personal-message', { id: `17636299540${++seq}`, text, from: TINA, conversation: TINA_CHAT, locale }, h.connector.serviceUrl));
  if (res.status !== 200) throw new Error(`message answered ${res.status}`);
  await h.settle();
}

/** Press `verb` on the agent card of `ticket` as `from`, with the show-card's inputs: an `adaptiveCard/action` invoke as Teams sends it. */
export async function press(h: TeamsHarness, from: unknown, verb: string, ticket: string, inputs: Inputs = {}, locale = 'en-US'): Promise<InvokeAnswer> {
  const personal = from === ALICE ? fixture('personal-message').conversation : TINA_CHAT;
  const invoke = fixture('card-action-invoke', {
    id: `f:91000000000000${++seq}`, from, conversation: personal, replyToId: `1:${seq}`, locale,
    value: { action: { type: 'Action.Execute', title: verb, verb, data: { ticket, ...inputs } }, trigger: 'manual' },
  }, h.connector.serviceUrl);
  const res = await h.post(invoke);
  const answer = { status: res.status, body: (await res.json()) as InvokeAnswer['body'] };
  await h.settle();
  return answer;
}

/** Texts the bot sent to Alice's chat, oldest first. */
export function toAlice(h: TeamsHarness): string[] {
  return h.connector.posted().filter((c) => c.path.includes(encodeURIComponent(ALICE_CHAT)) || c.path.includes(ALICE_CHAT)).map((c) => JSON.stringify(c.body));
}
