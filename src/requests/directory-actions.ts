import type { Directory } from '../directory/directory';
import type { Logger } from '../log';
import type { RequestStore } from './request-store';

/** Limits on directory actions per hour: per person and for the whole installation. */
export type ActionLimits = { perUserHour: number; perHour: number };

/** The directory actions self-service may run. */
export type DirectoryAction = 'code_sent' | 'unlock' | 'reset_password' | 'add_member' | 'remove_member';

/**
 * Runs directory actions with their audit row (who, what, on whom, the directory's answer) and the rate
 * limits. A failure is audited too and rethrown for the caller to hand the ticket to a person.
 */
export class DirectoryActions {
  constructor(readonly directory: Directory, private readonly requests: RequestStore, private readonly limits: ActionLimits, private readonly log: Logger) {}

  /** Whether another action on `target` fits in the limits at `now`. */
  async allowed(target: string, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - 3_600_000).toISOString();
    return (await this.requests.actionsSince(since, target)) < this.limits.perUserHour && (await this.requests.actionsSince(since)) < this.limits.perHour;
  }

  /** Record an action that happened elsewhere (a code sent, a verification failure). */
  async record(now: Date, actor: string, action: string, target: string, outcome: string, ticketId?: number, detail?: string): Promise<void> {
    await this.requests.audit({ at: now.toISOString(), actor, action, target, outcome, ticketId, detail });
  }

  async run<T>(now: Date, actor: string, action: DirectoryAction, target: string, ticketId: number | undefined, work: () => Promise<T>): Promise<T> {
    try {
      const answer = await work();
      await this.record(now, actor, action, target, 'ok', ticketId, typeof answer === 'string' || typeof answer === 'boolean' ? String(answer) : undefined);
      this.log.info({ action, ticketId, outcome: 'ok' }, 'directory action');
      return answer;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      await this.record(now, actor, action, target, code, ticketId, (error as Error).message.slice(0, 300));
      this.log.warn({ action, ticketId, outcome: code }, 'directory action failed');
      throw error;
    }
  }
}
