import { describe, expect, it } from "vitest";
import { LINT_RULES } from "../../src/lint/types.ts";
import { findRequirement } from "../../src/requirements/catalogue.ts";
import { coverageReport, renderCoverage } from "../../src/requirements/coverage.ts";
import { traceCoverage, traceabilityV01 } from "../../src/requirements/v0_1/traceability.ts";

describe("v0.1 traceability", () => {
  it("names only check ids that exist in the catalogue", () => {
    const named = [...new Set(traceabilityV01.flatMap((t) => t.checks ?? []))];
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((id) => !findRequirement(id))).toEqual([]);
  });

  it("names only lint rules the linter has", () => {
    const lint = new Set<string>(LINT_RULES);
    expect(traceabilityV01.flatMap((t) => t.lint ?? []).filter((r) => !lint.has(r))).toEqual([]);
  });

  it("has unique statement ids, each with a quote and exactly one of covered / excluded / todo", () => {
    const ids = traceabilityV01.map((t) => t.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const t of traceabilityV01) {
      const covered = (t.checks?.length ?? 0) + (t.lint?.length ?? 0) > 0;
      const kinds = [covered, t.excluded !== undefined, t.todo !== undefined].filter(Boolean).length;
      expect(kinds, t.id).toBe(1);
      expect(t.quote.length, t.id).toBeGreaterThan(5);
      expect(t.section.length, t.id).toBeGreaterThan(0);
    }
  });

  it("covers every statement of the three v0.1 documents", () => {
    const sources = new Set(traceabilityV01.map((t) => t.source));
    for (const doc of ["AUTH.md", "agent-services/README.md", "agent-providers/README.md"]) expect(sources.has(doc)).toBe(true);
  });

  it("computes covered / (total − excluded) and lists what is uncovered", () => {
    const c = traceCoverage([
      { id: "X-1", source: "s", section: "1", quote: "covered one", checks: ["DISC-PRM-01"] },
      { id: "X-2", source: "s", section: "1", quote: "excluded one", excluded: "policy" },
      { id: "X-3", source: "s", section: "1", quote: "pending one", todo: "later" },
    ]);
    expect(c).toMatchObject({ total: 3, excluded: 1, covered: 1, share: 0.5 });
    expect(c.uncovered.map((t) => t.id)).toEqual(["X-3"]);
    const text = renderCoverage(coverageReport());
    expect(text).toMatch(/^v0\.1 traceability: \d+ normative statements, \d+ excluded .*covered: \d+\.\d%/);
    expect(coverageReport().unknownIds).toEqual([]);
  });
});
