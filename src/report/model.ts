import type { LedgerEntry } from "../harness-services/ledger.ts";
import type { Exchange } from "../http/exchange.ts";
import type { Requirement, RequirementLevel, SpecSource } from "../requirements/types.ts";
import type { FailureDetails } from "../suite/failure.ts";
import type { BaselineOutcome } from "./baseline.ts";

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
    /**
     * Free-form evidence from ctx.evidence(). Keys the report renders specially: `seed` and
     * `counterexample` (property checks: replay the case), `decisiveExchange` (index into
     * `exchanges` of the request that decided the verdict; default the last one).
     */
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
  /** Set when the run was judged against a baseline (run --baseline). */
  baseline?: BaselineOutcome;
}

/** A check the harness could not run, reported as `error` with the reason. */
export function harnessErrorResult(requirement: Requirement, message: string, notes: string[] = []): CheckResult {
  return {
    id: requirement.id,
    title: requirement.title,
    level: requirement.level,
    flow: requirement.flow,
    status: "error",
    durationMs: 0,
    sources: [...requirement.sources],
    message,
    evidence: { exchanges: [], ...(notes.length ? { notes } : {}) },
  };
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
