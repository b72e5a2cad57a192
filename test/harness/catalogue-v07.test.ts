import { describe, expect, it } from "vitest";
import { catalogue, findRequirement } from "../../src/requirements/catalogue.ts";
import {
  BASIS_KINDS,
  DELEGATED_ROWS,
  DISAGREEMENTS_V07,
  ID_REUSE,
  REMOVED_IN_V0_7,
  SHARED_WITH_V0_1,
  catalogueV07,
  profileIdsV07,
  rowIdsV07,
  traceabilityV07,
} from "../../src/requirements/v0_7/index.ts";
import { coverageReport, renderCoverage } from "../../src/requirements/coverage.ts";
import { traceCoverage } from "../../src/requirements/v0_1/traceability.ts";
import { V0_7_DELEGATED_ROWS, V0_7_IDS } from "./pinned/v0_7.ts";

// v0.7.md §16, per flow (id prefix): MUST, SHOULD, MAY. The rows delegated to shared v0.1 ids
// count here with the level v0.7.md gives them, so own entries + delegated rows = 136.
const SECTION_16: Record<string, [number, number, number]> = {
  DISC: [8, 5, 1], REG: [5, 1, 0], ANON: [4, 0, 1], IDJ: [10, 1, 0], AT: [5, 1, 0], STEP: [6, 2, 0], SA: [5, 1, 1],
  CLMEP: [13, 1, 0], TOK: [4, 1, 0], "TOK-JWTB": [6, 2, 0], "TOK-CLM": [7, 3, 1], REV7009: [4, 1, 1], SET: [11, 4, 0],
  API: [1, 1, 0], ERR: [4, 2, 0], PAGE: [8, 4, 0],
};

function flowGroup(id: string): string {
  if (id.startsWith("TOK-JWTB-")) return "TOK-JWTB";
  if (id.startsWith("TOK-CLM-")) return "TOK-CLM";
  return id.split("-")[0] ?? id;
}

const v01Ids = catalogue.map((r) => r.id);
const ownIds = catalogueV07.map((r) => r.id);
const profileIds = new Set(profileIdsV07());
const rowIds = new Set(rowIdsV07());

