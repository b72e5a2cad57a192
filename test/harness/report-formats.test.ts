import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/report/exit-code.ts";
import { renderHtml } from "../../src/report/html.ts";
import { renderJunit } from "../../src/report/junit.ts";
import { renderMarkdown } from "../../src/report/markdown.ts";
import { writeReports } from "../../src/report/write.ts";
import { tempDir } from "../support/cli.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

const failing = fakeCheck({
  id: "DISC-PRM-04",
  status: "fail",
  message: 'resource <b>"x"</b> & y',
  evidence: {
    exchanges: [
      {
        method: "GET",
        url: "http://127.0.0.1:1/.well-known/oauth-protected-resource",
        requestHeaders: {},
        status: 200,
        durationMs: 1,
        curl: "curl -sS -X GET 'http://127.0.0.1:1/.well-known/oauth-protected-resource'",
      },
    ],
    details: { expected: "a", actual: "b", pointer: "/resource" },
  },
});

describe("report formats", () => {
  it("exit codes follow the CI contract", () => {
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "pass" })]))).toBe(0);
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "warn", level: "SHOULD" })]))).toBe(0);
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "fail" })]))).toBe(1);
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "error" })]))).toBe(2);
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "pass" })], ["run timeout"]))).toBe(2);
    expect(exitCodeFor(fakeReport([fakeCheck({ id: "A-01", status: "fail" }), fakeCheck({ id: "A-02", status: "error" })]))).toBe(1);
  });

  it("JUnit marks fail as failure, error as error, skip as skipped, and escapes XML", () => {
    const xml = renderJunit(
      fakeReport([failing, fakeCheck({ id: "B-01", status: "error", message: "boom" }), fakeCheck({ id: "C-01", status: "skip", flow: "anonymous" })]),
    );
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain('<testsuites name="authmd-conformance v0.1" tests="3" failures="1" errors="1" skipped="1"');
    expect(xml).toContain("<failure message=\"resource &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y\"");
    expect(xml).toContain("reproduce: curl");
    expect(xml).toContain('<testsuite name="anonymous" tests="1" failures="0" errors="0" skipped="1"');
  });

  it("HTML is one self-contained file whose embedded data cannot close its script tag", () => {
    const html = renderHtml(fakeReport([fakeCheck({ id: "X-01", status: "fail", message: "</script><script>alert(1)</script>" })]));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<(link|img)[^>]+(src|href)="https?:/);
    expect(html.match(/<\/script>/g)?.length).toBe(2);
    expect(html).toContain("X-01");
  });

  it("Markdown summary states the verdict and lists findings first", () => {
    const md = renderMarkdown(fakeReport([failing, fakeCheck({ id: "A-01", status: "pass" })]));
    expect(md).toContain("v0.1: ❌ not conformant");
    expect(md).toContain("**MUST 1/2**");
    expect(md.indexOf("### Findings")).toBeLessThan(md.indexOf("| ✅ | A-01"));
  });

  it("writes every format and appends the summary to GITHUB_STEP_SUMMARY", async () => {
    const dir = await tempDir();
    const summaryFile = `${dir}/step-summary.md`;
    const files = await writeReports(fakeReport([failing]), dir, { GITHUB_STEP_SUMMARY: summaryFile });
    const json = JSON.parse(await readFile(files.json, "utf8"));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["tool", "target", "profile", "seed", "startedAt", "durationMs", "summary", "checks"]));
    expect(json.checks[0]).toMatchObject({ id: "DISC-PRM-04", level: "MUST", status: "fail" });
    expect(await readFile(summaryFile, "utf8")).toContain("not conformant");
    expect(await readFile(files.junit, "utf8")).toContain("<testsuites");
  });
});
