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
      runs[name] = { res: await runCli(["demo", "--profile", "v0.1", "--only", "DISC-PRM-*", "--out", out, ...args], { timeoutMs: 150_000 }), out };
    };
    const pinned = path.join(dir, "pinned.yaml");
    const idOnly = path.join(dir, "id-only.yaml");
    // The failure as it was known: typ checked, but refused with another code. The fault removes
    // typ validation altogether (accepted): a worse outcome under the same id.
    await writeFile(pinned, "- id: IDJAG-TYP-01\n  reason: our own error code\n  status: fail\n  cases: { typ-missing: refused-other-code, typ-jwt: refused-other-code, typ-at-jwt: refused-other-code, typ-logout: refused-other-code }\n");
    await writeFile(idOnly, "- id: IDJAG-TYP-01\n  reason: an old id-only entry\n");
    const typ = async (name: string, baselineFile: string) => {
      const out = path.join(dir, name);
      runs[name] = { res: await runCli(["demo", "--profile", "v0.1", "--only", "IDJAG-TYP-01", "--fault", "idjag-ignore-typ", "--out", out, "--baseline", baselineFile], { timeoutMs: 150_000 }), out };
    };
    await Promise.all([
      typ("typ-pinned", pinned),
      typ("typ-id-only", idOnly),
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

  it("a pinned signature: the same id failing worse (accepted, not refused with another code) is a new failure", async () => {
    const { res, out } = runs["typ-pinned"]!;
    expect(res.code, res.stderr).toBe(1);
    const outcome = (await readReport(out)).baseline!;
    expect(outcome.new).toEqual(["IDJAG-TYP-01"]);
    expect(outcome.changed?.[0]?.changes).toContain("case typ-jwt: refused-other-code → accepted");
    expect(res.stdout).toMatch(/IDJAG-TYP-01: failure changed since the baseline/);
  });

  it("an old id-only entry still loads and excuses the id", async () => {
    const { res, out } = runs["typ-id-only"]!;
    expect(res.code, res.stderr).toBe(0);
    expect((await readReport(out)).baseline).toMatchObject({ new: [], baselined: ["IDJAG-TYP-01"] });
  });

  it("diff names the check that started failing between two runs", async () => {
    const diff = await runCli(["diff", path.join(runs.stale!.out, "report.json"), path.join(runs.known!.out, "report.json")], { timeoutMs: 60_000 });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("New failures (1)");
    expect(diff.stdout).toMatch(new RegExp(`${FAILING_ID} +MUST +pass → fail`));
    expect(diff.stdout).toContain("Fixed (0)");
  });
});
