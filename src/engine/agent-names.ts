import type { Ticket } from '../types/ticket';

/** Display names of the agents who own the tickets a turn may describe (`lookup`: an agent's name by id). */
export async function agentNames(lookup: ((id: string) => Promise<string | null>) | undefined, tickets: (Ticket | null)[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  if (!lookup) return names;
  for (const ticket of tickets) {
    const id = ticket?.agentId;
    if (!id || id in names) continue;
    const name = await lookup(id);
    if (name) names[id] = name;
  }
  return names;
}
