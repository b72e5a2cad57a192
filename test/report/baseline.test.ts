import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/errors.ts";
import { describeBaseline, evaluateBaseline, exitCodeWithBaseline, parseBaseline, unknownBaselineIds } from "../../src/report/baseline.ts";
import { signatureOf } from "../../src/report/signature.ts";
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

describe("baseline signatures", () => {
  const exchange = (status: number) => ({ method: "POST", url: "http://127.0.0.1:1/agent/auth", status, curl: "curl …" }) as never;

  it("the signature of a failure: status, cause, recorded outcome or the class of the decisive answer", () => {
    expect(signatureOf(fakeCheck({ id: "A", status: "pass" }))).toBeUndefined();
    expect(signatureOf(fakeCheck({ id: "A", status: "blocked", blockedBy: "claim-mail" }))).toEqual({ status: "blocked", blockedBy: "claim-mail" });
    expect(signatureOf(fakeCheck({ id: "A", status: "fail", evidence: { exchanges: [exchange(200)] } }))).toEqual({ status: "fail", outcome: "accepted" });
    expect(signatureOf(fakeCheck({ id: "A", status: "fail", evidence: { exchanges: [exchange(400)] } }))).toEqual({ status: "fail", outcome: "refused" });
    const forge = fakeCheck({ id: "A", status: "fail", evidence: { exchanges: [exchange(400)], data: { outcome: { cases: { "typ-jwt": "accepted" } } } } });
    expect(signatureOf(forge)).toEqual({ status: "fail", cases: { "typ-jwt": "accepted" } });
    // A property check finds another counterexample with another seed: no answer class is pinned.
    expect(signatureOf(fakeCheck({ id: "A", status: "fail", evidence: { exchanges: [exchange(500)], data: { seed: 1, counterexample: "x" } } }))).toEqual({ status: "fail" });
  });

  it("reads pinned signatures from YAML; id-only entries and bare ids still load", () => {
    const b = parseBaseline(
      "- id: IDJAG-TYP-01\n  reason: own code\n  status: fail\n  cases: { typ-jwt: refused-other-code }\n- id: OTP-01\n  reason: no mail in staging\n  blockedBy: claim-mail\n- DISC-PRM-04\n",
      "pinned.yaml",
    );
    expect(b.entries).toEqual([
      { id: "IDJAG-TYP-01", reason: "own code", signature: { status: "fail", cases: { "typ-jwt": "refused-other-code" } } },
      { id: "OTP-01", reason: "no mail in staging", signature: { status: "blocked", blockedBy: "claim-mail" } },
      { id: "DISC-PRM-04", reason: "" },
    ]);
    expect(() => parseBaseline("- id: A\n  status: exploded\n", "bad.yaml")).toThrow(HarnessError);
    expect(() => parseBaseline("- id: A\n  outcom: accepted\n", "bad.yaml")).toThrow(/outcom/);
  });

  it("a worse outcome under a pinned id is a new failure (exit 1); the same outcome stays baselined", () => {
    const baseline = parseBaseline("- id: IDJAG-TYP-01\n  reason: own code\n  status: fail\n  cases: { typ-jwt: refused-other-code }\n", "pinned.yaml");
    const same = fakeReport([fakeCheck({ id: "IDJAG-TYP-01", status: "fail", evidence: { exchanges: [], data: { outcome: { cases: { "typ-jwt": "refused-other-code" } } } } })]);
    const sameOutcome = evaluateBaseline(same.checks, baseline);
    expect(sameOutcome).toMatchObject({ new: [], baselined: ["IDJAG-TYP-01"] });
    expect(exitCodeWithBaseline(same, sameOutcome)).toBe(0);

    const worse = fakeReport([fakeCheck({ id: "IDJAG-TYP-01", status: "fail", evidence: { exchanges: [], data: { outcome: { cases: { "typ-jwt": "accepted", "typ-missing": "accepted" } } } } })]);
    const worseOutcome = evaluateBaseline(worse.checks, baseline);
    expect(worseOutcome.new).toEqual(["IDJAG-TYP-01"]);
    expect(worseOutcome.baselined).toEqual([]);
    expect(worseOutcome.changed?.[0]?.changes).toEqual(["case typ-jwt: refused-other-code → accepted", "case typ-missing: passed → accepted"]);
    expect(exitCodeWithBaseline(worse, worseOutcome)).toBe(1);
    expect(describeBaseline(worseOutcome).join("\n")).toMatch(/IDJAG-TYP-01: failure changed since the baseline/);
  });

  it("a pinned fail that is now blocked, or a pinned cause that changed, is a new failure", () => {
    const baseline = parseBaseline("- id: A-01\n  reason: r\n  status: fail\n  outcome: refused\n- id: B-01\n  reason: r\n  blockedBy: claim-mail\n", "p.yaml");
    const report = fakeReport([fakeCheck({ id: "A-01", status: "blocked", blockedBy: "idjag-baseline" }), fakeCheck({ id: "B-01", status: "blocked", blockedBy: "no-write-route" })]);
    const outcome = evaluateBaseline(report.checks, baseline);
    expect(outcome.new).toEqual(["A-01", "B-01"]);
    expect(exitCodeWithBaseline(report, outcome)).toBe(1);
  });

  it("a report.json baseline pins signatures; one written before signatures pins ids only", () => {
    const failing = fakeCheck({ id: "A-02", status: "fail", evidence: { exchanges: [exchange(400)] } });
    const current = fakeReport([failing]);
    expect(parseBaseline(JSON.stringify(current), "report.json").entries[0]!.signature).toEqual({ status: "fail", outcome: "refused" });
    const { causes: _causes, ...old } = current;
    expect(parseBaseline(JSON.stringify(old), "old-report.json").entries[0]!.signature).toBeUndefined();
    // Id-only: any failure of the id is excused, as before.
    const accepted = fakeReport([fakeCheck({ id: "A-02", status: "fail", evidence: { exchanges: [exchange(200)] } })]);
    expect(evaluateBaseline(accepted.checks, parseBaseline(JSON.stringify(old), "old-report.json")).new).toEqual([]);
    expect(evaluateBaseline(accepted.checks, parseBaseline(JSON.stringify(current), "report.json")).new).toEqual(["A-02"]);
  });

  it("ids the profile does not have are named (the run makes them a usage error)", () => {
    const b = parseBaseline("- DISC-PRM-04\n- DISC-PMR-04\n", "typo.yaml");
    expect(unknownBaselineIds(b, ["DISC-PRM-04"])).toEqual(["DISC-PMR-04"]);
  });
});
