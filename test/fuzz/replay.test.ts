import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// Re-running with the printed seed reproduces the verdict and the shrunk counterexample, for
// every generated property, each failed by its own fault switch (all on in one service).
const PROPERTY_FAULTS: Record<string, string> = {
  "FUZZ-OTP-WRONG-01": "otp-lenient-parse",
  "FUZZ-CT-GARBAGE-01": "claim-token-prefix-lookup",
  "FUZZ-CT-BIND-01": "cross-registration-otp",
  "FUZZ-MODEL-01": "scope-upgrade-at-claim",
  "FUZZ-INPUT-01": "5xx-on-bad-json",
  "FUZZ-INPUT-02": "anonymous-by-default",
};

describe("fuzz replay", () => {
  it("two demo runs with the same --seed fail every property with the same counterexamples", async () => {
    const ids = Object.keys(PROPERTY_FAULTS);
    const args = ["demo", "--profile", "v0.1", ...Object.values(PROPERTY_FAULTS).flatMap((f) => ["--fault", f]), "--only", ids.join(","), "--seed", "20240605"];
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const out = await tempDir();
        const res = await runCli([...args, "--out", out], { timeoutMs: 150_000 });
        return { res, report: await readReport(out) };
      }),
    );
    const picked = runs.map(({ report }) =>
      report.checks.map((c) => ({ id: c.id, status: c.status, counterexample: c.evidence.data?.counterexample, seed: c.evidence.data?.seed })),
    );
    expect(picked[0]).toEqual(picked[1]);
    expect(picked[0]!.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const check of picked[0]!) {
      // fail for a MUST, warn for a SHOULD (FUZZ-INPUT-01).
      expect(["fail", "warn"], check.id).toContain(check.status);
      expect(check.seed, check.id).toBe(20240605);
      expect(check.counterexample, check.id).toBeDefined();
    }
    const model = picked[0]!.find((c) => c.id === "FUZZ-MODEL-01")!;
    // Shrunk to the shortest sequence that shows the early swap.
    expect(String((model.counterexample as { commands: string }).commands)).toMatch(/^Claim,Write\b/);
    expect(runs[0]!.res.code).toBe(1);
  });
});
