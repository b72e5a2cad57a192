import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { causeLines, headline, printResult } from "../../src/console-progress.ts";
import { renderBadge } from "../../src/report/badge.ts";
import { exitCodeFor } from "../../src/report/exit-code.ts";
import { renderHtml } from "../../src/report/html.ts";
import { renderJunit } from "../../src/report/junit.ts";
import { renderMarkdown } from "../../src/report/markdown.ts";
import { type Cause, type CheckResult, summarize, verdictOf } from "../../src/report/model.ts";
import { toCheckResult } from "../../src/runner/collector.ts";
import { BlockedSignal, prerequisite } from "../../src/suite/prerequisite.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

const cause: Cause = { id: "claim-mail", title: "No claim mail arrives at smtp sink on 127.0.0.1:2525", evidence: { message: "No claim mail for a@example.test within 1500 ms" } };
const blocked = (id: string, level: CheckResult["level"] = "MUST") =>
  fakeCheck({ id, level, status: "blocked", blockedBy: cause.id, message: `Blocked by claim-mail: ${cause.title}` });

function reportWithCause() {
  const report = fakeReport([fakeCheck({ id: "MAIL-01", status: "fail", message: "No claim mail" }), blocked("OTP-01"), blocked("OTP-02"), blocked("OTP-05", "SHOULD"), fakeCheck({ id: "DISC-PRM-01", status: "pass" })]);
  report.causes = [cause];
  return report;
}

describe("status blocked", () => {
  it("is counted, counts against conformance for a MUST (exit 1), not for a SHOULD", () => {
    const report = reportWithCause();
    expect(report.summary).toMatchObject({ total: 5, failed: 1, blocked: 3, passed: 1 });
    expect(report.verdict).toBe("not conformant");
    const onlyBlocked = fakeReport([blocked("OTP-01"), fakeCheck({ id: "X-01", status: "pass" })]);
    expect(onlyBlocked.verdict).toBe("not conformant");
    expect(exitCodeFor(onlyBlocked)).toBe(1);
    const shouldBlocked = fakeReport([blocked("OTP-05", "SHOULD"), fakeCheck({ id: "X-01", status: "pass" })]);
    expect(shouldBlocked.verdict).toBe("conformant");
    expect(exitCodeFor(shouldBlocked)).toBe(0);
  });

  it("no verdict when the harness could not judge: errors only, harness errors, or nothing ran", () => {
    expect(verdictOf([fakeCheck({ id: "A", status: "error" })], [])).toBe("no verdict");
    expect(verdictOf([fakeCheck({ id: "A", status: "pass" })], ["run timeout"])).toBe("no verdict");
    expect(verdictOf([], [])).toBe("no verdict");
    // A definite MUST failure outranks harness trouble.
    expect(verdictOf([fakeCheck({ id: "A", status: "fail" }), fakeCheck({ id: "B", status: "error" })], [])).toBe("not conformant");
    expect(summarize([blocked("A")]).blocked).toBe(1);
  });
});

