import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../sample-service/index.ts";
import { runVariant } from "../tolerance/tolerance-matrix.ts";

// The fast subset of the tolerance matrix: each variant that names a fastScope runs those checks,
// and no MUST may fail on it. `npm run test:tolerance` runs every variant against the whole suite.
describe("tolerance matrix (fast subset)", () => {
  it("holds at least ten conformant variants, each with a fast subset for npm test", () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(10);
    for (const v of VARIANTS) expect(v.fastScope.length, v.name).toBeGreaterThan(0);
  });

  it("names each variant once, with a description", () => {
    const names = VARIANTS.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const v of VARIANTS) expect(v.description.length, v.name).toBeGreaterThan(20);
  });

  it.each(VARIANTS.filter((v) => v.fastScope.length > 0).map((v) => [v.name, v] as const))("%s passes every MUST", async (_name, variant) => {
    const row = await runVariant(variant, "fast");
    expect(row.problems, row.problems.join("\n")).toEqual([]);
    expect(row.verdict).toBe("conformant");
    // Back-to-back variants (runs > 1) really ran that often, and "conformant" means identical statuses.
    expect(row.exitCodes).toHaveLength(variant.runs);
  });

  it("single-trusted-issuer: the checks that need two trusted issuers are skipped, with the reason", async () => {
    const variant = VARIANTS.find((v) => v.name === "single-trusted-issuer")!;
    const row = await runVariant({ ...variant, fastScope: ["SIG-10", "REV-03", "RPL-03"] }, "fast");
    expect(row.verdict).toBe("conformant");
    expect(row.skipped.map((s) => s.slice(0, 6)).sort()).toEqual(["REV-03", "RPL-03", "SIG-10"]);
    for (const s of row.skipped) expect(s).toContain("needs two trusted issuers");
  });
});
