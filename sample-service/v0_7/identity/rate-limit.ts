/**
 * A fixed-window counter of registrations per client address (S6 "Rate Limiting"; v0.7.md REG-06).
 * Off unless a limit is configured: a conforming service may throttle, and the suite registers a lot.
 */
export class RegistrationRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait if `client` is over its limit, else undefined (and the request is counted). */
  retryAfter(client: string): number | undefined {
    if (this.perMinute === 0) return undefined;
    const now = this.now();
    let window = this.windows.get(client);
    if (window === undefined || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    if (window.count >= this.perMinute) return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
    window.count += 1;
    return undefined;
  }
}
