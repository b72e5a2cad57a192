import { isMustProblem, type Report } from "./model.ts";

/**
 * The CI contract (shared/DESIGN.md): 0 every MUST passes; 1 a MUST fails or is blocked (a
 * missing prerequisite counts against conformance); 2 usage, config or harness error: no verdict.
 * A definite MUST failure outranks harness trouble.
 */
export const EXIT = { ok: 0, mustFailed: 1, harness: 2 } as const;

export function exitCodeFor(report: Report): number {
  if (report.checks.some(isMustProblem)) return EXIT.mustFailed;
  if (report.harnessErrors.length > 0 || report.checks.some((c) => c.status === "error")) return EXIT.harness;
  if (report.checks.length === 0) return EXIT.harness;
  return EXIT.ok;
}
