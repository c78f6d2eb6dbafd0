import { ImapFlow } from 'imapflow';
import type { Logger } from '../../src/log';

/** IMAP connection settings. */
export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox?: string;
  /** Where handled mail goes (created if missing). */
  processedFolder?: string;
  /** Safety poll while idling, and the poll interval when the server has no IDLE. */
  pollIntervalMs?: number;
  batchSize?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
};

/** One fetched mail. */
export type FetchedMail = { uid: number; source: Buffer };

/** What happened to a mail: handled ones are marked; 'retry' stays in the inbox for the next pass. */
export type MailOutcome = 'accepted' | 'duplicate' | 'ignored' | 'failed' | 'retry';

/** Handles a batch in order; returns one outcome per mail. */
export type BatchHandler = (mails: FetchedMail[]) => Promise<MailOutcome[]>;

const KEYWORD: Partial<Record<MailOutcome, string>> = { ignored: '$FrontdeskIgnored', failed: '$FrontdeskFailed' };

/**
 * Watches a mailbox: IDLE (called explicitly: imapflow's auto-IDLE waits 15 s and never runs under a
 * lock) plus a safety poll, and reconnects with exponential backoff. A mail is marked \Seen and moved
 * to the processed folder only after the handler says it is stored, so a crash means it is seen again.
 */
export class ImapWatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private newMail = false;
  private sleepTimer: NodeJS.Timeout | null = null;
  /** Completed passes over the mailbox; tests and the bench wait on it. */
  passes = 0;

  constructor(private readonly settings: ImapSettings, private readonly handle: BatchHandler, private readonly log: Logger) {}

  /** Start watching in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stop after the batch in flight and log out. */
  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    await this.client?.logout().catch(() => this.client?.close());
    await this.loop;
  }

  private poke(): void {
    this.newMail = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    for (let attempt = 0; this.running; attempt++) {
      const client = this.connectClient();
      try {
        await client.connect();
        attempt = 0;
        await this.session(client);
      } catch (error) {
        if (this.running) this.log.warn({ err: error, attempt }, 'IMAP connection failed; reconnecting');
      } finally {
        this.client = null;
        if (client.usable) await client.logout().catch(() => client.close());
        else client.close();
      }
      if (this.running) await this.sleep(this.backoff(attempt));
    }
  }

  private connectClient(): ImapFlow {
    const s = this.settings;
    const client = new ImapFlow({
      host: s.host, port: s.port, secure: s.secure, auth: { user: s.user, pass: s.pass },
      // No maxIdleTime: imapflow restarting IDLE by itself races the NOOP that ends our wait.
      logger: false, disableAutoIdle: true,
    });
    client.on('error', (err: Error) => this.log.warn({ err }, 'IMAP error'));
    client.on('exists', () => this.poke());
    client.on('close', () => this.wake?.());
    this.client = client;
    return client;
  }

  private async session(client: ImapFlow): Promise<void> {
    const processed = this.settings.processedFolder ?? 'Processed';
    const folders = await client.list();
    if (!folders.some((f) => f.path === processed)) await client.mailboxCreate(processed);
    await client.mailboxOpen(this.settings.mailbox ?? 'INBOX');
    while (this.running && client.usable) {
      this.newMail = false;
      await this.drain(client, processed);
      this.passes++;
      if (!this.newMail) await this.idle(client);
    }
  }

  /**
   * One pass: a SEARCH for every UID in the inbox, then one UID FETCH per batch. The next batch's FETCH
   * is in flight while the handler parses and stores the current one (the server works while we do);
   * each batch is then filed with one UID-set command per flag and one MOVE, only after it is stored.
   */
  private async drain(client: ImapFlow, processed: string): Promise<void> {
    const batchSize = this.settings.batchSize ?? 200;
    // Everything in the inbox, read or not: handled mail is moved out, and a person reading the desk's
    // mailbox in a mail client must not hide a mail from the bot by opening it.
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    // Batches grow from 16 to batchSize: the first mails reach the engine after a short FETCH and parse,
    // and the engine works on them while the bigger batches behind are fetched.
    const chunks: number[][] = [];
    for (let i = 0, size = Math.min(16, batchSize); i < uids.length; i += size, size = Math.min(size * 2, batchSize)) {
      chunks.push(uids.slice(i, i + size));
    }
    let next = chunks.length ? prefetch(client, chunks[0]) : null;
    for (let k = 0; next && this.running; k++) {
      const mails = await next;
      next = k + 1 < chunks.length ? prefetch(client, chunks[k + 1]) : null;
      const outcomes = await this.handle(mails);
      await this.file(client, mails, outcomes, processed);
      // Mails that could not be stored (database trouble) wait for the next poll rather than spin.
      if (outcomes.includes('retry')) break;
    }
    // A prefetched batch that is not handled (stop, or a retry) stays in the inbox; only settle its FETCH.
    await next?.catch(() => undefined);
  }

  /** Flag and move a handled batch: one command per kind of outcome, then \Seen and MOVE for all done. */
  private async file(client: ImapFlow, mails: FetchedMail[], outcomes: MailOutcome[], processed: string): Promise<void> {
    for (const [outcome, keyword] of Object.entries(KEYWORD)) {
      const marked = mails.filter((_, k) => outcomes[k] === outcome).map((m) => m.uid);
      if (marked.length) await client.messageFlagsAdd(marked, [keyword], { uid: true });
    }
    const done = mails.filter((_, k) => outcomes[k] !== 'retry').map((m) => m.uid);
    if (!done.length) return;
    await client.messageFlagsAdd(done, ['\\Seen'], { uid: true });
    await client.messageMove(done, processed, { uid: true });
  }

  private async idle(client: ImapFlow): Promise<void> {
    // Without IDLE on the server this is plain polling: sleep, then search again.
    const idling = client.capabilities.has('IDLE')
      ? client.idle().catch((err: unknown) => this.log.debug({ err }, 'IDLE ended'))
      : Promise.resolve();
    await this.sleep(this.settings.pollIntervalMs ?? 60_000);
    // Any next command breaks IDLE (imapflow sends DONE first); NOOP also makes the server flush news.
    if (client.usable && this.running) await client.noop();
    await idling;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.running || this.newMail) return resolve();
      this.wake = () => {
        if (this.sleepTimer) clearTimeout(this.sleepTimer);
        this.wake = null;
        resolve();
      };
      this.sleepTimer = setTimeout(() => this.wake?.(), ms);
    });
  }

  private backoff(attempt: number): number {
    const base = this.settings.reconnectBaseMs ?? 1000;
    const delay = Math.min(this.settings.reconnectMaxMs ?? 60_000, base * 2 ** attempt);
    return delay * (0.75 + Math.random() * 0.5);
  }
}

/**
 * Start fetching a batch by UID (one FETCH command) and collect it in UID order. The promise gets a no-op
 * handler at once: it is awaited later, and a connection lost meanwhile must not count as unhandled.
 */
function prefetch(client: ImapFlow, uids: number[]): Promise<FetchedMail[]> {
  const batch = (async () => {
    const mails: FetchedMail[] = [];
    for await (const m of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
      if (m.source) mails.push({ uid: m.uid, source: m.source });
    }
    return mails.sort((a, b) => a.uid - b.uid);
  })();
  batch.catch(() => undefined);
  return batch;
}
