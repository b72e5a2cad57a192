/** Findings of `lint`: each names its rule, a verdict, the place and text it is about, and the rule's source. */
export type LintVerdict = "pass" | "info" | "warn" | "fail";

/** The protocol revisions the linter knows (the conformance profiles). */
export type LintRevision = "v0.1" | "v0.7";

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
  /** The document text the finding is about (shortened to 160 characters). */
  text?: string;
  /** Where the rule comes from (protocol section, RFC, requirement id). */
  source?: string;
  /** Further specifics (one per line). Never truncated here; the text renderer says what it leaves out. */
  details?: string[];
}

/** Which revision the rules were chosen for, and why. */
export interface RevisionDecision {
  revision: LintRevision;
  /** true when --profile chose it. */
  forced: boolean;
  /** The markers found, each with its line ("line 12: /agent/identity (v0.7 endpoint)"). */
  evidence: string[];
  /** Weighted marker counts per revision. */
  scores: Record<LintRevision, number>;
}

export interface LintResult {
  input: string;
  kind: "file" | "url";
  verdict: LintVerdict;
  revision?: RevisionDecision;
  /** Number of findings per verdict and per rule. */
  counts: { byVerdict: Record<LintVerdict, number>; byRule: Record<string, number> };
  findings: LintFinding[];
}

export function overallVerdict(findings: readonly LintFinding[]): LintVerdict {
  if (findings.some((f) => f.verdict === "fail")) return "fail";
  if (findings.some((f) => f.verdict === "warn")) return "warn";
  return "pass";
}

export function countFindings(findings: readonly LintFinding[]): LintResult["counts"] {
  const byVerdict: Record<LintVerdict, number> = { pass: 0, info: 0, warn: 0, fail: 0 };
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    byVerdict[f.verdict]++;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  return { byVerdict, byRule };
}

/** Every rule id the linter can report (the traceability file may cite them). */
export const LINT_RULES = [
  "LINT-SIZE",
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
  "LINT-REVISION",
  "LINT-DIVERGENCE",
  "LINT-AGENT-AUTH",
  "LINT-FIELD-NAMES",
  "LINT-REG-ENDPOINT",
  "LINT-ERROR-ENVELOPE",
  "LINT-CLAIM-COMPLETION",
  "LINT-POLLING",
  "LINT-CLAIM-BODY",
  "LINT-META",
  "LINT-META-FLOWS",
  "LINT-META-URLS",
  "LINT-HTTP-200",
  "LINT-CONTENT-TYPE",
  "LINT-PRM",
  "LINT-AS-METADATA",
] as const;
