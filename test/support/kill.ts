import type { Report } from "../../src/report/model.ts";
import { NOT_TESTABLE } from "../../src/suite/failure.ts";

export interface FaultVerdict {
  /** Declared ids that did not fail (or warn, for SHOULD/MAY). */
  survived: string[];
  /** Other ids that failed for a reason other than a missing prerequisite. */
  collateral: string[];
}

/**
 * Did a fault switch fail exactly what it declares? Checks that depend on the broken piece may
 * fail as "Not testable:"; any other failure outside the declared ids is collateral damage.
 */
export function judgeFault(report: Report, declared: readonly string[]): FaultVerdict {
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  const survived = declared.filter((id) => {
    const c = byId.get(id);
    return !c || !(c.status === "fail" || c.status === "warn");
  });
  const collateral = report.checks
    .filter((c) => !declared.includes(c.id))
    .filter((c) => (c.status === "fail" || c.status === "warn" || c.status === "error") && !c.message.startsWith(NOT_TESTABLE))
    .map((c) => `${c.id} (${c.status}: ${c.message.slice(0, 120)})`);
  return { survived, collateral };
}
