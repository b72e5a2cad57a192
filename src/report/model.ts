import type { ProfileDetection } from "../profiles/detect.ts";
import type { LedgerEntry } from "../harness-services/ledger.ts";
import type { Exchange } from "../http/exchange.ts";
import type { Requirement, RequirementLevel, SpecSource } from "../requirements/types.ts";
import type { FailureDetails } from "../suite/failure.ts";
import type { BaselineOutcome } from "./baseline.ts";

/** report.json, in the shape fixed by shared/DESIGN.md. */
export type CheckStatus = "pass" | "fail" | "warn" | "skip" | "blocked" | "error";

/** A missing prerequisite that blocks checks: recorded once, with its evidence. */
export interface Cause {
  /** Stable id, e.g. "claim-mail", "idjag-baseline", "no-discovery". */
  id: string;
  /** One sentence for people: what is missing. */
  title: string;
  evidence: CauseEvidence;
}

export interface CauseEvidence {
  /** What was seen, in words (how to fix it when known). */
  message: string;
  /** The check that first ran into the cause (when one did). */
  establishedBy?: string;
  exchanges?: Exchange[];
  data?: Record<string, unknown>;
}

export type Verdict = "conformant" | "not conformant" | "no verdict";

export interface CheckResult {
  id: string;
  title: string;
  level: RequirementLevel;
  flow: string;
  status: CheckStatus;
  /** Status blocked: the id of the cause (in Report.causes) that blocked the check. */
  blockedBy?: string;
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
  blocked: number;
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
  /** Root causes that block checks (each blocked check names its cause in blockedBy). */
  causes: Cause[];
  /**
   * "conformant" only when every MUST passes; "not conformant" when a MUST fails or is blocked;
   * "no verdict" when the harness could not judge (exit 2): then nothing says "not conformant".
   */
  verdict: Verdict;
  /** Harness-level trouble that is not tied to one check (run timeout, worker crash). */
  harnessErrors: string[];
  checks: CheckResult[];
  /** Everything the run created on the target, and what cleanup did with it. */
  ledger: LedgerEntry[];
  /** Set when the run was judged against a baseline (run --baseline). */
  baseline?: BaselineOutcome;
  /** How the profile was chosen (`--profile auto` detects it from the discovery documents). */
  profileDetection?: ProfileDetection;
  /**
   * How much of the profile's catalogue has checks. `preview: true`: only `checked` of `total`
   * requirements were planned: not a full certification of the revision. `excluded`: rows without
   * a check because no black-box harness can observe them, each with a written reason.
   */
  coverage?: { checked: number; total: number; preview: boolean; excluded?: string[] };
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
    blocked: count("blocked"),
    errored: count("error"),
  };
}

/** MUST checks that did not pass (fail or blocked; error: the harness could not judge them). */
export function mustFailures(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((c) => c.level === "MUST" && (c.status === "fail" || c.status === "blocked" || c.status === "error"));
}

/** A MUST the target definitely did not meet: failed, or blocked by a missing prerequisite. */
export function isMustProblem(c: CheckResult): boolean {
  return c.level === "MUST" && (c.status === "fail" || c.status === "blocked");
}

/**
 * The verdict: not conformant on a MUST that failed or is blocked; no verdict when the harness
 * could not judge (harness errors, a check in error, or nothing ran); else conformant.
 */
export function verdictOf(checks: readonly CheckResult[], harnessErrors: readonly string[]): Verdict {
  if (checks.some(isMustProblem)) return "not conformant";
  if (harnessErrors.length > 0 || checks.length === 0 || checks.some((c) => c.status === "error")) return "no verdict";
  return "conformant";
}

/** A check blocked by a cause, without running it. */
export function blockedResult(requirement: Requirement, cause: Cause): CheckResult {
  return {
    id: requirement.id,
    title: requirement.title,
    level: requirement.level,
    flow: requirement.flow,
    status: "blocked",
    blockedBy: cause.id,
    durationMs: 0,
    sources: [...requirement.sources],
    message: blockedMessage(cause),
    evidence: { exchanges: [] },
  };
}

export function blockedMessage(cause: Cause): string {
  return `Blocked by ${cause.id}: ${cause.title}`;
}
