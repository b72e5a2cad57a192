import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/errors.ts";
import { describeBaseline, evaluateBaseline, exitCodeWithBaseline, parseBaseline } from "../../src/report/baseline.ts";
import { renderMarkdown } from "../../src/report/markdown.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

const yaml = `# expected failures
- id: DISC-AS-02
  reason: no issuer yet
- DISC-PRM-04
`;

describe("baseline parsing", () => {
  it("reads an expected-failures YAML list of {id, reason} and bare ids", () => {
    const b = parseBaseline(yaml, "expected.yaml");
    expect(b.entries).toEqual([
      { id: "DISC-AS-02", reason: "no issuer yet" },
      { id: "DISC-PRM-04", reason: "" },
    ]);
  });

  it("takes the failing and warning checks of a report.json as the baseline", () => {
    const report = fakeReport([
      fakeCheck({ id: "A-01", status: "pass" }),
      fakeCheck({ id: "A-02", status: "fail", message: "broken\nsecond line" }),
      fakeCheck({ id: "A-03", status: "warn", level: "SHOULD" }),
      fakeCheck({ id: "A-04", status: "skip" }),
    ]);
    const b = parseBaseline(JSON.stringify(report), "report.json");
    expect(b.entries.map((e) => e.id)).toEqual(["A-02", "A-03"]);
    expect(b.entries[0]!.reason).toBe("fail in 2026-11-23T00:00:00.000Z: broken");
  });

  it("an empty YAML file is an empty baseline", () => {
    expect(parseBaseline("# nothing expected\n", "e.yaml").entries).toEqual([]);
  });

  it("rejects malformed baselines as usage errors naming the field", () => {
    for (const text of ["- reason: no id\n", "id: X\n", "{ not json", '{"checks": 3}']) {
      let error: unknown;
      try {
        parseBaseline(text, "bad");
      } catch (err) {
        error = err;
      }
      expect(error, text).toBeInstanceOf(HarnessError);
      expect((error as HarnessError).code).toBe("usage");
      expect((error as HarnessError).field).toBe("baseline");
    }
  });
});

describe("baseline evaluation", () => {
  const baseline = parseBaseline(yaml, "expected.yaml");

  it("only baselined failures: exit 0", () => {
    const report = fakeReport([fakeCheck({ id: "DISC-AS-02", status: "fail" }), fakeCheck({ id: "DISC-PRM-04", status: "fail" }), fakeCheck({ id: "X-01", status: "pass" })]);
    const outcome = evaluateBaseline(report.checks, baseline);
    expect(outcome).toMatchObject({ new: [], baselined: ["DISC-AS-02", "DISC-PRM-04"], stale: [], notRun: [] });
    expect(exitCodeWithBaseline(report, outcome)).toBe(0);
  });

  it("a new failure: exit 1", () => {
    const report = fakeReport([fakeCheck({ id: "DISC-AS-02", status: "fail" }), fakeCheck({ id: "DISC-PRM-04", status: "fail" }), fakeCheck({ id: "X-01", status: "fail" })]);
    const outcome = evaluateBaseline(report.checks, baseline);
    expect(outcome.new).toEqual(["X-01"]);
    expect(exitCodeWithBaseline(report, outcome)).toBe(1);
  });

  it("a baselined check that passes is stale: exit 1, or 0 with allowStale", () => {
    const report = fakeReport([fakeCheck({ id: "DISC-AS-02", status: "pass" }), fakeCheck({ id: "DISC-PRM-04", status: "fail" })]);
    const strict = evaluateBaseline(report.checks, baseline);
    expect(strict.stale).toEqual(["DISC-AS-02"]);
    expect(exitCodeWithBaseline(report, strict)).toBe(1);
    expect(exitCodeWithBaseline(report, evaluateBaseline(report.checks, baseline, true))).toBe(0);
  });

  it("baselined ids that did not run are listed, not stale", () => {
    const outcome = evaluateBaseline([fakeCheck({ id: "DISC-AS-02", status: "fail" })], baseline);
    expect(outcome.notRun).toEqual(["DISC-PRM-04"]);
    expect(outcome.stale).toEqual([]);
  });

  it("a new harness error exits 2, a baselined one does not; a warning never gates", () => {
    const fresh = fakeReport([fakeCheck({ id: "E-01", status: "error" })]);
    expect(exitCodeWithBaseline(fresh, evaluateBaseline(fresh.checks, baseline))).toBe(2);
    const excused = fakeReport([fakeCheck({ id: "DISC-AS-02", status: "error" })]);
    expect(exitCodeWithBaseline(excused, evaluateBaseline(excused.checks, baseline))).toBe(0);
    const warn = fakeReport([fakeCheck({ id: "W-01", status: "warn", level: "SHOULD" })]);
    expect(exitCodeWithBaseline(warn, evaluateBaseline(warn.checks, baseline))).toBe(0);
  });

  it("the Markdown summary and the console lines state the outcome", () => {
    const report = fakeReport([fakeCheck({ id: "DISC-AS-02", status: "pass" }), fakeCheck({ id: "X-01", status: "fail" })]);
    report.baseline = evaluateBaseline(report.checks, baseline);
    const md = renderMarkdown(report);
    expect(md).toContain("### Baseline `expected.yaml`");
    expect(md).toMatch(/new failures: `X-01`/);
    expect(md).toMatch(/stale .*`DISC-AS-02`/);
    expect(describeBaseline(report.baseline)[0]).toBe("baseline expected.yaml: 1 new, 0 baselined, 1 stale, 1 not run");
  });
});
