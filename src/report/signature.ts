import { decisiveExchange } from "./evidence.ts";
import type { CheckResult, CheckStatus } from "./model.ts";

/**
 * The signature of a failure: what a baseline pins, so that a worse outcome under the same id
 * (refused with another code → accepted; fail → blocked) is a new failure, not an old one.
 */
export interface FailureSignature {
  status: Exclude<CheckStatus, "pass" | "skip">;
  /** For blocked: the cause. */
  blockedBy?: string;
  /**
   * Outcome class of the failure: what the check recorded (`ctx.outcome`, e.g.
   * "refused-other-code"), else the class of its decisive answer (accepted, refused,
   * server-error, redirected, no-answer).
   */
  outcome?: string;
  /** Forge-based checks: each failing case and its outcome class. */
  cases?: Record<string, string>;
}

/** What a check records in `evidence.data.outcome` (see CheckContext.outcome). */
export interface RecordedOutcome {
  class?: string;
  cases?: Record<string, string>;
}

/** Outcome class of an HTTP status (no status: the request got no answer). */
export function answerClass(status: number | undefined): string {
  if (status === undefined || status === 0) return "no-answer";
  if (status >= 200 && status < 300) return "accepted";
  if (status >= 300 && status < 400) return "redirected";
  if (status >= 400 && status < 500) return "refused";
  return "server-error";
}

/** The signature of a failing check (undefined for pass and skip). */
export function signatureOf(check: Pick<CheckResult, "status" | "blockedBy" | "evidence">): FailureSignature | undefined {
  if (check.status === "pass" || check.status === "skip") return undefined;
  if (check.status === "blocked") return { status: "blocked", ...(check.blockedBy ? { blockedBy: check.blockedBy } : {}) };
  if (check.status === "error") return { status: "error" };
  const recorded = (check.evidence?.data?.outcome ?? {}) as RecordedOutcome;
  const cases = recorded.cases && Object.keys(recorded.cases).length ? { cases: sorted(recorded.cases) } : {};
  // Property checks find a different counterexample with another seed: their decisive answer is
  // no stable signature, so only what they record themselves is pinned.
  const data = check.evidence?.data ?? {};
  const randomised = "counterexample" in data || "seed" in data;
  const decisive = decisiveExchange(check);
  // Forge-based checks are pinned by their cases; the last answer may belong to a passing case.
  const outcome = recorded.class ?? (!randomised && !cases.cases && decisive ? answerClass(decisive.status) : undefined);
  return { status: check.status, ...(outcome ? { outcome } : {}), ...cases };
}

/**
 * How `now` differs from the pinned signature, in words; empty when it matches. Only pinned
 * fields count; a case failing now that the pin does not list, or with another class, differs.
 */
export function signatureChanges(pinned: FailureSignature, now: FailureSignature): string[] {
  const out: string[] = [];
  if (pinned.status !== now.status) out.push(`status ${pinned.status} → ${now.status}`);
  if (pinned.blockedBy !== undefined && pinned.blockedBy !== now.blockedBy) out.push(`blocked by ${pinned.blockedBy} → ${now.blockedBy ?? "nothing"}`);
  if (pinned.outcome !== undefined && now.status === pinned.status && pinned.outcome !== now.outcome) {
    out.push(`outcome ${pinned.outcome} → ${now.outcome ?? "unknown"}`);
  }
  if (pinned.cases !== undefined) {
    for (const [id, cls] of Object.entries(now.cases ?? {})) {
      const was = pinned.cases[id];
      if (was !== cls) out.push(`case ${id}: ${was ?? "passed"} → ${cls}`);
    }
  }
  return out;
}

export function describeSignature(s: FailureSignature): string {
  const cases = s.cases ? ` [${Object.entries(s.cases).map(([k, v]) => `${k}=${v}`).join(", ")}]` : "";
  return `${s.status}${s.blockedBy ? ` by ${s.blockedBy}` : ""}${s.outcome ? ` (${s.outcome})` : ""}${cases}`;
}

function sorted(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}
