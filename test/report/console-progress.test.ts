import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConsoleProgress, failureLines } from "../../src/console-progress.ts";
import type { Cause, CheckResult } from "../../src/report/model.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

function sink(isTTY: boolean) {
  let text = "";
  const out = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  out.isTTY = isTTY;
  out.columns = 120;
  return { out, text: () => text };
}

const pass = (id: string): CheckResult => fakeCheck({ id, status: "pass" });

describe("console progress", () => {
  afterEach(() => vi.useRealTimers());

  it("not a TTY: one line per finished check with its n/N counter, nothing rewritten", () => {
    const { out, text } = sink(false);
    const progress = new ConsoleProgress(12, out);
    progress.onProgress({ kind: "start", id: "DISC-PRM-01" });
    progress.onResult(pass("DISC-PRM-01"));
    progress.onProgress({ kind: "start", id: "DISC-PRM-02" });
    progress.onResult(fakeCheck({ id: "DISC-PRM-02", status: "fail", message: "no resource" }));
    progress.close();
    const lines = text().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\[ 1\/12\] ✓ pass {2}DISC-PRM-01 /);
    expect(lines[1]).toMatch(/^\[ 2\/12\] ✗ fail {2}DISC-PRM-02 /);
    expect(lines[2]!.trim()).toBe("no resource");
    expect(text()).not.toContain("\r");
  });

  it("not a TTY: a long wait gets one line naming the check, what it waits for and the most it takes; a short one none", () => {
    vi.useFakeTimers();
    const { out, text } = sink(false);
    const progress = new ConsoleProgress(3, out);
    progress.onProgress({ kind: "start", id: "MAIL-01" });
    progress.onProgress({ kind: "wait", what: "mail to a@example.test (smtp sink)", maxMs: 15_000, check: "MAIL-01" });
    progress.onResult(pass("MAIL-01"));
    vi.advanceTimersByTime(5_000);
    expect(text()).not.toContain("waiting");
    progress.onProgress({ kind: "wait", what: "OTP brute-force proof: up to 3,000 guesses", maxMs: 600_000, check: "FUZZ-OTP-LOCK-01" });
    vi.advanceTimersByTime(5_000);
    progress.close();
    expect(text().match(/waiting for/g)).toHaveLength(1);
    expect(text()).toContain("FUZZ-OTP-LOCK-01: waiting for OTP brute-force proof: up to 3,000 guesses (up to 10 min)");
  });

  it("a TTY: a status line with n/N, the current check and the wait, rewritten in place and cleared before each result", () => {
    vi.useFakeTimers();
    const { out, text } = sink(true);
    const progress = new ConsoleProgress(2, out);
    progress.onProgress({ kind: "start", id: "MAIL-02" });
    expect(text()).toMatch(/\r\x1b\[2K\[0\/2\] MAIL-02 /);
    progress.onProgress({ kind: "wait", what: "mail to b@example.test", maxMs: 15_000, check: "MAIL-02" });
    vi.advanceTimersByTime(3_000);
    expect(text()).toContain("waiting for mail to b@example.test: 3 s of up to 15 s");
    progress.onResult(pass("MAIL-02"));
    progress.close();
    expect(text()).toMatch(/\r\x1b\[2K\[1\/2\] ✓ pass {2}MAIL-02 /);
    expect(text().endsWith("\r\x1b[2K")).toBe(true);
  });
});

describe("the final failure list", () => {
  const cause: Cause = { id: "claim-mail", title: "No claim mail arrives", evidence: { message: "No claim mail for a@example.test within 15000 ms" } };

  it("groups blocked checks under their cause and gives each failure its id, its whole message, its notes and its evidence path", () => {
    const long = `Exploitable: ${"the whole space fits in the code's lifetime; ".repeat(12)}END-OF-MESSAGE`;
    const report = fakeReport([
      pass("DISC-PRM-01"),
      fakeCheck({ id: "FUZZ-OTP-LOCK-01", status: "fail", message: long, evidence: { exchanges: [], notes: ["brute force: 1,779 s for the whole space"] } }),
      fakeCheck({ id: "OTP-01", status: "blocked", blockedBy: "claim-mail", message: "Blocked by claim-mail" }),
      fakeCheck({ id: "OTP-02", status: "blocked", blockedBy: "claim-mail", message: "Blocked by claim-mail" }),
      fakeCheck({ id: "OTP-05", status: "warn", level: "SHOULD", message: "slow" }),
    ]);
    report.causes = [cause];
    const lines = failureLines(report, { html: "/x/out/report.html", json: "/x/out/report.json" });
    const text = lines.join("\n");
    expect(lines[0]).toBe("FAILURES — 1 root cause, 1 failing check (evidence: /x/out/report.html)");
    expect(text).toContain("ROOT CAUSE claim-mail: No claim mail arrives\n  No claim mail for a@example.test within 15000 ms\n  blocks 2 checks:\n    OTP-01, OTP-02\n  evidence: /x/out/report.html#cause-claim-mail");
    expect(text).toContain(`✗ FAIL FUZZ-OTP-LOCK-01 [MUST] title of FUZZ-OTP-LOCK-01\n  ${long}\n  note: brute force: 1,779 s for the whole space\n  evidence: /x/out/report.html#check-FUZZ-OTP-LOCK-01  (/x/out/report.json /checks/1)`);
    expect(text).toContain("1 warning (SHOULD/MAY not met; not failing): OTP-05");
    expect(text).not.toContain("DISC-PRM-01");
    // The causes come before the failures.
    expect(text.indexOf("ROOT CAUSE")).toBeLessThan(text.indexOf("FUZZ-OTP-LOCK-01"));
  });

  it("lists every blocked id, wrapped, none cut", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `CHECK-${String(i).padStart(2, "0")}`);
    const report = fakeReport(ids.map((id) => fakeCheck({ id, status: "blocked", blockedBy: "claim-mail", message: "Blocked" })));
    report.causes = [cause];
    const lines = failureLines(report);
    const rows = lines.filter((l) => l.startsWith("    "));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(4 + 97);
    expect(rows.join(" ").split(/,\s*/).map((s) => s.trim())).toEqual(ids);
  });

  it("says nothing when nothing failed", () => {
    expect(failureLines(fakeReport([pass("A-01")]))).toEqual([]);
  });
});
