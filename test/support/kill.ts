import type { Report } from "../../src/report/model.ts";
import { NOT_TESTABLE } from "../../src/suite/failure.ts";

export interface FaultVerdict {
  /** Declared ids that did not fail (or warn, for SHOULD/MAY). */
  survived: string[];
  /** Other ids that failed for a reason other than a missing prerequisite. */
  collateral: string[];
  /** Declared downstream ids (alsoFails) that ran and passed: the declaration is out of date. */
  stale: string[];
}

/**
 * Did a fault switch fail exactly what it declares? Checks that depend on the broken piece may
 * be `blocked` by its cause or fail as "Not testable:", and `downstream` ids (the switch's alsoFails) fail when they run; any
 * other failure is collateral damage.
 */
export function judgeFault(report: Report, declared: readonly string[], downstream: readonly string[] = [], byChance: readonly string[] = []): FaultVerdict {
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  const survived = declared.filter((id) => {
    const c = byId.get(id);
    return !c || !(c.status === "fail" || c.status === "warn");
  });
  const collateral = report.checks
    .filter((c) => !declared.includes(c.id) && !downstream.includes(c.id) && !byChance.includes(c.id))
    // blocked is never collateral: the cause it names is the finding, judged by its own check.
    .filter((c) => (c.status === "fail" || c.status === "warn" || c.status === "error") && !c.message.startsWith(NOT_TESTABLE))
    .map((c) => `${c.id} (${c.status}: ${c.message.slice(0, 120)})`);
  const stale = downstream.filter((id) => byId.get(id)?.status === "pass");
  return { survived, collateral, stale };
}
