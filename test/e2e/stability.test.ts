import { describe, expect, it } from "vitest";
import { cleanRuns } from "../mutants/stability.ts";

// The short form of `npm run test:stability`: consecutive clean runs with random seeds all pass.
describe("no false failures", () => {
  it("the clean demo passes on consecutive runs with random seeds", async () => {
    const results = await cleanRuns(2);
    expect(results.map((r) => ({ seed: r.seed, exit: r.exitCode, notPassing: r.notPassing }))).toEqual(
      results.map((r) => ({ seed: r.seed, exit: 0, notPassing: [] })),
    );
  }, 300_000);
});
