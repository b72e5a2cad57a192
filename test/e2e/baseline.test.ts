import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliRun } from "../support/cli.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// Baselines through the real CLI, on the PRM checks only. Four demo runs start together in
// beforeAll (each costs a few seconds of process start-up); the tests then read their results.
const FAULT = "prm-resource-mismatch";
const FAILING_ID = "DISC-PRM-04";

describe("demo --baseline", () => {
  let dir: string;
  let expected: string;
  const runs: Record<string, { res: CliRun; out: string }> = {};

  beforeAll(async () => {
    dir = await tempDir();
    expected = path.join(dir, "expected-failures.yaml");
    const empty = path.join(dir, "none.yaml");
    await writeFile(expected, `# known failures\n- id: ${FAILING_ID}\n  reason: resource is the API root, known\n`);
    await writeFile(empty, "[]\n");
    const demo = async (name: string, args: string[]) => {
      const out = path.join(dir, name);
      runs[name] = { res: await runCli(["demo", "--only", "DISC-PRM-*", "--out", out, ...args], { timeoutMs: 150_000 }), out };
    };
    await Promise.all([
      demo("new", ["--fault", FAULT, "--baseline", empty]),
      demo("known", ["--fault", FAULT, "--baseline", expected]),
      demo("stale", ["--baseline", expected]),
      demo("stale-allowed", ["--baseline", expected, "--allow-stale"]),
    ]);
  }, 200_000);

  it("a new failure exits 1 and is named", async () => {
    const { res, out } = runs.new!;
    expect(res.code, res.stderr).toBe(1);
    expect((await readReport(out)).baseline).toMatchObject({ new: [FAILING_ID], baselined: [], stale: [] });
    expect(res.stdout).toContain(`new failures: ${FAILING_ID}`);
  });

  it("only baselined failures exit 0, and report.json and summary.md record the outcome", async () => {
    const { res, out } = runs.known!;
    expect(res.code, res.stderr).toBe(0);
    const report = await readReport(out);
    expect(report.verdict).toBe("not conformant");
    expect(report.baseline).toMatchObject({ file: expected, new: [], baselined: [FAILING_ID], stale: [] });
  });

  it("a baselined check that passes is stale: exit 1, or 0 with --allow-stale", async () => {
    const strict = runs.stale!;
    expect(strict.res.code, strict.res.stderr).toBe(1);
    expect((await readReport(strict.out)).baseline).toMatchObject({ new: [], stale: [FAILING_ID], allowStale: false });
    const allowed = runs["stale-allowed"]!;
    expect(allowed.res.code, allowed.res.stderr).toBe(0);
    expect((await readReport(allowed.out)).baseline).toMatchObject({ stale: [FAILING_ID], allowStale: true });
  });

  it("diff names the check that started failing between two runs", async () => {
    const diff = await runCli(["diff", path.join(runs.stale!.out, "report.json"), path.join(runs.known!.out, "report.json")], { timeoutMs: 60_000 });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("New failures (1)");
    expect(diff.stdout).toMatch(new RegExp(`${FAILING_ID} +MUST +pass → fail`));
    expect(diff.stdout).toContain("Fixed (0)");
  });
});
