import { describeWithSlapd, startSlapd, type Slapd } from '../directory/helpers/slapd';
import { startRequestApp, type RequestApp } from './helpers/request-app';

const ticketOf = async (t: RequestApp, text: string) => (await t.app.store.getTicketByNumber(/(?:INC|REQ)-\d{6}/.exec(text)![0]))!;
const ORDER = ['P1', 'P2', 'P3', 'P4', 'P5'];

describeWithSlapd()('directory facts in ordinary tickets', () => {
  let slapd: Slapd;
  let t: RequestApp;
  beforeAll(async () => {
    slapd = await startSlapd();
    t = await startRequestApp({}, slapd);
  });
  afterAll(async () => {
    await t?.stop();
    await slapd?.dispose();
  });

  test('department, manager and office fill the slots; the VIP flag raises the priority by one level', async () => {
    const text = 'The second monitor on my desk flickers every few minutes';
    const alice = await ticketOf(t, await t.say('U0ALICE', text));
    const frank = await ticketOf(t, await t.say('U0FRANK', text));
    expect(alice.slots).toMatchObject({ department: 'Finance', manager: 'Bob Chen', office: 'Shanghai 12F' });
    expect(alice.slots.vip).toBeUndefined();
    expect(['P3', 'P4', 'P5']).toContain(alice.priority);
    expect(frank.slots).toMatchObject({ department: 'Board', manager: 'Carol Diaz', office: 'London 1', vip: 'yes' });
    expect(ORDER.indexOf(frank.priority)).toBe(Math.max(1, ORDER.indexOf(alice.priority) - 1));
    // The directory knows Alice's address: no "which email can we reach you at?".
    expect(t.posted('U0ALICE').join('\n')).not.toMatch(/e-?mail/i);
  });

  test('a person the directory does not know gets an ordinary ticket, no directory slots', async () => {
    const reply = await t.say('U0MALLORY', 'The second monitor on my desk flickers every few minutes');
    const ticket = await ticketOf(t, reply);
    expect(ticket.slots.department).toBeUndefined();
    expect(ticket.slots.vip).toBeUndefined();
  });
});
