import { describe, expect, it } from "vitest";
import {
  containsSecret,
  differentCode,
  futureDateProblem,
  isSixDigitCode,
  otpExpiryProblem,
  plusAddress,
  sameScopeSet,
} from "../../suites/v0.1/support/claim-parse.ts";

describe("claim suite helpers", () => {
  it("plus-addresses the configured user address", () => {
    expect(plusAddress("agent-user@example.test", "VEM-01 x")).toBe("agent-user+vem-01-x@example.test");
    expect(plusAddress("a+b@example.test", "t")).toBe("a+b-t@example.test");
    expect(() => plusAddress("nobody", "t")).toThrow(/not an address/);
  });

  it("accepts exactly six ASCII digits as a string", () => {
    expect(isSixDigitCode("012345")).toBe(true);
    for (const bad of [12345, "12345", "1234567", " 12345", "١٢٣٤٥٦", "12345a"]) expect(isSixDigitCode(bad)).toBe(false);
  });

  it("bounds the OTP lifetime to 10 minutes, with a minute of clock skew", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(otpExpiryProblem("2030-01-01T00:10:00Z", now)).toBeUndefined();
    expect(otpExpiryProblem("2030-01-01T00:10:59Z", now)).toBeUndefined();
    expect(otpExpiryProblem("2030-01-01T00:30:00Z", now)).toMatch(/30 minutes ahead/);
    expect(otpExpiryProblem("2029-12-31T23:50:00Z", now)).toMatch(/already past/);
    expect(otpExpiryProblem(undefined, now)).toMatch(/missing/);
    expect(otpExpiryProblem("soon", now)).toMatch(/not a date/);
  });

  it("finds a code that differs from the ones to avoid", () => {
    expect(differentCode(["000001"])).toBe("000002");
    expect(differentCode(["123456", "123457"], "123456")).toBe("123458");
    expect(differentCode([], "999999")).toBe("000000");
    expect(differentCode([], "12345")).toBe("000001");
  });

  it("finds a numeric secret only as a whole number, other secrets anywhere", () => {
    expect(containsSecret('{"message":"the code is 042137"}', "042137")).toBe(true);
    expect(containsSecret('{"id":"reg_90421370"}', "042137")).toBe(false);
    expect(containsSecret("link ?token=cat_abc&x", "cat_abc")).toBe(true);
    expect(containsSecret("anything", "")).toBe(false);
  });

  it("compares scope sets ignoring order and duplicates, and dates in the future", () => {
    expect(sameScopeSet(["a", "b"], ["b", "a", "a"])).toBe(true);
    expect(sameScopeSet(["a"], ["a", "b"])).toBe(false);
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(futureDateProblem("2030-01-02T00:00:00Z", "claim_token_expires", now)).toBeUndefined();
    expect(futureDateProblem(undefined, "claim_token_expires", now)).toBe("claim_token_expires is missing");
  });
});
