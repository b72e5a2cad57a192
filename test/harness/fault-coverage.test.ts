import { describe, expect, it } from "vitest";
import { FAULTS } from "../../sample-service/index.ts";
import { EXCUSED_REQUIREMENTS } from "../../sample-service/faults/excused.ts";
import { catalogue, findRequirement } from "../../src/requirements/catalogue.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";
import { judgeFault } from "../support/kill.ts";

describe("fault switches and the catalogue", () => {
  it("every fault switch names existing requirement ids", () => {
    for (const fault of FAULTS) {
      expect(fault.requirementIds.length, fault.name).toBeGreaterThan(0);
      for (const id of fault.requirementIds) expect(findRequirement(id), `${fault.name} → ${id}`).toBeDefined();
    }
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
  });

  it("every requirement is named by a fault switch or excused in writing", () => {
    const named = new Set(FAULTS.flatMap((f) => f.requirementIds));
    const uncovered = catalogue.filter((r) => !named.has(r.id) && !EXCUSED_REQUIREMENTS[r.id]).map((r) => r.id);
    expect(uncovered).toEqual([]);
    for (const [id, reason] of Object.entries(EXCUSED_REQUIREMENTS)) {
      expect(findRequirement(id), id).toBeDefined();
      expect(reason.length, id).toBeGreaterThan(20);
    }
  });

  it("declares downstream failures (alsoFails) as existing ids outside the switch's own, with a reason", () => {
    for (const fault of FAULTS.filter((f) => f.alsoFails)) {
      for (const id of fault.alsoFails!.ids) {
        expect(findRequirement(id), `${fault.name} → ${id}`).toBeDefined();
        expect(fault.requirementIds, fault.name).not.toContain(id);
      }
      expect(fault.alsoFails!.why.length, fault.name).toBeGreaterThan(20);
    }
  });

  it("declares failures by chance (mayAlsoFail) as existing ids outside the switch's own and its alsoFails, with a reason", () => {
    for (const fault of FAULTS.filter((f) => f.mayAlsoFail)) {
      for (const id of fault.mayAlsoFail!.ids) {
        expect(findRequirement(id), `${fault.name} → ${id}`).toBeDefined();
        expect([...fault.requirementIds, ...(fault.alsoFails?.ids ?? [])], fault.name).not.toContain(id);
      }
      expect(fault.mayAlsoFail!.why.length, fault.name).toBeGreaterThan(20);
    }
  });
});

describe("judging a fault switch", () => {
  const report = fakeReport([
    fakeCheck({ id: "A", status: "fail", message: "broken" }),
    fakeCheck({ id: "B", status: "fail", message: "downstream" }),
    fakeCheck({ id: "C", status: "fail", message: "Not testable: needs A" }),
    fakeCheck({ id: "D", status: "pass" }),
    fakeCheck({ id: "E", status: "blocked", blockedBy: "claim-mail", message: "Blocked by claim-mail: no mail" }),
  ]);

  it("accepts the declared ids, declared downstream ids, Not testable and blocked dependants", () => {
    expect(judgeFault(report, ["A"], ["B"])).toEqual({ survived: [], collateral: [], stale: [] });
  });

  it("a declared id that is only blocked survives: its own rule did not catch the fault", () => {
    expect(judgeFault(report, ["A", "E"], ["B"]).survived).toEqual(["E"]);
  });

  it("allows an id declared as failing by chance, without requiring it", () => {
    expect(judgeFault(report, ["A"], [], ["B"])).toEqual({ survived: [], collateral: [], stale: [] });
    expect(judgeFault(report, ["A"], ["B"], ["D"]).stale).toEqual([]);
  });

  it("names survivors, collateral failures and downstream declarations that passed", () => {
    const verdict = judgeFault(report, ["A", "D"], ["D"]);
    expect(verdict.survived).toEqual(["D"]);
    expect(verdict.collateral).toEqual(["B (fail: downstream)"]);
    expect(verdict.stale).toEqual(["D"]);
  });
});
