import { describe, expect, it } from "vitest";
import { FAULTS } from "../../sample-service/index.ts";
import { findRequirement } from "../../src/requirements/catalogue.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { judgeFault } from "../support/kill.ts";

// Every fault switch must fail exactly the requirement ids it declares (the suite's proof that
// each check can fail), and exit 1 when one of them is a MUST.
describe.concurrent("fault switches", () => {
  for (const fault of FAULTS) {
    it(`${fault.name} fails ${fault.requirementIds.join(", ")}`, async () => {
      const out = await tempDir();
      const res = await runCli(["demo", "--fault", fault.name, "--out", out, "--seed", "7"], { timeoutMs: 300_000 });
      const report = await readReport(out);
      const verdict = judgeFault(report, fault.requirementIds);
      expect(verdict.survived, "declared ids that did not fail").toEqual([]);
      expect(verdict.collateral, "other checks that failed").toEqual([]);
      const breaksMust = fault.requirementIds.some((id) => findRequirement(id)?.level === "MUST");
      expect(res.code).toBe(breaksMust ? 1 : 0);
    });
  }
});
