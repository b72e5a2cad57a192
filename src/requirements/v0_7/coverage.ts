import { requirementsForProfile } from "../catalogue.ts";
import type { RequirementLevel } from "../types.ts";
import type { TraceStatement } from "../v0_1/traceability.ts";
import { catalogueV07 } from "./index.ts";
import { DELEGATED_ROWS, SHARED_WITH_V0_1 } from "./shared-with-v0_1.ts";
import { traceabilityV07 } from "./traceability.ts";
import { UNCHECKED_ROWS_V07 } from "./unchecked-rows.ts";

/**
 * `requirements --profile v0.7 --coverage`: how much of v0.7 the checks cover, counted on the
 * v0.7.md rows (§1–§12: 136 with the rows delegated to v0.1 ids) and on the traceability
 * statements of the v0.7 sources. A row is covered when a check of it is planned in a v0.7 run:
 * its own id, or for a delegated row one of the shared v0.1 ids that implement it.
 */
export interface RowV07 {
  id: string;
  level: RequirementLevel;
  title: string;
  /** The planned check ids that cover it (empty: uncovered). */
  checks: string[];
  /** Why the suite does not check it, where that is written down (UNCHECKED_ROWS_V07). */
  exclusion?: string;
}

export interface CoverageReportV07 {
  profile: "v0.7";
  rows: { total: number; excluded: number; covered: number; share: number; uncovered: RowV07[]; byLevel: Record<RequirementLevel, { total: number; covered: number }> };
  /** Rows excluded in writing that now have a check: the exclusion is stale. */
  staleExclusions: string[];
  statements: { total: number; excluded: number; covered: number; share: number; uncovered: Array<TraceStatement & { unchecked: string[] }> };
}

function plannedIds(): Set<string> {
  return new Set(requirementsForProfile("v0.7").map((r) => r.id));
}

/** Every v0.7.md row, with the planned checks that cover it. */
export function rowsV07(planned: ReadonlySet<string> = plannedIds()): RowV07[] {
  const exclusion = (id: string) => (UNCHECKED_ROWS_V07[id] ? { exclusion: UNCHECKED_ROWS_V07[id] } : {});
  // The suite's fuzz properties are no rows; a planned one covers the rows it restates.
  const restating = (id: string) => catalogueV07.filter((r) => r.restates?.includes(id) && planned.has(r.id)).map((r) => r.id);
  const own = catalogueV07
    .filter((r) => r.flow !== "fuzz")
    .map((r) => ({ id: r.id, level: r.level, title: r.title, checks: [...(planned.has(r.id) ? [r.id] : []), ...restating(r.id)], ...exclusion(r.id) }));
  const delegated = Object.entries(DELEGATED_ROWS).map(([id, row]) => {
    const sharedIds = Object.entries(SHARED_WITH_V0_1).filter(([, shared]) => shared.rows.includes(id)).map(([v01]) => v01);
    return { id, level: row.level, title: row.title, checks: sharedIds.filter((v01) => planned.has(v01)), ...exclusion(id) };
  });
  return [...own, ...delegated];
}

export function coverageReportV07(planned: ReadonlySet<string> = plannedIds()): CoverageReportV07 {
  const rows = rowsV07(planned);
  const covered = rows.filter((r) => r.checks.length > 0);
  const uncovered = rows.filter((r) => r.checks.length === 0);
  const excluded = uncovered.filter((r) => r.exclusion !== undefined).length;
  const byLevel = { MUST: { total: 0, covered: 0 }, SHOULD: { total: 0, covered: 0 }, MAY: { total: 0, covered: 0 } } as Record<RequirementLevel, { total: number; covered: number }>;
  for (const r of rows) {
    byLevel[r.level].total += 1;
    if (r.checks.length) byLevel[r.level].covered += 1;
  }
  const observable = traceabilityV07.filter((t) => t.excluded === undefined);
  const statementCovered = observable.filter((t) => [...(t.checks ?? [])].some((id) => planned.has(id)));
  const statementUncovered = observable
    .filter((t) => !statementCovered.includes(t))
    .map((t) => ({ ...t, unchecked: [...(t.checks ?? [])] }));
  return {
    profile: "v0.7",
    rows: { total: rows.length, excluded, covered: covered.length, share: share(covered.length, rows.length - excluded), uncovered, byLevel },
    staleExclusions: covered.filter((r) => r.exclusion !== undefined).map((r) => r.id),
    statements: {
      total: traceabilityV07.length,
      excluded: traceabilityV07.length - observable.length,
      covered: statementCovered.length,
      share: share(statementCovered.length, observable.length),
      uncovered: statementUncovered,
    },
  };
}

function share(covered: number, of: number): number {
  return of === 0 ? 1 : covered / of;
}

export function renderCoverageV07(c: CoverageReportV07): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  const r = c.rows;
  const s = c.statements;
  const lines = [
    `v0.7 coverage: ${r.covered} of ${r.total} v0.7.md rows have a check in a v0.7 run; ${r.excluded} uncovered rows are excluded in writing; ${r.covered} of ${r.total - r.excluded} covered: ${pct(r.share)}`,
    `  by level: ${(Object.entries(r.byLevel) as Array<[string, { total: number; covered: number }]>).map(([level, n]) => `${level} ${n.covered}/${n.total}`).join(", ")}`,
    `v0.7 traceability: ${s.total} normative statements, ${s.excluded} excluded (not observable / policy / agent-side), ${s.covered} of ${s.total - s.excluded} covered by a planned check: ${pct(s.share)}`,
  ];
  if (r.uncovered.length) {
    lines.push("", `Uncovered rows (${r.uncovered.length}):`);
    for (const row of r.uncovered) {
      lines.push(`  ${row.id.padEnd(14)} ${row.level.padEnd(6)} ${row.title.length > 100 ? `${row.title.slice(0, 99)}…` : row.title}`);
      if (row.exclusion) lines.push(`  ${" ".repeat(22)}excluded: ${row.exclusion}`);
    }
  }
  if (s.uncovered.length) {
    lines.push("", `Uncovered statements (${s.uncovered.length}):`);
    for (const t of s.uncovered) {
      lines.push(`  ${t.id.padEnd(16)} ${t.source} ${t.section}: "${t.quote}"`);
      if (t.todo) lines.push(`  ${" ".repeat(16)} todo: ${t.todo}`);
      else if (t.unchecked.length) lines.push(`  ${" ".repeat(16)} names ids without a v0.7 check yet: ${t.unchecked.join(", ")}`);
    }
  }
  if (c.staleExclusions.length) lines.push("", `Excluded in writing but now checked (drop the exclusion): ${c.staleExclusions.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
