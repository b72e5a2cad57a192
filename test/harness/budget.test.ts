import { afterEach, describe, expect, it, vi } from "vitest";
import { RequestBudget } from "../../src/http/budget.ts";

/** How many of `count` takes are through once pending timers up to `ms` have run (fake clock). */
async function settledAfter(budget: RequestBudget, count: number, ms: number): Promise<number> {
  let done = 0;
  for (let i = 0; i < count; i++) void budget.take().then(() => done++);
  await vi.advanceTimersByTimeAsync(ms);
  return done;
}

describe("RequestBudget", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("paces requests at the maximum rate", async () => {
    vi.useFakeTimers();
    const budget = new RequestBudget(1_000, 10);
    // 10/s: one now, then one every 100 ms.
    expect(await settledAfter(budget, 5, 0)).toBe(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(budget.spent).toBe(5);
  });

  it("above 1000/s waits only whole milliseconds, and still holds the rate", async () => {
    vi.useFakeTimers();
    const budget = new RequestBudget(1_000, 5_000);
    let done = 0;
    for (let i = 0; i < 50; i++) void budget.take().then(() => done++);
    // 5000/s is one every 0.2 ms: what fits within the current millisecond goes with no timer.
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThanOrEqual(6);
    // The schedule runs at most 1 ms ahead of the clock: after 4 ms, 5 per ms plus that slack.
    await vi.advanceTimersByTimeAsync(4);
    expect(done).toBeGreaterThanOrEqual(20);
    expect(done).toBeLessThanOrEqual(26);
  });

  it("refuses past the cap, naming the setting", async () => {
    const budget = new RequestBudget(2, 1_000_000);
    await budget.take();
    await budget.take();
    await expect(budget.take()).rejects.toMatchObject({ code: "budget_exhausted", field: "http.requestBudget" });
  });
});
