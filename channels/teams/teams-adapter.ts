import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/** How an inbound activity ended: the HTTP status and body to answer with, and the error when it failed. */
export type InboundOutcome = { status: number; body?: unknown; error?: unknown };

/**
 * botbuilder's CloudAdapter with an inbound entry point that hands failures back instead of printing them.
 * `CloudAdapter.process()` writes every failed activity's error with console.error (past the redacting
 * logger: an error can quote the activity's text or the sender's name) and echoes its message in the 500
 * body; it has no logger hook for that. `processActivity` is what it runs inside: the same authentication
 * and turn pipeline, with errors thrown to the caller, who logs them and chooses the answer.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticate and run one inbound activity (parsed and shape-checked by toBotRequest). */
  async processInbound(authHeader: string, activity: Activity, logic: (turn: TurnContext) => Promise<void>): Promise<InboundOutcome> {
    try {
      const invoke: InvokeResponse | undefined = await this.processActivity(authHeader, withDates(activity), logic);
      return { status: invoke?.status ?? 200, body: invoke?.body };
    } catch (error) {
      // botframework-connector's AuthenticationError carries its status (401); anything else is ours to retry.
      const status = (error as { statusCode?: unknown }).statusCode;
      return { status: typeof status === 'number' && status >= 400 && status < 500 ? status : 500, error };
    }
  }
}

/** What process() does before processActivity (botbuilder's validateAndFixActivity): ISO timestamps become Dates. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed;
}
