import { LINT_RULES } from "../lint/types.ts";
import { findRequirement } from "./catalogue.ts";
import { type TraceCoverage, type TraceStatement, traceCoverage, traceabilityV01 } from "./v0_1/traceability.ts";

/** `requirements --coverage`: the share of v0.1 normative statements the checks cover. */
export interface CoverageReport extends TraceCoverage {
  profile: string;
  /** Check ids or lint rules the traceability file names that do not exist (a test keeps this empty). */
  unknownIds: string[];
  bySource: Array<{ source: string; total: number; excluded: number; covered: number }>;
}

export interface CoverageOptions {
  /** Default "v0.1". */
  profile?: string;
  /** Whether a check id exists in the profile; default: the global (v0.1) catalogue. */
  isKnown?: (id: string) => boolean;
}

export function coverageReport(statements: readonly TraceStatement[] = traceabilityV01, opts: CoverageOptions = {}): CoverageReport {
  const coverage = traceCoverage(statements);
  const lint = new Set<string>(LINT_RULES);
  const isKnown = opts.isKnown ?? ((id: string) => findRequirement(id) !== undefined);
  const unknownIds = [
    ...new Set(statements.flatMap((t) => [...(t.checks ?? []).filter((id) => !isKnown(id)), ...(t.lint ?? []).filter((id) => !lint.has(id))])),
  ];
  const sources = [...new Set(statements.map((t) => t.source))];
  const bySource = sources.map((source) => {
    const c = traceCoverage(statements.filter((t) => t.source === source));
    return { source, total: c.total, excluded: c.excluded, covered: c.covered };
  });
  return { profile: opts.profile ?? "v0.1", ...coverage, unknownIds, bySource };
}

export function renderCoverage(c: CoverageReport): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const lines = [
    `${c.profile} traceability: ${c.total} normative statements, ${c.excluded} excluded (not observable / policy / agent-side), ${c.covered} of ${c.total - c.excluded} covered: ${pct(c.share)}`,
    "",
  ];
  for (const s of c.bySource) {
    const observable = s.total - s.excluded;
    lines.push(`  ${s.source.padEnd(48)} ${String(s.covered).padStart(3)}/${String(observable).padEnd(3)} covered, ${s.excluded} excluded`);
  }
  if (c.uncovered.length) {
    lines.push("", `Uncovered (${c.uncovered.length}):`);
    for (const t of c.uncovered) {
      lines.push(`  ${t.id.padEnd(22)} ${t.source} ${t.section}: "${t.quote}"`);
      if (t.todo) lines.push(`  ${" ".repeat(22)} todo: ${t.todo}`);
    }
  }
  if (c.unknownIds.length) lines.push("", `Unknown ids named in the traceability file: ${c.unknownIds.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
