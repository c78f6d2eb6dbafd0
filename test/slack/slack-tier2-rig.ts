import { SqliteAgentThreadStore } from '../../src/store/sqlite-agent-thread-store';
import { waitFor } from '../helpers/test-app';
import type { SlackChannelConfig } from '../../channels/slack/slack.channel';
import type { Ticket } from '../../src/types/ticket';
import { dmEvent } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { SlackApiStandIn, type RecordedCall } from './helpers/slack-api-stand-in';
import { boot, tempFolder, tier2Click, TIER2, USERS, type Booted } from './slack-agents-helpers';

/** The agents a rig can register: tina@ and bob@ of the hardware (field-services) group. */
const AGENTS = { tina: 'Tina Agent', bob: 'Bob Chen' } as const;

/** What a rig boots with: agents to register, extra environment, channel settings (given the database folder). */
export type Tier2RigOptions = { agents?: Array<keyof typeof AGENTS>; env?: Record<string, string>; channel?: (dir: string) => Partial<SlackChannelConfig> };

/** A ticket escalated into the tier-2 channel: the DM's HTTP status, its number, the ticket and its thread's ts. */
export type Escalated = { status: number; number: string; ticket: Ticket; ts: string };

/** A fresh Slack API stand-in, database folder and booted Frontdesk (with tier-2 agents) for each test of the enclosing describe. */
export class Tier2Rig {
  api!: SlackApiStandIn;
  private folder!: ReturnType<typeof tempFolder>;
  private booted!: Booted;

  constructor(private readonly options: Tier2RigOptions = {}) {}

  get app(): Booted['app'] { return this.booted.app; }
  get channel(): Booted['channel'] { return this.booted.channel; }
  get agents(): Booted['agents'] { return this.booted.agents; }
  get baseUrl(): string { return this.booted.baseUrl; }

  /** Starts the stand-in, boots on a new folder and registers the agents asked for. */
  async start(): Promise<void> {
    this.api = await new SlackApiStandIn(USERS).start();
    this.folder = tempFolder();
    this.booted = await this.bootOnFolder(this.options.env ?? {});
    for (const id of this.options.agents ?? []) {
      await this.app.agentStore.addAgent({ id, name: AGENTS[id], role: 'agent', groups: ['field-services'] }, 'x', new Date().toISOString());
    }
  }

  /** Stops the app and boots it again on the same database (with `env` added). */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.app.stop();
    this.booted = await this.bootOnFolder(env);
  }

  /** Stops the app and the stand-in and removes the folder. */
  async stop(): Promise<void> {
    await this.app.stop();
    await this.api.stop();
    this.folder.cleanup();
  }

  /** The chat.postMessage calls made to `channel` so far. */
  posts(channel: string): RecordedCall[] {
    return this.api.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);
  }

  /** Alice reports a P2 problem by DM; waits for its escalation post in the tier-2 channel and the thread mapping. */
  async escalate(text = 'My laptop will not boot after the update', dmTs = '1700002000.000001'): Promise<Escalated> {
    const { status } = await postEvent(this.baseUrl, dmEvent(text, dmTs));
    const post = await this.api.waitFor(() => this.posts(TIER2).find((c) => !c.args.thread_ts));
    const number = /(INC|REQ)-\d{6}/.exec(String(post.args.text))![0];
    const ticket = (await this.app.store.getTicketByNumber(number))!;
    const ts = await waitFor(async () => (await new SqliteAgentThreadStore(this.app.sqliteStore()).threadOf('slack', ticket.id))?.postId, 5000, 'the escalation thread ts');
    return { status, number, ticket, ts };
  }

  /** Tina clicks Take over on the escalation post and the user is told she has it. */
  async takeOver(number: string, ts: string): Promise<void> {
    await postInteraction(this.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    await this.api.waitFor(() => this.posts('D0ALICEDM').some((c) => String(c.args.text).includes('Tina Agent')));
  }

  private bootOnFolder(env: Record<string, string>): Promise<Booted> {
    return boot(this.folder.dir, this.api, env, this.options.channel?.(this.folder.dir) ?? {});
  }
}

/** A Tier2Rig started before and stopped after each test of the enclosing describe. */
export function useTier2Rig(options: Tier2RigOptions = {}): Tier2Rig {
  const rig = new Tier2Rig(options);
  beforeEach(() => rig.start());
  afterEach(() => rig.stop());
  return rig;
}
