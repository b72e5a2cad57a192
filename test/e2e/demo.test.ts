import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

describe("demo against the clean sample service", () => {
  it("exits 0 with every check passing and writes every report format", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.1", "--out", out, "--seed", "42"], { timeoutMs: 300_000 });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const report = await readReport(out);
    expect(report.seed).toBe(42);
    expect(report.profile).toBe("v0.1");
    expect(report.profileDetection).toMatchObject({ chosen: "v0.1", how: "forced" });
    expect(report.verdict).toBe("conformant");
    const discovery = report.checks.filter((c) => c.id.startsWith("DISC-"));
    expect(discovery.length).toBeGreaterThanOrEqual(12);
    const notPassing = report.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.status} ${c.message}`);
    expect(notPassing).toEqual([]);
    expect(await readdir(out)).toEqual(expect.arrayContaining(["report.json", "junit.xml", "report.html", "summary.md", "allure-results"]));
    expect((await readdir(path.join(out, "allure-results"))).some((f) => f.endsWith("-result.json"))).toBe(true);
    expect(res.stdout).toMatch(/exit code 0/);
  });
});
