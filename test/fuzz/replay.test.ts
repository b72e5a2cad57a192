import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// Re-running with the printed seed reproduces the verdict and the shrunk counterexample.
describe("fuzz replay", () => {
  it("two demo runs with the same --seed fail with the same counterexamples", async () => {
    const args = ["demo", "--fault", "scope-upgrade-at-claim", "--fault", "claim-token-prefix-lookup", "--only", "FUZZ-MODEL-01,FUZZ-CT-GARBAGE-01", "--seed", "20240605"];
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const out = await tempDir();
        const res = await runCli([...args, "--out", out], { timeoutMs: 120_000 });
        return { res, report: await readReport(out) };
      }),
    );
    const picked = runs.map(({ report }) =>
      report.checks.map((c) => ({ id: c.id, status: c.status, counterexample: c.evidence.data?.counterexample, seed: c.evidence.data?.seed })),
    );
    expect(picked[0]).toEqual(picked[1]);
    for (const check of picked[0]!) {
      expect(check.status, check.id).toBe("fail");
      expect(check.seed).toBe(20240605);
      expect(check.counterexample, check.id).toBeDefined();
    }
    const model = picked[0]!.find((c) => c.id === "FUZZ-MODEL-01")!;
    // Shrunk to the shortest sequence that shows the early swap.
    expect(String((model.counterexample as { commands: string }).commands)).toMatch(/^Claim,Write\b/);
    expect(runs[0]!.res.code).toBe(1);
  });
});
