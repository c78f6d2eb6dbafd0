import type { EventStream } from '../../src/http/stream-gate';
import type { Logger } from '../../src/log';
import type { StoredMessage } from '../../src/store/store';
import type { OutboundFile, OutboundMessage } from '../../src/types/conversation';
import { pageFileOf } from './webchat-files';

/** Catch-ups that failed (the database still away) are tried again this often, this many times. */
const CATCH_UP_RETRY_MS = 1000;
const CATCH_UP_ATTEMPTS = 30;

/**
 * The bot's replies on the open event streams of the web chat: each stream gets every sent reply of its
 * conversation once, in id order (the event id is the outbox id, and a conversation's replies are sent in id
 * order). Everything a stream is given goes through one queue per stream, so the replay of a new stream, live
 * replies and catch-ups never interleave. With several instances (`cluster`), a reply event first fills any gap
 * from the database: a reply recorded as sent before this one whose announcement never came (the listening
 * connection was down, or its sender could not publish) is written before it, never after.
 */
export class StreamReplies {
  /** The newest reply id each stream got: where it resumes after the live bus lost events (resync). */
  private readonly lastIds = new WeakMap<EventStream, number>();
  private readonly queues = new WeakMap<EventStream, Promise<void>>();

  constructor(
    private readonly transcript: (session: string) => Promise<StoredMessage[]>,
    private readonly log: Logger,
    private readonly cluster: boolean,
  ) {}

  /**
   * A stream just opened: a first connection (`after` 0) gets the whole conversation, the user's own messages
   * included; a reconnection only the replies sent after its Last-Event-ID. Queued before any live reply.
   */
  open(session: string, stream: EventStream, after: number): Promise<void> {
    this.lastIds.set(stream, after);
    return this.queue(stream, () => this.replay(session, stream, after === 0));
  }

  /**
   * Reply `id` of `session` was sent here or recorded as sent elsewhere. Without `message` (too big for an
   * announcement) it is read from the database, where it is then recorded as sent.
   */
  reply(session: string, streams: Iterable<EventStream>, id: number, message?: OutboundMessage): void {
    for (const stream of streams) {
      void this.queue(stream, async () => {
        if (this.cluster || !message) {
          await this.replay(session, stream, false).catch((err) => this.log.warn({ code: (err as { code?: string }).code, deliveryId: id }, 'web chat stream: could not look for missed replies'));
        }
        if (message) this.write(stream, id, message);
      });
    }
  }

  /** After the live bus lost its connection: every open stream gets the replies sent since its last one (retried while the database is away). */
  async catchUp(streams: Array<[string, EventStream]>): Promise<void> {
    let left = streams;
    for (let attempt = 1; left.length > 0; attempt++) {
      const failed: Array<[string, EventStream]> = [];
      for (const [session, stream] of left) {
        await this.queue(stream, () => this.replay(session, stream, false).catch(() => void failed.push([session, stream])));
      }
      if (failed.length === 0 || attempt >= CATCH_UP_ATTEMPTS) {
        if (failed.length > 0) this.log.warn({ streams: failed.length }, 'web chat streams could not catch up; they do on their next reconnection');
        return;
      }
      left = failed;
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_RETRY_MS).unref());
    }
  }

  private queue(stream: EventStream, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(stream) ?? Promise.resolve()).then(task).catch((err) => this.log.warn({ err }, 'web chat stream update failed'));
    this.queues.set(stream, next);
    return next;
  }

  /** Write what the stream has not had: replies sent after its last one (and on a first connection, the user's messages). */
  private async replay(session: string, stream: EventStream, first: boolean): Promise<void> {
    const messages = await this.transcript(session);
    for (const m of messages) {
      if (m.direction === 'in' && first) stream.send(`event: echo\ndata: ${JSON.stringify({ from: 'user', text: m.text, id: m.id, files: inboundFiles(m.payload) })}\n\n`);
      else if (m.outboxId !== null && m.delivery === 'sent') this.write(stream, m.outboxId, m.payload as OutboundMessage);
    }
  }

  /** One reply, unless the stream has it or a later one already. */
  private write(stream: EventStream, id: number, message: OutboundMessage): void {
    if (id <= (this.lastIds.get(stream) ?? 0)) return;
    this.lastIds.set(stream, id);
    stream.send(`id: ${id}\nevent: message\ndata: ${JSON.stringify({ from: 'bot', message })}\n\n`);
  }
}

/** The files a stored user message carries, as the page names them. */
function inboundFiles(payload: unknown): unknown[] {
  const files = (payload as { files?: OutboundFile[] } | null)?.files;
  return Array.isArray(files) ? files.map(pageFileOf) : [];
}
