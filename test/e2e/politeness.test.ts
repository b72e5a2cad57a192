import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { startRealTarget } from "../support/real-target.ts";

describe("politeness on someone's staging server", () => {
  it("--passive runs only the read-only discovery checks and sends no POST", async () => {
    const lines: string[] = [];
    const { service, configFile } = await startRealTarget({ log: (l) => lines.push(l) });
    const out = await tempDir();
    try {
      const res = await runCli(["run", "--config", configFile, "--passive", "--out", out], { timeoutMs: 120_000 });
      expect(res.code, res.stderr).toBe(0);
    } finally {
      await service.close();
    }
    const requests = lines.filter((l) => /^[A-Z]+ \//.test(l));
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((l) => !/^(GET|HEAD) /.test(l))).toEqual([]);
    const report = await readReport(out);
    expect(report.checks.length).toBeGreaterThanOrEqual(12);
    expect(report.checks.every((c) => c.id.startsWith("DISC-") && c.status === "pass")).toBe(true);
    expect(report.checks.some((c) => c.id === "DISC-EP-01")).toBe(false);
  });

  it("never sends more requests than the budget, and says the budget ran out", async () => {
    const lines: string[] = [];
    const { service, configFile } = await startRealTarget({ log: (l) => lines.push(l) });
    const out = await tempDir();
    try {
      await runCli(["run", "--config", configFile, "--budget", "15", "--out", out], { timeoutMs: 120_000 });
    } finally {
      await service.close();
    }
    const requests = lines.filter((l) => /^[A-Z]+ \//.test(l));
    expect(requests.length).toBeLessThanOrEqual(15);
    const report = await readReport(out);
    expect(report.checks.some((c) => c.status === "error" && /budget/i.test(c.message))).toBe(true);
  });
});
