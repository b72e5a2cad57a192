import { describe, expect, it } from "vitest";
import { chiSquareSurvival, digitUniformity, estimateTokenEntropy } from "../../src/fuzz/stats.ts";

describe("χ² on OTP digits", () => {
  it("matches known χ²(9) tail values", () => {
    // Critical values of χ²(9): p = 0.05 at 16.919, p = 0.001 at 27.877.
    expect(chiSquareSurvival(16.919, 9)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(27.877, 9)).toBeCloseTo(0.001, 4);
    expect(chiSquareSurvival(0, 9)).toBe(1);
  });

  it("passes evenly spread digits and flags codes that are always 000xyz", () => {
    const even = Array.from({ length: 100 }, (_, i) => String((i * 123457) % 1_000_000).padStart(6, "0"));
    expect(digitUniformity(even).pValue).toBeGreaterThan(0.01);
    const biased = Array.from({ length: 60 }, (_, i) => String(i * 16).padStart(6, "0"));
    const test = digitUniformity(biased);
    expect(test.pValue).toBeLessThan(1e-10);
    expect(test.digits).toBe(360);
    expect(test.counts[0]).toBeGreaterThan(180);
  });
});

describe("claim_token entropy estimate", () => {
  const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const token = (n: number, len: number) => `clm_${Array.from({ length: len }, (_, i) => base62[(n * 7 + i * 13 + n * i) % 62]).join("")}`;

  it("drops the shared prefix and credits varying positions with the covering alphabet", () => {
    const e = estimateTokenEntropy(Array.from({ length: 20 }, (_, n) => token(n, 32)));
    expect(e.commonPrefix.startsWith("clm_")).toBe(true);
    expect(e.alphabet).toBe("base62");
    expect(e.bits).toBeGreaterThan(128);
  });

  it("reports 16 base62 characters as under 128 bits, and counts duplicates", () => {
    const tokens = Array.from({ length: 20 }, (_, n) => token(n, 16));
    const e = estimateTokenEntropy([...tokens, tokens[0]!]);
    expect(e.bits).toBeLessThan(128);
    expect(e.unique).toBe(20);
    expect(e.samples).toBe(21);
  });

  it("gives no credit to positions that never vary", () => {
    const e = estimateTokenEntropy(["tok_aaaa0001", "tok_aaaa0002", "tok_aaaa0003"]);
    expect(e.varyingPositions).toBe(1);
    expect(e.alphabet).toBe("decimal");
  });
});
