import { coverageOfProfile } from "../../src/requirements/catalogue.ts";
import { describe, expect, it } from "vitest";
import { CHECKED_V07 } from "../../src/profiles/v0_7/checked.ts";
import { coverageReportV07, renderCoverageV07, rowsV07 } from "../../src/requirements/v0_7/coverage.ts";
import { rowIdsV07 } from "../../src/requirements/v0_7/index.ts";
import { UNCHECKED_ROWS_V07 } from "../../src/requirements/v0_7/unchecked-rows.ts";
import { runCli } from "../support/cli.ts";

// `requirements --profile v0.7 --coverage`: the v0.7.md rows (136) and the v0.7 traceability
// statements, covered by the checks a v0.7 run plans.

describe("v0.7 coverage", () => {
  it("counts every v0.7.md row once: 136, 101 MUST, 30 SHOULD, 5 MAY", () => {
    const rows = rowsV07();
    expect(rows.map((r) => r.id).sort()).toEqual([...rowIdsV07()].sort());
    const c = coverageReportV07();
    expect(c.rows.total).toBe(136);
    expect(c.rows.byLevel).toMatchObject({ MUST: { total: 101 }, SHOULD: { total: 30 }, MAY: { total: 5 } });
  });

  it("covers exactly the rows whose check is planned", () => {
    const c = coverageReportV07();
    const rowIds = new Set(rowIdsV07());
    // Own rows through their ids, delegated rows through shared v0.1 ids, ERR-06 through the fuzz property that restates it.
    expect(c.rows.covered).toBeGreaterThan(CHECKED_V07.filter((id) => rowIds.has(id)).length);
    expect(c.rows.covered).toBe(coverageOfProfile("v0.7").checked);
    expect(c.rows.uncovered.find((r) => r.id === "ERR-06")).toBeUndefined();
    expect(rowsV07().find((r) => r.id === "ERR-06")?.checks).toEqual(["FUZZ-IN-ECHO-01"]);
    expect(c.rows.uncovered.some((r) => CHECKED_V07.includes(r.id))).toBe(false);
    expect(c.rows.covered + c.rows.uncovered.length).toBe(136);
  });

  it("covers a delegated row through a shared v0.1 id, and an own row only through its id", () => {
    const none = coverageReportV07(new Set());
    expect(none.rows.covered).toBe(0);
    const withSig = coverageReportV07(new Set(["SIG-01", "REG-01"]));
    expect(withSig.rows.covered).toBe(2);
    expect(rowsV07(new Set(["SIG-01"])).find((r) => r.id === "IDJ-04")?.checks).toEqual(["SIG-01"]);
    // A traceability statement counts once one of its named checks is planned.
    expect(withSig.statements.covered).toBeGreaterThan(0);
    expect(none.statements.covered).toBe(0);
  });

  it("shows the written exclusion next to an uncovered row, leaves it out of the share, and flags it once a check exists", () => {
    for (const id of Object.keys(UNCHECKED_ROWS_V07)) expect(rowIdsV07(), id).toContain(id);
    const none = coverageReportV07(new Set());
    expect(none.rows.excluded).toBe(Object.keys(UNCHECKED_ROWS_V07).length);
    expect(none.rows.share).toBe(0);
    const text = renderCoverageV07(none);
    expect(text).toMatch(/^ {2}SA-07 .*\n {24}excluded: not observable black-box/m);
    const stale = coverageReportV07(new Set(["SA-07"]));
    expect(stale.staleExclusions).toEqual(["SA-07"]);
    expect(renderCoverageV07(stale)).toContain("Excluded in writing but now checked (drop the exclusion): SA-07");
  });

  it("prints the share on the CLI, and JSON with --json", async () => {
    const c = coverageReportV07();
    const text = await runCli(["requirements", "--profile", "v0.7", "--coverage"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`v0.7 coverage: ${c.rows.covered} of 136 v0.7.md rows have a check in a v0.7 run`);
    expect(text.stdout).toContain(`Uncovered rows (${c.rows.uncovered.length}):`);
    const json = await runCli(["requirements", "--profile", "v0.7", "--coverage", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ profile: "v0.7", rows: { total: 136, covered: c.rows.covered } });
    // Without --profile (or with v0.1) it stays the v0.1 traceability.
    const v01 = await runCli(["requirements", "--coverage"]);
    expect(v01.stdout).toMatch(/^v0\.1 traceability:/);
  });
});
