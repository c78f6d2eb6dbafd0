import { ConsolePresence, TYPING_TTL_MS, VIEWING_TTL_MS, type PresenceEntry } from '../../src/console/presence';
import type { Agent } from '../../src/store/agent-store';

const alice: Agent = { id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'] };
const bob: Agent = { id: 'bob', name: 'Bob Li', role: 'agent', groups: ['network'] };
const ticket = { number: 'INC-000001', group: 'network' };

describe('console presence (collision detection)', () => {
  test('typing falls back to viewing after its time, silence drops the agent; each change is told once', () => {
    const told: PresenceEntry[][] = [];
    const presence = new ConsolePresence((_t, agents) => told.push(agents));
    presence.set(ticket, alice, 'viewing', 0);
    presence.set(ticket, alice, 'viewing', 1_000);
    expect(told).toHaveLength(1);
    presence.set(ticket, bob, 'typing', 2_000);
    // A viewing heartbeat while the typing report is fresh keeps "typing".
    expect(presence.set(ticket, bob, 'viewing', 3_000)).toEqual([
      { id: 'alice', name: 'Alice Chen', state: 'viewing' }, { id: 'bob', name: 'Bob Li', state: 'typing' }]);
    presence.sweep(2_000 + TYPING_TTL_MS);
    expect(presence.on(ticket.number).map((a) => a.state)).toEqual(['viewing', 'viewing']);
    presence.sweep(1_000 + VIEWING_TTL_MS);
    expect(presence.on(ticket.number).map((a) => a.id)).toEqual(['bob']);
    presence.set(ticket, bob, 'left', 5_000);
    expect(presence.on(ticket.number)).toEqual([]);
    expect(told.map((list) => list.map((a) => `${a.id}:${a.state}`).join(','))).toEqual([
      'alice:viewing', 'alice:viewing,bob:typing', 'alice:viewing,bob:viewing', 'bob:viewing', '']);
  });
});
