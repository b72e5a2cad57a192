import type { TestCase, TestModule } from "vitest/node";
import type { Reporter } from "vitest/reporters";
import { findRequirement } from "../requirements/catalogue.ts";
import { blockedMessage, type Cause, type CheckResult, type CheckStatus } from "../report/model.ts";
import "../suite/meta.ts";
import { withCurlVariables } from "../http/exchange.ts";

/**
 * A vitest reporter that turns test cases into check results. A failure thrown as CheckFailure
 * (or a vitest assertion) is the service's; anything else is the harness's and becomes `error`.
 */
export class CheckCollector implements Reporter {
  readonly results: CheckResult[] = [];
  readonly harnessErrors: string[] = [];
  /** Causes of blocked checks, each once (the first check that met it gives its evidence). */
  readonly causes: Cause[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly onResult?: (result: CheckResult) => void,
    /** The run's profile: ids are looked up in its catalogue. */
    private readonly profile = "v0.1",
  ) {}

  onTestCaseResult(testCase: TestCase): void {
    const result = toCheckResult(testCase, this.profile);
    if (!result || this.seen.has(result.id)) return;
    this.seen.add(result.id);
    const cause = testCase.meta().authmd?.blocked;
    if (result.status === "blocked" && cause && !this.causes.some((c) => c.id === cause.id)) this.causes.push(cause);
    this.results.push(result);
    this.onResult?.(result);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    for (const mod of modules) {
      for (const error of mod.errors()) this.harnessErrors.push(`${mod.moduleId}: ${error.message}`);
    }
    for (const error of unhandledErrors) this.harnessErrors.push(`unhandled: ${error.message ?? String(error)}`);
  }
}

export function toCheckResult(testCase: TestCase, profile = "v0.1"): CheckResult | undefined {
  const meta = testCase.meta().authmd;
  const id = meta?.id ?? testCase.name.split(" ")[0]!;
  const requirement = findRequirement(id, profile);
  if (!requirement) return undefined;
  const result = testCase.result();
  const durationMs = Math.round(testCase.diagnostic()?.duration ?? 0);

  let status: CheckStatus;
  let message = "";
  let stack: string | undefined;
  const blockedBy = result.state === "failed" ? meta?.blocked : undefined;
  if (blockedBy) {
    // A missing shared prerequisite: counted against conformance, shown under its cause.
    status = "blocked";
    message = blockedMessage(blockedBy);
  } else if (result.state === "passed") {
    status = "pass";
    message = meta?.notes.join(" ") ?? "";
  } else if (result.state === "skipped") {
    status = "skip";
    message = result.note ?? "skipped";
  } else if (result.state === "failed") {
    const error = result.errors[0];
    const name = error?.name ?? "";
    message = error?.message ?? "failed";
    if (name === "CheckFailure" || name === "AssertionError") {
      // A SHOULD or MAY that is not met (or cannot be tested) is a warning; a MUST is a failure.
      status = requirement.level === "MUST" ? "fail" : "warn";
    } else {
      status = "error";
      stack = error?.stack;
      message = `Harness error (${name || "Error"}): ${message}`;
    }
  } else {
    status = "error";
    message = "Check did not finish (run cancelled or timed out)";
  }

  return {
    id,
    title: requirement.title,
    level: requirement.level,
    flow: requirement.flow,
    status,
    ...(blockedBy ? { blockedBy: blockedBy.id } : {}),
    durationMs,
    sources: [...requirement.sources],
    message,
    evidence: {
      // A secret learnt after an exchange was recorded is masked in its curl line afterwards: name it too.
      exchanges: (meta?.exchanges ?? []).map(withCurlVariables),
      ...(meta?.failure ? { details: meta.failure } : {}),
      ...(meta?.notes.length ? { notes: meta.notes } : {}),
      ...(meta && Object.keys(meta.evidence).length ? { data: meta.evidence } : {}),
      ...(stack ? { stack } : {}),
    },
  };
}
