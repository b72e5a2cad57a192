import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { type HostileTarget, startHostileTarget } from "../support/hostile-target.ts";

// One cause, one finding; no verdict without a judgement; gates that cannot be fooled.

let target: HostileTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Every file the run wrote (reports and the badge), as text. */
async function writtenText(out: string): Promise<string> {
  const files = (await readdir(out, { withFileTypes: true })).filter((f) => f.isFile());
  return (await Promise.all(files.map((f) => readFile(path.join(out, f.name), "utf8")))).join("\n");
}

describe.sequential("causes and verdicts through the CLI", () => {
  it("a plain static file server: exit 1 with exactly one root cause, saying it is not an auth.md service", async () => {
    target = await startHostileTarget("static");
    const out = await tempDir();
    // Killed at 30 s: the run must end on its own well before.
    const res = await runCli(["run", "--target", target.url, "--out", out, "--seed", "1"], { timeoutMs: 30_000 });
    expect(res.code, res.stderr).toBe(1);
    const report = await readReport(out);
    expect(report.causes).toHaveLength(1);
    expect(report.causes[0]).toMatchObject({ id: "no-discovery", title: expect.stringMatching(/^Not an auth\.md service/) });
    expect(report.causes[0]!.evidence.exchanges?.length).toBeGreaterThan(0);
    expect(report.checks.every((c) => c.status === "blocked" && c.blockedBy === "no-discovery")).toBe(true);
    expect(report.summary.blocked).toBe(report.summary.total);
    expect(report.verdict).toBe("not conformant");
    expect(res.stdout).toMatch(/ROOT CAUSE no-discovery: Not an auth\.md service/);
    // Shown under the cause, not as one line per check.
    expect(res.stdout).not.toMatch(/^(?: {2}|\[ *\d+\/\d+\] )\S (fail|blocked) +[A-Z]+-/m);
    expect(res.stdout).not.toMatch(/^\S (FAIL|BLOCKED) [A-Z]+-/m);
    expect(res.stdout).toContain(`blocks ${report.summary.total} checks`);
  });

  it("an unreachable target: exit 2, NO VERDICT with the harness error, grey badge, nothing says not conformant", async () => {
    target = await startHostileTarget("static");
    const url = target.url;
    await target.close();
    target = undefined;
    const out = await tempDir();
    const res = await runCli(["run", "--target", url, "--out", out, "--seed", "1"], { timeoutMs: 60_000 });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(/NO VERDICT .*target_unreachable/);
    expect(`${res.stdout}\n${res.stderr}`).not.toMatch(/not conformant/i);
    const report = await readReport(out);
    expect(report.verdict).toBe("no verdict");
    const badge = await readFile(path.join(out, "badge.svg"), "utf8");
    expect(badge).toContain("#9f9f9f");
    expect(badge).toContain("no verdict");
    expect(await writtenText(out)).not.toMatch(/not conformant/i);
  });

  it("--only matching no check is a usage error (exit 2), and so is --skip leaving none", async () => {
    const only = await runCli(["run", "--target", "http://127.0.0.1:9", "--only", "NOPE-*"], { timeoutMs: 30_000 });
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/error \[usage\] \(only\).*NOPE-\*.*matches no check/);
    const skip = await runCli(["run", "--target", "http://127.0.0.1:9", "--only", "DISC-PRM-01", "--skip", "DISC-*"], { timeoutMs: 30_000 });
    expect(skip.code).toBe(2);
    expect(skip.stderr).toMatch(/matches no check/);
  });

  it("a baseline naming an unknown id is a usage error (exit 2)", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "expected.yaml");
    await writeFile(file, "- id: DISC-PRM-01\n  reason: known\n- id: DISC-PMR-04\n  reason: a typo\n");
    const res = await runCli(["run", "--target", "http://127.0.0.1:9", "--baseline", file], { timeoutMs: 30_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/error \[usage\] \(baseline\).*DISC-PMR-04/);
    expect(res.stderr).not.toMatch(/DISC-PRM-01/);
  });
});
