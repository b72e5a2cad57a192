import { describe, expect, it } from "vitest";
import { FAULTS } from "../../sample-service/index.ts";
import { catalogue, findRequirement } from "../../src/requirements/catalogue.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { judgeFault } from "../support/kill.ts";

// Every fault switch must fail exactly the requirement ids it declares (the suite's proof that
// each check can fail), and exit 1 when one of them is a MUST. To keep `npm test` inside its
// time budget each switch runs the checks of the flows it touches; `npm run test:mutants` runs
// the whole suite per switch and so also catches collateral damage across flows.
function flowScope(ids: readonly string[]): string[] {
  const flows = new Set(ids.map((id) => findRequirement(id)?.flow));
  return catalogue.filter((r) => flows.has(r.flow)).map((r) => r.id);
}

describe.concurrent("fault switches", () => {
  for (const fault of FAULTS) {
    it(`${fault.name} fails ${fault.requirementIds.join(", ")}`, async () => {
      const out = await tempDir();
      const only = flowScope(fault.requirementIds).join(",");
      const res = await runCli(["demo", "--fault", fault.name, "--only", only, "--out", out, "--seed", "7"], { timeoutMs: 300_000 });
      const report = await readReport(out);
      const verdict = judgeFault(report, fault.requirementIds);
      expect(verdict.survived, "declared ids that did not fail").toEqual([]);
      expect(verdict.collateral, "other checks that failed").toEqual([]);
      const breaksMust = fault.requirementIds.some((id) => findRequirement(id)?.level === "MUST");
      expect(res.code, res.stderr.slice(-300)).toBe(breaksMust ? 1 : 0);
    });
  }
});
