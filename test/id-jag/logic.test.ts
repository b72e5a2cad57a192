import { describe, expect, it } from "vitest";
import { errorAliasesV01 } from "../../src/profiles/v0_1/error-codes.ts";
import { errorAliasesV07 } from "../../src/profiles/v0_7/error-codes.ts";
import {
  audienceCandidates,
  commonVocabularies,
  hasNoStore,
  judgeAcceptance,
  codeIsRequired,
  judgeRejection,
  otherReading,
  pollUntil,
  scopesOutside,
} from "../../suites/v0.1/support/id-jag-logic.ts";

const AS = "https://auth.example";
const RES = "https://api.example/";

describe("audience candidates", () => {
  it("auto tries the AS issuer first, then a distinct PRM resource", () => {
    expect(audienceCandidates("auto", AS, RES)).toEqual([
      { value: AS, reading: "issuer" },
      { value: RES, reading: "resource" },
    ]);
    expect(audienceCandidates("auto", AS, AS)).toEqual([{ value: AS, reading: "issuer" }]);
    expect(audienceCandidates("auto", undefined, RES)).toEqual([{ value: RES, reading: "resource" }]);
  });

  it("issuer, resource and an explicit URL pin one value", () => {
    expect(audienceCandidates("issuer", AS, RES)).toEqual([{ value: AS, reading: "issuer" }]);
    expect(audienceCandidates("resource", AS, RES)).toEqual([{ value: RES, reading: "resource" }]);
    expect(audienceCandidates("https://pinned.example", AS, RES)).toEqual([{ value: "https://pinned.example", reading: "configured" }]);
    expect(audienceCandidates("issuer", undefined, RES)).toEqual([]);
  });

  it("the other reading is the one not chosen, and none when they coincide", () => {
    expect(otherReading({ value: AS, reading: "issuer" }, AS, RES)).toEqual({ value: RES, reading: "resource" });
    expect(otherReading({ value: RES, reading: "resource" }, AS, RES)).toEqual({ value: AS, reading: "issuer" });
    expect(otherReading({ value: AS, reading: "issuer" }, AS, AS)).toBeUndefined();
    expect(otherReading({ value: "https://pinned.example", reading: "configured" }, AS, RES)).toEqual({ value: AS, reading: "issuer" });
  });
});

describe("judging answers", () => {
  const body = (error: string) => ({ error, message: "x" });

  it("accepts a 400 with any documented alias and names the vocabulary", () => {
    expect(judgeRejection({ status: 400, json: body("audience_mismatch") }, ["AUD"], errorAliasesV01)).toMatchObject({ kind: "pass", vocabulary: "auth.md" });
    expect(judgeRejection({ status: 400, json: body("invalid_audience") }, ["AUD"], errorAliasesV01)).toMatchObject({ kind: "pass", vocabulary: "guides" });
    expect(judgeRejection({ status: 400, json: body("invalid_grant") }, ["AUD"], errorAliasesV01)).toMatchObject({ kind: "pass", vocabulary: "spec-native" });
  });

  it("with a strict vocabulary only that one counts", () => {
    expect(judgeRejection({ status: 400, json: body("audience_mismatch") }, ["AUD"], errorAliasesV01, "guides").kind).toBe("fail");
  });

  it("fails acceptance, 5xx, wrong codes and credentials on refusal; 429 is not a verdict", () => {
    expect(judgeRejection({ status: 200, json: { credential: "c" } }, ["AUD"], errorAliasesV01)).toMatchObject({ kind: "fail", message: expect.stringContaining("issued a credential") });
    expect(judgeRejection({ status: 500, json: {} }, ["AUD"], errorAliasesV01).kind).toBe("fail");
    expect(judgeRejection({ status: 400, json: body("expired") }, ["AUD"], errorAliasesV01, undefined, "required").kind).toBe("fail");
    expect(judgeRejection({ status: 400, json: body("replay_detected") }, ["SIG"], errorAliasesV01).kind).toBe("fail");
    expect(judgeRejection({ status: 400, json: { error: "invalid_audience", credential: "c" } }, ["AUD"], errorAliasesV01).kind).toBe("fail");
    expect(judgeRejection({ status: 429, json: {} }, ["AUD"], errorAliasesV01).kind).toBe("not-testable");
  });

  it("judges only the refusal where the sources fix no single code, and notes the code", () => {
    // AUD: AUTH.md and the guides disagree; REQ/TYP: no source names a code (typ, nbf, missing claims).
    for (const keys of [["AUD"], ["ISS"], ["REQ", "EXP"], ["TYP", "REQ"]] as const) {
      const verdict = judgeRejection({ status: 400, json: body("invalid_signature") }, keys, errorAliasesV01);
      expect(verdict).toMatchObject({ kind: "pass", codeUndocumented: true, note: expect.stringContaining("invalid_signature") });
    }
    expect(judgeRejection({ status: 400, json: {} }, ["AUD"], errorAliasesV01)).toMatchObject({ kind: "pass", note: expect.stringContaining("no error code") });
    // Logout tokens: "400 on verification failure", no code at all, even for a replay.
    expect(judgeRejection({ status: 400, json: body("invalid_signature") }, ["RPL"], errorAliasesV01, undefined, "reported").kind).toBe("pass");
    // A strict vocabulary is the user's choice: it still fails.
    expect(judgeRejection({ status: 400, json: body("invalid_signature") }, ["AUD"], errorAliasesV01, "guides").kind).toBe("fail");
    // The refusal itself is never optional.
    expect(judgeRejection({ status: 200, json: { credential: "c" } }, ["REQ"], errorAliasesV01, undefined, "reported").kind).toBe("fail");
    expect(judgeRejection({ status: 503, json: body("invalid_request") }, ["REQ"], errorAliasesV01, undefined, "reported").kind).toBe("fail");
  });

  it("requires the code where the sources agree on it (SIG, RPL, CID, VER, CRED)", () => {
    expect(codeIsRequired(["SIG"])).toBe(true);
    expect(codeIsRequired(["RPL"])).toBe(true);
    expect(codeIsRequired(["SIG", "REQ"])).toBe(false);
    expect(codeIsRequired(["ISS"])).toBe(false);
    expect(judgeRejection({ status: 400, json: body("invalid_request") }, ["RPL"], errorAliasesV01).kind).toBe("fail");
  });

  it("notes a 4xx refusal that is not 400", () => {
    expect(judgeRejection({ status: 401, json: body("invalid_signature") }, ["SIG"], errorAliasesV01)).toMatchObject({ kind: "pass", note: expect.stringContaining("401") });
  });

  it("acceptance needs a 2xx carrying a credential", () => {
    expect(judgeAcceptance({ status: 200, json: { credential: "c" } }).kind).toBe("pass");
    expect(judgeAcceptance({ status: 200, json: {} }).kind).toBe("fail");
    expect(judgeAcceptance({ status: 400, json: body("invalid_request") })).toMatchObject({ kind: "fail", code: "invalid_request" });
  });
});

