import type { CheckResult, Report } from "../../src/report/model.ts";
import { summarize, verdictOf } from "../../src/report/model.ts";

export function fakeCheck(overrides: Partial<CheckResult> & Pick<CheckResult, "id" | "status">): CheckResult {
  return {
    title: `title of ${overrides.id}`,
    level: "MUST",
    flow: "discovery",
    durationMs: 3,
    sources: [{ spec: "RFC 9728", section: "§3.3", url: "https://www.rfc-editor.org/rfc/rfc9728#section-3.3" }],
    message: "",
    evidence: { exchanges: [] },
    ...overrides,
  };
}

export function fakeReport(checks: CheckResult[], harnessErrors: string[] = []): Report {
  return {
    tool: { name: "authmd-conformance", version: "0.0.0-test" },
    target: { url: "http://127.0.0.1:1" },
    profile: "v0.1",
    seed: 7,
    startedAt: "2026-11-23T00:00:00.000Z",
    durationMs: 1234,
    summary: summarize(checks),
    causes: [],
    verdict: verdictOf(checks, harnessErrors),
    harnessErrors,
    checks,
    ledger: [],
  };
}
