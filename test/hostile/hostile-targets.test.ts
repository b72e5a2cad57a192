import { afterEach, describe, expect, it } from "vitest";
import { type HostileMode, type HostileTarget, startHostileTarget } from "../support/hostile-target.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// Each misbehaviour: the run ends within its global timeout (the child is killed past a bound
// well above it), never crashes, writes a report, and every check that did not pass says why.
const RUN_TIMEOUT_MS = 40_000;
const KILL_AFTER_MS = RUN_TIMEOUT_MS + 30_000;

let target: HostileTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

async function runAgainst(mode: HostileMode, extra: string[] = []) {
  target = await startHostileTarget(mode);
  const out = await tempDir();
  const res = await runCli(
    ["run", "--target", target.url, "--out", out, "--request-timeout", "1500", "--run-timeout", String(RUN_TIMEOUT_MS), "--seed", "1", ...extra],
    { timeoutMs: KILL_AFTER_MS },
  );
  expect(res.code, `did not end on its own; stderr: ${res.stderr.slice(-500)}`).not.toBeNull();
  expect(res.stderr).not.toMatch(/error \[internal\]|TypeError|ReferenceError|UnhandledPromiseRejection/);
  const report = await readReport(out);
  for (const c of report.checks.filter((c) => c.status !== "pass" && c.status !== "skip")) {
    expect(c.message.length, `${c.id} has no message`).toBeGreaterThan(10);
  }
  return { res, report };
}

describe.sequential("hostile targets", () => {
  it("accepts and never answers: every check is a harness error naming the timeout, exit 2", async () => {
    const { res, report } = await runAgainst("hang");
    expect(res.code).toBe(2);
    expect(report.checks.every((c) => c.status === "error" && /timeout|did not answer/.test(c.message))).toBe(true);
  });

  it("drips one byte a second: the whole-exchange timeout stops it, exit 2", async () => {
    const { res, report } = await runAgainst("drip");
    expect(res.code).toBe(2);
    expect(report.checks.every((c) => c.status === "error")).toBe(true);
  });

  it("answers 50 MB: the body is capped, and no auth.md document is found: one cause, exit 1", async () => {
    const { res, report } = await runAgainst("huge", ["--only", "DISC-*"]);
    expect(res.code).toBe(1);
    expect(report.causes.map((c) => c.id)).toEqual(["no-discovery"]);
    expect(report.checks.find((c) => c.id === "DISC-PRM-01")).toMatchObject({ status: "blocked", blockedBy: "no-discovery" });
  });

  it("serves invalid JSON: reported as the service's failure, not a crash", async () => {
    const { res, report } = await runAgainst("invalid-json", ["--only", "DISC-*"]);
    expect(res.code).toBe(1);
    expect(report.checks.find((c) => c.id === "DISC-PRM-01")).toMatchObject({ status: "fail", message: expect.stringMatching(/not a JSON object/) });
  });

  it("serves HTML where JSON is due: not an auth.md service, one cause naming the HTML answers", async () => {
    const { res, report } = await runAgainst("html", ["--only", "DISC-*"]);
    expect(res.code).toBe(1);
    expect(report.causes).toHaveLength(1);
    expect(report.causes[0]!.evidence.message).toMatch(/HTML page/);
    expect(report.checks.every((c) => c.status === "blocked" && c.blockedBy === "no-discovery")).toBe(true);
  });

  it("redirects in a loop: no redirect is followed, the run ends, the cause names the 302", async () => {
    const { res, report } = await runAgainst("redirect-loop", ["--only", "DISC-*"]);
    expect(res.code).toBe(1);
    expect(report.causes[0]!.evidence.message).toMatch(/302/);
  });

  it("redirects to another host: never followed", async () => {
    const { res } = await runAgainst("redirect-other-host");
    expect(res.code).toBe(1);
    expect(target!.otherHostRequests()).toBe(0);
  });

  it("answers 500 to everything: one cause, every check blocked by it, no crash", async () => {
    const { res, report } = await runAgainst("error-500");
    expect(res.code).toBe(1);
    expect(report.causes.map((c) => c.id)).toEqual(["no-discovery"]);
    expect(report.causes[0]!.evidence.message).toMatch(/answered 500/);
    expect(report.checks.every((c) => c.status === "blocked")).toBe(true);
  });

  it("points its metadata at another host and private addresses: reported, never requested", async () => {
    const { res, report } = await runAgainst("metadata-elsewhere");
    expect(res.code).toBe(1);
    expect(target!.otherHostRequests()).toBe(0);
    const exchanged = report.checks.flatMap((c) => c.evidence.exchanges.map((e) => e.url));
    expect(exchanged.filter((u) => !u.startsWith(target!.url) && !u.includes("127.0.0.1"))).toEqual([]);
    const aa02 = report.checks.find((c) => c.id === "DISC-EP-01");
    expect(aa02?.status).toBe("fail");
    expect(aa02?.message).toMatch(/outside the allowed origins/);
  });
});
