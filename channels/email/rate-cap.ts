/**
 * Sliding-window cap on our replies per recipient (default 10 in 10 minutes), so a loop with a
 * mail robot that slips past the header checks stops quickly. In memory: a restart resets the
 * windows, and several instances each keep their own (acceptable: the cap only bounds damage).
 */
export class RateCap {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 10 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Record a send to `key` and return true, or return false when the cap is reached. */
  take(key: string): boolean {
    const now = this.clock();
    const recent = (this.sent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(key, recent);
    if (this.sent.size > 50_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, times] of this.sent) if (times.every((t) => now - t >= this.windowMs)) this.sent.delete(key);
  }
}