describe("judging v0.7 presentations (the shared checks through the v0.7 driver)", () => {
  const aliasesV07 = errorAliasesV07;
  it("a 200 with an identity_assertion is an acceptance; without it, it is not", () => {
    expect(judgeAcceptance({ status: 200, json: { identity_assertion: "eyJ…", registration_id: "reg_1" } }).kind).toBe("pass");
    expect(judgeAcceptance({ status: 200, json: { registration_id: "reg_1" } }).kind).toBe("fail");
  });

  it("a refusal carrying an identity_assertion fails, and v0.7 has no auth.md alias for a removed code", () => {
    expect(judgeRejection({ status: 400, json: { error: "invalid_audience", identity_assertion: "eyJ…" } }, ["AUD"], aliasesV07).kind).toBe("fail");
    expect(judgeRejection({ status: 400, json: { error: "replay_detected" } }, ["RPL"], aliasesV07).kind).toBe("pass");
    // audience_mismatch was removed in v0.6.0 (v0.7.md ERR-05): not a documented AUD code in v0.7.
    expect(judgeRejection({ status: 400, json: { error: "audience_mismatch" } }, ["AUD"], aliasesV07, undefined, "required").kind).toBe("fail");
    expect(judgeRejection({ status: 400, json: { error: "audience_mismatch" } }, ["AUD"], errorAliasesV01, undefined, "required").kind).toBe("pass");
  });
});

describe("vocabulary, scopes, cache headers", () => {
  it("finds the vocabularies every observed code fits, or none when mixed", () => {
    const guides = [
      { key: "AUD" as const, code: "invalid_audience" },
      { key: "EXP" as const, code: "expired" },
      { key: "SIG" as const, code: "invalid_signature" },
    ];
    expect(commonVocabularies(guides, errorAliasesV01)).toEqual(["guides"]);
    expect(commonVocabularies([{ key: "AUD", code: "audience_mismatch" }, { key: "EXP", code: "expired" }], errorAliasesV01)).toEqual([]);
    expect(commonVocabularies([{ key: "AUD", code: "invalid_grant" }, { key: "ISS", code: "invalid_grant" }], errorAliasesV01)).toEqual(["spec-native"]);
  });

  it("lists granted scopes outside scopes_supported", () => {
    expect(scopesOutside(["api.read"], ["api.read", "api.write"])).toEqual([]);
    expect(scopesOutside(["api.read", "admin"], ["api.read"])).toEqual(["admin"]);
    expect(scopesOutside("api.read", ["api.read"])).toBeUndefined();
  });

  it("reads no-store among Cache-Control directives", () => {
    expect(hasNoStore("no-store")).toBe(true);
    expect(hasNoStore("private, No-Store")).toBe(true);
    expect(hasNoStore("no-cache")).toBe(false);
    expect(hasNoStore(undefined)).toBe(false);
  });
});

describe("bounded polling", () => {
  // A fake clock: each wait advances it, so the test measures attempts, not time.
  function fakeClock() {
    let t = 0;
    return { now: () => t, wait: async (ms: number) => void (t += ms) };
  }

  it("stops as soon as the condition holds and reports the elapsed time", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await pollUntil(async () => ++calls, (n) => n >= 3, { maxAttempts: 10, maxTotalMs: 5000, intervalMs: 100, ...clock });
    expect(result).toEqual({ value: 3, done: true, attempts: 3, elapsedMs: 200 });
  });

  it("gives up after maxAttempts or maxTotalMs", async () => {
    const byCount = await pollUntil(async () => 0, () => false, { maxAttempts: 4, maxTotalMs: 60_000, intervalMs: 10, ...fakeClock() });
    expect(byCount).toMatchObject({ done: false, attempts: 4 });
    const byTime = await pollUntil(async () => 0, () => false, { maxAttempts: 1000, maxTotalMs: 1000, intervalMs: 300, ...fakeClock() });
    expect(byTime.done).toBe(false);
    expect(byTime.elapsedMs).toBeLessThanOrEqual(1000);
  });
});
