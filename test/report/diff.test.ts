import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/http/exchange.ts";
import { diffReports, renderDiff } from "../../src/report/diff.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

const exchange = (status: number, port = 1111): Exchange => ({
  method: "POST",
  url: `http://127.0.0.1:${port}/agent/auth`,
  requestHeaders: {},
  status,
  durationMs: 1,
  curl: `curl -sS -X POST 'http://127.0.0.1:${port}/agent/auth'`,
});

describe("diff of two reports", () => {
  const before = fakeReport([
    fakeCheck({ id: "A-01", status: "pass" }),
    fakeCheck({ id: "A-02", status: "fail", message: "was broken" }),
    fakeCheck({ id: "A-03", status: "fail", message: "answered 200 at http://127.0.0.1:1111/x", evidence: { exchanges: [exchange(200)] } }),
    fakeCheck({ id: "A-04", status: "pass", level: "SHOULD" }),
    fakeCheck({ id: "A-05", status: "fail", message: "same", evidence: { exchanges: [exchange(500)] } }),
    fakeCheck({ id: "OLD-01", status: "pass" }),
  ]);
  const after = fakeReport([
    fakeCheck({ id: "A-01", status: "fail", message: "now broken" }),
    fakeCheck({ id: "A-02", status: "pass" }),
    // Same finding on another ephemeral port: not a change.
    fakeCheck({ id: "A-03", status: "fail", message: "answered 200 at http://127.0.0.1:2222/x", evidence: { exchanges: [exchange(200, 2222)] } }),
    fakeCheck({ id: "A-04", status: "warn", level: "SHOULD" }),
    fakeCheck({ id: "A-05", status: "fail", message: "same", evidence: { exchanges: [exchange(400)] } }),
    fakeCheck({ id: "NEW-01", status: "error" }),
  ]);

  it("sorts changes into new failures, fixed, other status changes and changed evidence", () => {
    const diff = diffReports(before, after);
    expect(diff.newFailures.map((c) => `${c.id}:${c.from}->${c.to}`)).toEqual(["A-01:pass->fail", "NEW-01:absent->error"]);
    expect(diff.fixed.map((c) => c.id)).toEqual(["A-02"]);
    expect(diff.statusChanges.map((c) => `${c.id}:${c.from}->${c.to}`)).toEqual(["A-04:pass->warn", "OLD-01:pass->absent"]);
    expect(diff.evidenceChanges).toEqual([{ id: "A-05", status: "fail", changes: ["decisive request: POST /agent/auth → 500 → POST /agent/auth → 400"] }]);
    expect(diff.added).toEqual(["NEW-01"]);
    expect(diff.removed).toEqual(["OLD-01"]);
  });

  it("renders a readable text diff, and says so when nothing changed", () => {
    const text = renderDiff(diffReports(before, after));
    expect(text).toContain("New failures (2)");
    expect(text).toMatch(/A-01 +MUST +pass → fail  now broken/);
    expect(text).toContain("Fixed (1)");
    expect(renderDiff(diffReports(before, before))).toContain("No changes.");
  });
});
