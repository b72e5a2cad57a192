import { describe, expect, it } from "vitest";
import { guessOrder, OTP_SPACE } from "../../src/fuzz/bruteforce.ts";
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
