import { PassThrough } from 'node:stream';
import { runIncidentsCommand } from '../../src/incidents/incidents.command';
import { MajorIncidents } from '../../src/incidents/major-incidents';
import { sqliteIncidentStore } from '../../src/store/sqlite-incident-store';
import { laterMessages, openTicket, testStore } from '../sla/helpers';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on('data', (c) => out.push(String(c)));
  const stderr = new PassThrough().on('data', (c) => err.push(String(c)));
  return { io: { stdin: new PassThrough(), stdout, stderr, env, cwd: '/nonexistent' }, out: () => out.join(''), err: () => err.join('') };
}

const T0 = new Date('2026-03-02T10:00:00Z');
const texts = ['VPN will not connect from home', 'Cannot connect to the VPN, it times out', 'the vpn connection keeps timing out'];

describe('frontdesk incidents', () => {
  let t: ReturnType<typeof testStore>;
  beforeEach(() => {
    t = testStore();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  test('list prints one JSON line per incident; resolve notifies the linked users', async () => {
    const mi = new MajorIncidents({ store: t.store, incidents: sqliteIncidentStore(t.store) });
    const tickets = [];
    for (const [i, text] of texts.entries()) {
      const ticket = await openTicket(t.store, { user: `u${i}`, text, at: new Date(T0.getTime() + i * 60_000) });
      tickets.push(ticket);
      await mi.onTicketOpened(ticket, T0);
    }
    const env = { DATABASE_PATH: t.store.db.name };

    const listed = io(env);
    const listCode = await runIncidentsCommand(['list'], listed.io);
    const resolved = io(env);
    const resolveCode = await runIncidentsCommand(['resolve', 'MI-000001', '--note', 'Gateway restarted'], resolved.io);
    const usage = io(env);
    const usageCode = await runIncidentsCommand(['close'], usage.io);

    expect(listCode).toBe(0);
    expect(JSON.parse(listed.out())).toMatchObject({ number: 'MI-000001', status: 'open', category: 'network', tickets: 3 });
    expect(resolveCode).toBe(0);
    expect(resolved.out()).toBe(`MI-000001 resolved; 3 linked user(s) notified: ${tickets.map((x) => x.number).join(', ')}.\n`);
    for (const ticket of tickets) expect((await laterMessages(t.store, ticket.conversationId)).at(-1)!.text).toContain('Gateway restarted');
    expect(usageCode).toBe(1);
    expect(usage.err()).toMatch(/incidents resolve MI-000001 --note/);
  });

  test('resolve without a note is refused with the fix', async () => {
    await expect(runIncidentsCommand(['resolve', 'MI-000001'], io({ DATABASE_PATH: t.store.db.name }).io)).rejects.toThrow(/--note "/);
  });
});
