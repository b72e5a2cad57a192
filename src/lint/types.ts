/** Findings of `lint`: one per criterion, each with a named rule id and a verdict. */
export type LintVerdict = "pass" | "warn" | "fail";

export interface LintFinding {
  /** Stable rule id, e.g. LINT-TITLE. */
  rule: string;
  verdict: LintVerdict;
  /** What the rule checks, in a few words. */
  title: string;
  /** What was found. */
  message: string;
  /** 1-based line in the document, when the finding is about one place. */
  line?: number;
  /** Further specifics (one per line). */
  details?: string[];
}

export interface LintResult {
  input: string;
  kind: "file" | "url";
  verdict: LintVerdict;
  findings: LintFinding[];
}

export function overallVerdict(findings: readonly LintFinding[]): LintVerdict {
  if (findings.some((f) => f.verdict === "fail")) return "fail";
  if (findings.some((f) => f.verdict === "warn")) return "warn";
  return "pass";
}

/** Every rule id the linter can report (the traceability file may cite them). */
export const LINT_RULES = [
  "LINT-EMPTY",
  "LINT-NOT-HTML",
  "LINT-FRONT-MATTER",
  "LINT-TITLE",
  "LINT-SECTIONS",
  "LINT-JSON",
  "LINT-PLACEHOLDER",
  "LINT-ERRORS-TABLE",
  "LINT-PRM-LINK",
  "LINT-MARKERS",
  "LINT-META",
  "LINT-META-FLOWS",
  "LINT-META-URLS",
  "LINT-HTTP-200",
  "LINT-CONTENT-TYPE",
  "LINT-PRM",
  "LINT-AS-METADATA",
] as const;
