import { HttpError } from '../http/body';
import type { Logger } from '../log';

/** SQLite result codes that mean "the disk cannot take this write now" (full, read-only, I/O), not a bug. */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/;

/** True for a write that failed because of the disk, as opposed to bad data or a bug. */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && STORAGE_CODES.test(code)) || error instanceof StorageUnavailableError;
}

/** The database cannot be written (disk full, read-only): clients get 503 and retry later. */
export class StorageUnavailableError extends HttpError {
  constructor(cause?: unknown) {
    super(503, 'the service cannot store messages right now (database not writable): retry later');
    this.cause = cause;
  }
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/**
 * Whether the database takes writes. After a failed write the store refuses writes at once (503) instead of
 * retrying in a hot loop, and probes with one small write after a growing delay (0.5 s doubling up to 10 s);
 * the first write that succeeds makes it healthy again. State changes are logged once, not per failure.
 */
export class StorageHealth {
  private failures = 0;
  private since: Date | null = null;
  private lastCode: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly probe: () => void,
    private log: Pick<Logger, 'warn' | 'error' | 'info'> | null = null,
  ) {}

  /** Log through the app's logger (the store is built before it). */
  setLogger(log: Pick<Logger, 'warn' | 'error' | 'info'>): void {
    this.log = log;
  }

  /** False from a failed write until a write succeeds again. */
  get healthy(): boolean {
    return this.since === null;
  }

  /** For /healthz: what failed, since when. */
  status(): { writable: boolean; since?: string; code?: string } {
    return this.since === null ? { writable: true } : { writable: false, since: this.since.toISOString(), code: this.lastCode ?? undefined };
  }

  /** Milliseconds until the next attempt (0 when healthy). */
  retryDelayMs(): number {
    return this.since === null ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, this.failures - 1));
  }

  /** Called with every failed write; starts the backoff and probe timer on the first. */
  failed(error: unknown): void {
    this.failures++;
    this.lastCode = String((error as { code?: unknown }).code ?? 'unknown');
    if (this.since === null) {
      this.since = new Date();
      this.log?.error({ code: this.lastCode, reason: (error as Error).message }, 'database not writable: refusing writes (503) and probing with backoff');
    }
    this.scheduleProbe();
  }

  /** Called with every successful write. */
  succeeded(): void {
    if (this.since === null) return;
    this.log?.info({ code: this.lastCode, failedForMs: Date.now() - this.since.getTime() }, 'database writable again');
    this.since = null;
    this.failures = 0;
    this.lastCode = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const listener of this.listeners) listener();
  }

  /** Run `listener` each time the database becomes writable again (the engine resumes its turns). */
  onRecovered(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Stop probing (the store is closing). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleProbe(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.probe();
        this.succeeded();
      } catch (error) {
        if (isStorageFailure(error)) this.failed(error);
        else this.log?.error({ err: error }, 'database probe failed');
      }
    }, this.retryDelayMs());
    this.timer.unref();
  }
}
