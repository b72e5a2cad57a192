import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RequestBudget } from "../../src/http/budget.ts";
import { HttpClient } from "../../src/http/client.ts";
import { Redactor } from "../../src/http/redact.ts";
import { parseRetryAfter, SlowDownLedger, slowDownDecision } from "../../src/http/slow-down.ts";

const policy = { maxRetries: 3, maxWaitMs: 5_000, maxTotalWaitMs: 10_000 };
const answer = (headers: Record<string, string>, json: unknown = {}) => ({ status: 429, headers, json });

describe("429 as slow down: the decision", () => {
  it("reads Retry-After as seconds or an HTTP-date", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1_000)).toBe(4_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it("waits out a 429 with Retry-After or error rate_limited, and returns any other 429 as an answer", () => {
    const ledger = new SlowDownLedger();
    expect(slowDownDecision(answer({ "retry-after": "1" }), 0, policy, ledger)).toEqual({ retry: true, waitMs: 1_000 });
    expect(slowDownDecision(answer({}, { error: "rate_limited" }), 0, policy, ledger)).toEqual({ retry: true, waitMs: 1_000 });
    // An OTP lockout is the answer a check is looking for, not a request to slow down.
    expect(slowDownDecision(answer({}, { error: "otp_attempts_exceeded" }), 0, policy, ledger).retry).toBe(false);
  });

  it("is bounded: retries per request, one wait, and all waits of the run", () => {
    const ledger = new SlowDownLedger();
    expect(slowDownDecision(answer({ "retry-after": "1" }), 3, policy, ledger)).toMatchObject({ retry: false, reason: expect.stringMatching(/maxRetries/) });
    expect(slowDownDecision(answer({ "retry-after": "60" }), 0, policy, ledger)).toMatchObject({ retry: false, reason: expect.stringMatching(/maxWaitMs/) });
    ledger.waitedMs = 9_500;
    expect(slowDownDecision(answer({ "retry-after": "1" }), 0, policy, ledger)).toMatchObject({ retry: false, reason: expect.stringMatching(/maxTotalWaitMs/) });
  });
});

describe("429 as slow down: the client", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  /** Answers 429 Retry-After: 0 to the first `throttled` requests, then 200. */
  async function throttling(throttled: number): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    server = createServer((_req, res) => {
      hits++;
      if (hits <= throttled) {
        res.writeHead(429, { "content-type": "application/json", "retry-after": "0" }).end('{"error":"rate_limited"}');
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/agent/auth`;
    return { url, hits: () => hits };
  }

  const client = (url: string, budget: RequestBudget) =>
    new HttpClient({ requestTimeoutMs: 2_000, maxBodyBytes: 10_000, allowedOrigins: new Set([new URL(url).origin]), budget, redactor: new Redactor(), slowDown: policy });

  it("sends again after the wait, spending budget, and counts the throttling", async () => {
    const { url, hits } = await throttling(2);
    const budget = new RequestBudget(100, 1_000);
    const http = client(url, budget);
    const res = await http.get(url);
    expect(res.status).toBe(200);
    expect(hits()).toBe(3);
    expect(budget.spent).toBe(3);
    expect(http.slowDownStats.throttled).toBe(2);
  });

  it("returns the 429 when retries run out, or when the request asks to see it", async () => {
    const { url } = await throttling(100);
    const http = client(url, new RequestBudget(100, 1_000));
    expect((await http.get(url)).status).toBe(429);
    const before = http.slowDownStats.throttled;
    expect((await http.send({ url, slowDown: false })).status).toBe(429);
    expect(http.slowDownStats.throttled - before).toBe(1);
  });
});
