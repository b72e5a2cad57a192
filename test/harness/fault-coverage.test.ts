import { describe, expect, it } from "vitest";
import { FAULTS } from "../../sample-service/index.ts";
import { EXCUSED_REQUIREMENTS } from "../../sample-service/faults/excused.ts";
import { catalogue, findRequirement } from "../../src/requirements/catalogue.ts";

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
});