describe("v0.7 requirement catalogue", () => {
  it("pins the v0.7 ids and the rows delegated to shared v0.1 ids", () => {
    expect(ownIds).toEqual(V0_7_IDS);
    expect(Object.keys(DELEGATED_ROWS)).toEqual(V0_7_DELEGATED_ROWS);
  });

  it("accounts for every v0.7.md row once: the §16 counts per flow and level, 136 in all", () => {
    const counts: Record<string, [number, number, number]> = {};
    // The fuzz properties (issue 16) restate rows as properties: no v0.7.md row of their own.
    const rows = [
      ...catalogueV07.filter((r) => r.flow !== "fuzz").map((r) => ({ id: r.id, level: r.level })),
      ...Object.entries(DELEGATED_ROWS).map(([id, row]) => ({ id, level: row.level })),
    ];
    for (const { id, level } of rows) {
      const c = (counts[flowGroup(id)] ??= [0, 0, 0]);
      c[["MUST", "SHOULD", "MAY"].indexOf(level)]! += 1;
    }
    expect(counts).toEqual(SECTION_16);
    expect(rows).toHaveLength(136);
    expect([...rowIds].filter((id) => !catalogueV07.some((r) => r.id === id && r.flow === "fuzz"))).toHaveLength(136);
  });

  it("has unique ids, v0.7 profile only, sources with URLs and a basis of a known kind on every entry", () => {
    expect(new Set(ownIds).size).toBe(ownIds.length);
    for (const r of catalogueV07) {
      expect(r.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*-\d{2}$/);
      expect(r.profiles).toEqual(["v0.7"]);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.url).toMatch(/^https:\/\//);
      expect(r.basis.trim().length).toBeGreaterThan(20);
      expect(BASIS_KINDS.some((kind) => r.basis.startsWith(kind)), `${r.id} basis kind`).toBe(true);
      for (const actor of r.actors) expect(["A", "P", "U", "T"]).toContain(actor);
    }
    for (const [id, row] of Object.entries(DELEGATED_ROWS)) {
      expect(BASIS_KINDS.some((kind) => row.basis.startsWith(kind)), `${id} basis kind`).toBe(true);
    }
  });

  it("never grades MUST on a conflict basis: an RFC stricter than the docs, or a rule the reference breaks, is SHOULD or MAY", () => {
    const conflicts = catalogueV07.filter((r) => r.basis.startsWith("(conflict"));
    expect(conflicts.length).toBeGreaterThan(0);
    for (const r of conflicts) expect(r.level, r.id).not.toBe("MUST");
  });

  it("backs each basis kind with a source of that kind", () => {
    const all = [...catalogueV07.map((r) => ({ id: r.id, basis: r.basis, specs: r.sources.map((s) => s.spec) }))];
    for (const { id, basis, specs } of all) {
      // BCP 14 comes from an RFC or the ID-JAG draft: the auth.md documents use no upper-case keyword.
      if (basis.startsWith("BCP 14:")) expect(specs.some((spec) => /^RFC \d+|^draft-/.test(spec)), id).toBe(true);
      // A "(reference)" reading rests on the changelog, the reference code or a commit message.
      if (basis.startsWith("(reference)")) expect(specs.some((spec) => /^CHANGELOG|^reference service code|^commit /.test(spec)), id).toBe(true);
    }
  });

  it("keeps the v0.1 runner unchanged: no v0.7 entry in the global catalogue", () => {
    for (const r of catalogue) expect(r.profiles).not.toContain("v0.7");
    // The only v0.7 ids the global catalogue knows are the reused spellings, each a v0.1 rule.
    expect(ownIds.filter((id) => findRequirement(id) !== undefined)).toEqual([...ID_REUSE]);
  });

  it("shares only v0.1 ids that exist, never one a v0.7 entry spells, and says what each implements", () => {
    for (const [id, shared] of Object.entries(SHARED_WITH_V0_1)) {
      expect(findRequirement(id), id).toBeDefined();
      expect(ownIds, id).not.toContain(id);
      for (const row of shared.rows) expect(rowIds.has(row), `${id} → ${row}`).toBe(true);
      if (!shared.unchanged) expect(shared.change?.length ?? 0, id).toBeGreaterThan(10);
      if (shared.rows.length === 0) expect(id).toMatch(/^IDJAG-/); // carried by the §4 preamble only
    }
    for (const row of Object.keys(DELEGATED_ROWS)) {
      const implementers = Object.entries(SHARED_WITH_V0_1).filter(([, s]) => s.rows.includes(row));
      expect(implementers.length, `${row} has no shared v0.1 id`).toBeGreaterThan(0);
    }
  });

  it("puts every v0.1 id in exactly one of shared and removed, with a reason and existing replacements", () => {
    const shared = Object.keys(SHARED_WITH_V0_1);
    const removed = Object.keys(REMOVED_IN_V0_7);
    expect(shared.filter((id) => removed.includes(id))).toEqual([]);
    expect([...shared, ...removed].sort()).toEqual([...v01Ids].sort());
    for (const [id, r] of Object.entries(REMOVED_IN_V0_7)) {
      expect(r.reason.length, id).toBeGreaterThan(10);
      for (const by of r.replacedBy) expect(profileIds.has(by), `${id} → ${by}`).toBe(true);
    }
    for (const r of catalogueV07) {
      for (const id of r.replacesV01 ?? []) expect(REMOVED_IN_V0_7[id], `${r.id} replaces ${id}`).toBeDefined();
    }
  });

  it("lists the id reuse exactly: v0.7 entries whose id spells a (removed) v0.1 rule", () => {
    expect(ownIds.filter((id) => v01Ids.includes(id))).toEqual([...ID_REUSE]);
    for (const id of ID_REUSE) expect(REMOVED_IN_V0_7[id], id).toBeDefined();
  });

  it("names P1–P19, each with a parameter, a default and existing ids, consistent with the entries", () => {
    expect(DISAGREEMENTS_V07.map((d) => d.id)).toEqual(Array.from({ length: 19 }, (_, i) => `P${i + 1}`));
    for (const d of DISAGREEMENTS_V07) {
      expect(d.conflict.length).toBeGreaterThan(20);
      expect(d.parameter.length).toBeGreaterThan(0);
      expect(d.default.length).toBeGreaterThan(0);
      expect(d.affects.length).toBeGreaterThan(0);
      for (const id of d.affects) expect(profileIds.has(id), `${d.id} → ${id}`).toBe(true);
    }
    for (const r of catalogueV07) {
      for (const p of r.disagreements ?? []) {
        expect(DISAGREEMENTS_V07.find((d) => d.id === p)?.affects, `${r.id} names ${p}`).toContain(r.id);
      }
    }
    for (const d of DISAGREEMENTS_V07) {
      for (const id of d.affects) {
        const entry = catalogueV07.find((r) => r.id === id);
        if (entry) expect(entry.disagreements, `${d.id} affects ${id}`).toContain(d.id);
      }
    }
  });

  it("traces statements to existing profile ids only, each statement mapped, excluded or todo", () => {
    expect(new Set(traceabilityV07.map((t) => t.id)).size).toBe(traceabilityV07.length);
    for (const t of traceabilityV07) {
      const kinds = [t.checks?.length ? 1 : 0, t.excluded ? 1 : 0, t.todo ? 1 : 0].reduce((a, b) => a + b, 0);
      expect(kinds, t.id).toBe(1);
      for (const id of t.checks ?? []) expect(profileIds.has(id), `${t.id} → ${id}`).toBe(true);
    }
    const coverage = traceCoverage(traceabilityV07);
    expect(coverage.covered).toBeGreaterThan(0);
    expect(coverage.uncovered.every((t) => t.todo !== undefined)).toBe(true);
  });

  it("renders a v0.7 coverage report with the profile's ids known (what `requirements --profile v0.7 --coverage` will print)", () => {
    const report = coverageReport(traceabilityV07, { profile: "v0.7", isKnown: (id) => profileIds.has(id) });
    expect(report.unknownIds).toEqual([]);
    expect(report.profile).toBe("v0.7");
    expect(renderCoverage(report)).toMatch(/^v0\.7 traceability: \d+ normative statements/);
    // The same statements judged against the v0.1 catalogue name the v0.7 ids as unknown.
    expect(coverageReport(traceabilityV07).unknownIds.length).toBeGreaterThan(0);
  });
});
