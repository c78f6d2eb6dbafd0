import type { EventEmitter } from 'node:events';
import type { EngineEvents } from '../engine/engine';
import { FrontdeskError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { ActionResult } from './agent-actions';

/** What a chat platform tells the agent who pressed a button or wrote in a tier-2 thread. */
export type ChatActionOutcome = { ok: boolean; message?: string };

/**
 * An agent action started from a chat platform (Slack, Feishu, WeCom): run it as `agent` (null: not a registered
 * agent, refused with `notAgent`), announce the commit so the outbox is drained, and turn a permission or state
 * error into its message for the agent. Anything else is a bug and is thrown.
 */
export async function runChatAgentAction(
  agent: Agent | null, notAgent: string, run: (agent: Agent, now: Date) => Promise<ActionResult>,
  clock: () => Date, events: EventEmitter<EngineEvents>,
): Promise<ChatActionOutcome> {
  if (!agent) return { ok: false, message: notAgent };
  try {
    const { result } = await run(agent, clock());
    events.emit('committed', result);
    return { ok: true };
  } catch (error) {
    // Permission and state errors carry a message that tells the agent what to do.
    if (error instanceof FrontdeskError) return { ok: false, message: error.message };
    throw error;
  }
}
