import { describe, expect, it } from "vitest";
import type { AttackClient } from "../../src/fuzz/attack-client.ts";
import { answerSignature, bruteforceCodes, bruteforceHeadline, type BruteforceResult, guessOrder, OTP_SPACE } from "../../src/fuzz/bruteforce.ts";
import { propertySeed } from "../../src/fuzz/settings.ts";

describe("brute-force guess order", () => {
  it("is a permutation of the whole 10^6 space", () => {
    const order = guessOrder([], 7);
    expect(order.length).toBe(OTP_SPACE);
    const seen = new Uint8Array(OTP_SPACE);
    for (const code of order) seen[code] = 1;
    expect(seen.reduce((a, b) => a + b, 0)).toBe(OTP_SPACE);
  });

  it("puts the codes a biased generator favours first, and depends only on sample and seed", () => {
    const sample = Array.from({ length: 50 }, (_, i) => String((i * 37) % 1000).padStart(6, "0"));
    const order = guessOrder(sample, 3);
    for (let i = 0; i < 1000; i++) expect(order[i]!).toBeLessThan(1000);
    expect(Array.from(guessOrder(sample, 3).subarray(0, 50))).toEqual(Array.from(order.subarray(0, 50)));
    expect(Array.from(guessOrder([], 4).subarray(0, 50))).not.toEqual(Array.from(guessOrder([], 5).subarray(0, 50)));
  });

  it("gives every property its own seed from the run seed", () => {
    expect(propertySeed(7, "FUZZ-MODEL-01")).toBe(propertySeed(7, "FUZZ-MODEL-01"));
    expect(propertySeed(7, "FUZZ-MODEL-01")).not.toBe(propertySeed(7, "FUZZ-INPUT-01"));
    expect(propertySeed(7, "FUZZ-MODEL-01")).not.toBe(propertySeed(8, "FUZZ-MODEL-01"));
  });
});

describe("brute-force headline", () => {
  const fell: BruteforceResult = { fell: true, attempts: 4_200, elapsedMs: 7_500, requestsPerSecond: 562, stoppedBy: "found", foundAtGuess: 4_200 };

  it("does not call a hit exploitable when the whole space does not fit in the code's lifetime", () => {
    // The case from the issue: 10^6 codes at 562/s is 1,779 s, the code lives 600 s.
    const h = bruteforceHeadline(fell, 600);
    expect(h.exploitable).toBe(false);
    expect(h.fullSpaceFitsLifetime).toBe(false);
    expect(h.projectedFullSpaceSeconds).toBe(1779);
    expect(h.coveredPerLifetime).toBeCloseTo((600 * 562) / OTP_SPACE, 6);
    expect(h.headline).toMatch(/^Claimed, but not proven exploitable: .*1779 s, more than the code's 600 s lifetime/);
  });

  it("calls it exploitable when the whole space fits at the measured rate", () => {
    const h = bruteforceHeadline({ ...fell, requestsPerSecond: 2_000 }, 600);
    expect(h).toMatchObject({ exploitable: true, fullSpaceFitsLifetime: true, projectedFullSpaceSeconds: 500 });
    expect(h.headline).toMatch(/^Exploitable: at 2000 guesses\/s the whole space \(500 s\) fits in the code's 600 s lifetime/);
  });

  it("says so when the lifetime is unknown, and never calls a miss exploitable", () => {
    expect(bruteforceHeadline(fell, undefined)).toMatchObject({ exploitable: false });
    expect(bruteforceHeadline(fell, undefined).fullSpaceFitsLifetime).toBeUndefined();
    expect(bruteforceHeadline(fell, undefined).headline).toMatch(/lifetime is unknown/);
    const miss: BruteforceResult = { fell: false, attempts: 900_000, elapsedMs: 450_000, requestsPerSecond: 2_000, stoppedBy: "time" };
    expect(bruteforceHeadline(miss, 600)).toMatchObject({ exploitable: false, fullSpaceFitsLifetime: true });
    expect(bruteforceHeadline(miss, 600).headline).toMatch(/^Not proven, yet exploitable in principle/);
    const locked: BruteforceResult = { fell: false, attempts: 5, elapsedMs: 10, requestsPerSecond: 500, stoppedBy: "locked", stopAnswer: "429 too_many_attempts" };
    expect(bruteforceHeadline(locked, 600).headline).toMatch(/^Not exploitable: the service locked the attempt after 5 guesses/);
  });
});

describe("brute-force search (bruteforceCodes)", () => {
  /** A fake form action: `right` takes the claim (slowly, as a real completion signs a token), later guesses answer 409. */
  function fakeClient(right: string, options: { lockAfter?: number } = {}): AttackClient {
    let claimed = false;
    let wrong = 0;
    return {
      post: async (body: string) => {
        const code = body.slice(-6);
        if (claimed) return { status: 409, text: "<title>Already claimed</title>" };
        if (code === right) {
          claimed = true;
          await new Promise((r) => setTimeout(r, 20));
          return { status: 200, text: "<title>All set</title>" };
        }
        wrong += 1;
        if (options.lockAfter !== undefined && wrong > options.lockAfter) return { status: 429, text: '{"error":"too_many_attempts"}' };
        return { status: 401, text: `<html><title>Wrong code</title><p>try ${wrong}</p></html>` };
      },
    } as unknown as AttackClient;
  }

  const order = Uint32Array.from({ length: 1000 }, (_, i) => i);

  it("finds the code, even when guesses sent after it come back first", async () => {
    const result = await bruteforceCodes({ client: fakeClient("000042"), body: (c) => `user_code=${c}`, order, maxAttempts: 1000, deadline: Date.now() + 10_000, concurrency: 8 });
    expect(result).toMatchObject({ fell: true, stoppedBy: "found", foundAtGuess: 43, wrongAnswer: "401 Wrong code" });
  });

  it("stops at a changed answer (a lockout), judging answers by status and error or title", async () => {
    const result = await bruteforceCodes({ client: fakeClient("000900", { lockAfter: 5 }), body: (c) => `user_code=${c}`, order, maxAttempts: 1000, deadline: Date.now() + 10_000, concurrency: 1 });
    expect(result).toMatchObject({ fell: false, stoppedBy: "locked", stopAnswer: "429 too_many_attempts", attempts: 6 });
  });

  it("stops at max attempts", async () => {
    const result = await bruteforceCodes({ client: fakeClient("000900"), body: (c) => `user_code=${c}`, order, maxAttempts: 10, deadline: Date.now() + 10_000, concurrency: 4 });
    expect(result).toMatchObject({ fell: false, stoppedBy: "max-attempts", attempts: 10 });
  });

  it("reads an answer's signature from JSON, else the HTML title, else the status", () => {
    expect(answerSignature(400, '{"error":"invalid_otp","n":3}')).toBe("400 invalid_otp");
    expect(answerSignature(401, "<title> Wrong code </title><p>1</p>")).toBe("401 Wrong code");
    expect(answerSignature(500, "oops")).toBe("500");
  });
});
