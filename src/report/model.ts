import type { LedgerEntry } from "../harness-services/ledger.ts";
import type { Exchange } from "../http/exchange.ts";
import type { RequirementLevel, SpecSource } from "../requirements/types.ts";
import type { FailureDetails } from "../suite/failure.ts";

/** report.json, in the shape fixed by shared/DESIGN.md. */
export type CheckStatus = "pass" | "fail" | "warn" | "skip" | "error";

export interface CheckResult {
  id: string;
  title: string;
  level: RequirementLevel;
  flow: string;
  status: CheckStatus;
  durationMs: number;
  sources: SpecSource[];
  message: string;
  evidence: {
    exchanges: Exchange[];
    details?: FailureDetails;
    notes?: string[];
    data?: Record<string, unknown>;
    /** Stack of a harness error (status error). */
    stack?: string;
  };
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  errored: number;
}

export interface Report {
  tool: { name: string; version: string };
  target: { url: string };
  profile: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  /** "conformant" only when every MUST passes. */
  verdict: "conformant" | "not conformant";
  /** Harness-level trouble that is not tied to one check (run timeout, worker crash). */
  harnessErrors: string[];
  checks: CheckResult[];
  /** Everything the run created on the target, and what cleanup did with it. */
  ledger: LedgerEntry[];
}

export function summarize(checks: readonly CheckResult[]): Summary {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    total: checks.length,
    passed: count("pass"),
    failed: count("fail"),
    warned: count("warn"),
    skipped: count("skip"),
    errored: count("error"),
  };
}

/** MUST checks that did not pass (fail, or error: the harness could not judge them). */
export function mustFailures(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((c) => c.level === "MUST" && (c.status === "fail" || c.status === "error"));
}
