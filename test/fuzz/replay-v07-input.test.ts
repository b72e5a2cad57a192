import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// v0.7 input fuzzing (issue 16): each fuzz switch fails its property with the endpoint it breaks
// named, and a second run with the same --seed gives the same counterexamples (all on in one service).
const SWITCH_FINDINGS: Record<string, { id: string; endpoint: string }> = {
  "v07-token-long-field-500": { id: "FUZZ-IN-5XX-01", endpoint: "token" },
  "v07-events-not-jws-500": { id: "FUZZ-IN-5XX-01", endpoint: "events" },
  "v07-claim-error-echoes-token": { id: "FUZZ-IN-ECHO-01", endpoint: "claim" },
};

describe("v0.7 fuzz replay", () => {
  it("two demo runs with the same --seed name the same endpoints with the same counterexamples, for every fuzz switch", async () => {
    const args = ["demo", "--profile", "v0.7", ...Object.keys(SWITCH_FINDINGS).flatMap((f) => ["--fault", f]), "--only", "FUZZ-IN-*", "--seed", "20240605"];
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const out = await tempDir();
        const res = await runCli([...args, "--out", out], { timeoutMs: 150_000 });
        return { res, report: await readReport(out) };
      }),
    );
    const picked = runs.map(({ report }) =>
      report.checks.map((c) => ({ id: c.id, status: c.status, seed: c.evidence.data?.seed, findings: (c.evidence.data?.findings as { endpoint: string; counterexample: unknown }[] | undefined)?.map((f) => ({ endpoint: f.endpoint, counterexample: f.counterexample })) })),
    );
    expect(picked[0]).toEqual(picked[1]);
    for (const [fault, { id, endpoint }] of Object.entries(SWITCH_FINDINGS)) {
      const check = picked[0]!.find((c) => c.id === id);
      expect(check, fault).toBeDefined();
      // fail for the MUST (FUZZ-IN-ECHO-01), warn for the SHOULD (FUZZ-IN-5XX-01).
      expect(["fail", "warn"], fault).toContain(check!.status);
      expect(check!.seed, fault).toBe(20240605);
      const finding = check!.findings?.find((f) => f.endpoint === endpoint);
      expect(finding?.counterexample, `${fault}: ${endpoint} named with a counterexample`).toBeDefined();
    }
    expect(runs[0]!.res.code).toBe(1);
  });
});
