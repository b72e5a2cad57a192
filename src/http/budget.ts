import { HarnessError } from "../errors.ts";

/**
 * The politeness contract with someone's staging server: a hard cap on requests per run and a
 * maximum rate. Every request the harness sends to the target goes through one RequestBudget.
 */
export class RequestBudget {
  private used = 0;
  private nextSlotAt = 0;
  private readonly intervalMs: number;

  constructor(
    readonly limit: number,
    maxRatePerSecond: number,
  ) {
    this.intervalMs = 1000 / maxRatePerSecond;
  }

  get spent(): number {
    return this.used;
  }

  /** Take one request from the budget, waiting for the next rate slot (pacing, not synchronisation). */
  async take(): Promise<void> {
    if (this.used >= this.limit) {
      throw new HarnessError(
        "budget_exhausted",
        `Request budget of ${this.limit} exhausted; raise http.requestBudget to test further`,
        "http.requestBudget",
      );
    }
    this.used += 1;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + this.intervalMs;
    // Wait only for a whole millisecond or more: a timer cannot wait less, so at rates above
    // 1000/s a sub-millisecond wait would cost a full one per request. The schedule still runs
    // ahead of the clock by at most 1 ms, so the rate over any second holds.
    if (slot - now >= 1) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
