/**
 * Runs `tick` now and then every `intervalMs` until stopped (the timer does not keep the process alive). A tick
 * still running when the next is due is not doubled; `tick` handles its own errors.
 */
export class Repeating {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly tick: () => Promise<void>, private readonly intervalMs: number) {}

  start(): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.tick().finally(() => (this.running = null));
    };
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
    run();
  }

  /** Stop ticking and wait for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