describe("blocked checks are shown under their cause", () => {
  it("Markdown: one root-cause entry listing the blocked ids; the findings do not repeat them", () => {
    const md = renderMarkdown(reportWithCause());
    expect(md).toContain("### Root causes");
    expect(md).toMatch(/\*\*claim-mail\*\*: No claim mail arrives/);
    expect(md).toMatch(/blocks 3 checks: `OTP-01`, `OTP-02`, `OTP-05`/);
    const findings = md.slice(md.indexOf("### Findings"), md.indexOf("| | id"));
    expect(findings).toContain("MAIL-01");
    expect(findings).not.toContain("OTP-01");
  });

  it("JUnit: each cause is one failing case, its blocked checks are skipped cases naming it", () => {
    const xml = renderJunit(reportWithCause());
    expect(xml.match(/<failure /g)).toHaveLength(2); // MAIL-01 and the cause
    expect(xml).toMatch(/name="ROOT CAUSE claim-mail: No claim mail arrives[^"]*" time="[^"]*"><failure [^>]*type="blocked"/);
    expect(xml).toMatch(/OTP-01 \[MUST\][^>]*><skipped message="Blocked by claim-mail/);
    expect(xml).toMatch(/<testsuites [^>]*failures="2"[^>]*skipped="3"/);
  });

  it("HTML: the data carries the causes and the page renders a root-cause section", () => {
    const html = renderHtml(reportWithCause());
    expect(html).toContain('"causes":[{"id":"claim-mail"');
    expect(html).toContain('"blocked"');
    expect(html).toMatch(/Root causes \(/);
  });

  it("console: one progress line per cause, then the cause with the checks it blocks", () => {
    let text = "";
    const out = new Writable({ write: (chunk, _e, cb) => ((text += chunk), cb()) });
    for (const c of reportWithCause().checks) printResult(c, out);
    expect(text.match(/# blocked/g)).toHaveLength(1);
    expect(text).not.toContain("OTP-02");
    expect(causeLines(reportWithCause())).toEqual([
      `ROOT CAUSE claim-mail: ${cause.title}`,
      `  ${cause.evidence.message}`,
      "  blocks 3 checks: OTP-01, OTP-02, OTP-05",
    ]);
    expect(headline(reportWithCause())).toBe("v0.1: NOT CONFORMANT — MUST 1/4, 2 blocked by 1 root cause");
  });
});

describe("no verdict", () => {
  const report = fakeReport([fakeCheck({ id: "DISC-PRM-01", status: "error", message: "Harness error: target unreachable" })], ["target_unreachable: ECONNREFUSED"]);

  it("every format says no verdict, none says not conformant; the badge is grey", () => {
    expect(report.verdict).toBe("no verdict");
    expect(headline(report)).toMatch(/^v0\.1: NO VERDICT — .*target_unreachable: ECONNREFUSED/);
    const badge = renderBadge(report);
    expect(badge).toContain('fill="#9f9f9f"');
    expect(badge).toContain("no verdict");
    for (const text of [badge, renderMarkdown(report), renderJunit(report), renderHtml(report), JSON.stringify(report), headline(report)]) {
      expect(text).not.toMatch(/not conformant/i);
    }
  });

  it("a verdict keeps its colour: red when not conformant", () => {
    expect(renderBadge(reportWithCause())).toContain("#cf222e");
  });
});

describe("the collector maps a BlockedSignal to blocked", () => {
  function testCase(state: "passed" | "failed", meta: Record<string, unknown>, error?: { name: string; message: string }) {
    return {
      name: "OTP-01 title",
      meta: () => ({ authmd: { id: "OTP-01", exchanges: [], evidence: {}, notes: [], ...meta } }),
      result: () => ({ state, errors: error ? [error] : [] }),
      diagnostic: () => ({ duration: 2 }),
    } as never;
  }

  it("blocked with blockedBy, a message naming the cause", () => {
    const result = toCheckResult(testCase("failed", { blocked: cause }, { name: "BlockedSignal", message: "Blocked by claim-mail" }));
    expect(result).toMatchObject({ id: "OTP-01", status: "blocked", blockedBy: "claim-mail", message: `Blocked by claim-mail: ${cause.title}` });
  });

  it("a CheckFailure stays a fail, anything else an error", () => {
    expect(toCheckResult(testCase("failed", {}, { name: "CheckFailure", message: "x" }))?.status).toBe("fail");
    expect(toCheckResult(testCase("failed", {}, { name: "TypeError", message: "x" }))?.status).toBe("error");
  });
});

describe("prerequisite()", () => {
  it("establishes once per run and blocks every later use with the same cause", async () => {
    let calls = 0;
    const establish = async () => {
      calls += 1;
      return { ok: false as const, title: "nothing", evidence: { message: "seen once" } };
    };
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) await prerequisite("test-missing", establish).catch((e: unknown) => errors.push(e));
    expect(calls).toBe(1);
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e).toBeInstanceOf(BlockedSignal);
      expect((e as BlockedSignal).blockedBy).toEqual({ id: "test-missing", title: "nothing", evidence: { message: "seen once" } });
    }
  });

  it("hands the value to every caller when present, and does not memoise a harness fault", async () => {
    let calls = 0;
    const value = await prerequisite("test-present", async () => ({ ok: true as const, value: ++calls }));
    expect(value).toBe(1);
    expect(await prerequisite("test-present", async () => ({ ok: true as const, value: ++calls }))).toBe(1);
    await expect(prerequisite("test-fault", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await prerequisite("test-fault", async () => ({ ok: true as const, value: "later" }))).toBe("later");
  });
});
