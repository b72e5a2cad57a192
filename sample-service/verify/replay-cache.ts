/** Entries kept before expired ones are swept (sweeping is O(n), so it is not done on every insert). */
const SWEEP_THRESHOLD = 10_000;

/**
 * Seen (iss, jti) pairs, each kept until the token could no longer pass its time checks.
 * Live entries are never evicted: dropping one would re-open a replay window.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  /** Records (iss, jti) until `keepUntil` (epoch ms); false if it was already recorded and live. */
  remember(iss: string, jti: string, keepUntil: number, now: number): boolean {
    const key = JSON.stringify([iss, jti]);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    if (this.seen.size >= SWEEP_THRESHOLD) this.sweep(now);
    this.seen.set(key, keepUntil);
    return true;
  }

  private sweep(now: number): void {
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
  }
}
