/**
 * A fixed-window counter of registrations per client address (S6 "Rate Limiting"; v0.7.md REG-06).
 * Off unless a limit is configured: a conforming service may throttle, and the suite registers a lot.
 */
export class RegistrationRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly windowMs: number;

  constructor(
    private readonly perWindow: number,
    private readonly now: () => number,
    windowSeconds = 60,
  ) {
    this.windowMs = windowSeconds * 1000;
  }

  /** Seconds to wait if `client` is over its limit, else undefined (and the request is counted). */
  retryAfter(client: string): number | undefined {
    if (this.perWindow === 0) return undefined;
    const now = this.now();
    let window = this.windows.get(client);
    if (window === undefined || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    if (window.count >= this.perWindow) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count += 1;
    return undefined;
  }
}
