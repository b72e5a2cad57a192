import { beforeAll, describe, expect, it } from "vitest";
import { FAULTS } from "../../sample-service/index.ts";
import { type MatrixRow, runMatrix } from "../mutants/kill-matrix.ts";

// Every fault switch must fail exactly the requirement ids it declares (the suite's proof that
// each check can fail), exit 1 when one of them is a MUST, and the clean service must pass
// everything. To stay inside npm test's time budget each switch runs the checks of the flows it
// touches; `npm run test:mutants` runs the whole suite per switch (collateral across flows too).
let rows: Map<string, MatrixRow>;

beforeAll(async () => {
  rows = new Map((await runMatrix(2, "flow")).map((r) => [r.fault, r]));
}, 1_500_000);

describe("kill matrix", () => {
  it("the clean sample service passes every check", () => {
    expect(rows.get("(clean)")).toMatchObject({ verdict: "killed", failed: [], exitCode: 0 });
  });

  for (const fault of FAULTS) {
    it(`${fault.name} fails exactly ${fault.requirementIds.join(", ")}`, () => {
      const row = rows.get(fault.name);
      expect(row, "no result").toBeDefined();
      expect({ verdict: row!.verdict, detail: row!.detail }).toEqual({ verdict: "killed", detail: "" });
    });
  }
});
