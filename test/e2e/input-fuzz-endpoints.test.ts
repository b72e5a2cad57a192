import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// FUZZ-INPUT-01 does not stop at its first finding: with two endpoints answering 500, both are
// named, each with a shrunk counterexample of its own.
describe("FUZZ-INPUT-01 names every endpoint", () => {
  it("reports register and claim under 5xx-on-two-endpoints", async () => {
    const out = await tempDir();
    await runCli(["demo", "--profile", "v0.1", "--fault", "5xx-on-two-endpoints", "--only", "FUZZ-INPUT-01", "--out", out, "--seed", "3"], { timeoutMs: 90_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("warn");
    expect(check.message).toMatch(/on 2 endpoints \((register, claim|claim, register)\)/);
    const findings = check.evidence.data?.findings as { endpoint: string; counterexample: { endpoint: string } }[];
    expect(findings.map((f) => f.endpoint).sort()).toEqual(["claim", "register"]);
    for (const f of findings) expect(f.counterexample.endpoint).toBe(f.endpoint);
  });
});
