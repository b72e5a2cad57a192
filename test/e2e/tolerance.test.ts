import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../sample-service/index.ts";
import { VARIANTS_V07 } from "../../sample-service/v0_7/index.ts";
import { runDemo } from "../../src/demo.ts";
import { tempDir } from "../support/cli.ts";
import { runVariant } from "../tolerance/tolerance-matrix.ts";
import { problemsV07, runVariantV07 } from "../tolerance/v07.ts";

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

// The v0.7 half: every v0.7 variant runs its fast scope (the planned checks its globs name, else
// the whole v0.7 suite); every check must pass or skip, except the SHOULDs the variant declares.
describe("tolerance matrix v0.7 (fast subset)", () => {
  it.each(VARIANTS_V07.map((v) => [v.name, v] as const))("%s: no false finding", async (_name, variant) => {
    const row = await runVariantV07(variant, "fast");
    expect(row.problems, row.problems.join("\n")).toEqual([]);
    expect(row.verdict).toBe("conformant");
    expect(row.exitCodes).toEqual([0]);
  });

  it("sees a false finding when the harness is not told what the variant expects (aud = resource, config audience: issuer)", async () => {
    const out = await tempDir("authmd-tolerance-v07-");
    const { report, exitCode } = await runDemo({ faults: [], variants: ["v07-aud-resource-reading"], print: false, flags: { profile: "v0.7", audience: "issuer", out, only: ["IDJ-02"] } });
    expect(problemsV07(report, [])).toEqual([expect.stringMatching(/^IDJ-02 MUST \(fail/)]);
    expect(exitCode).toBe(1);
  });
});

describe("audience: auto on v0.7 (§15 P1)", () => {
  it("learns the PRM resource reading when the target refuses the issuer and accepts the resource", async () => {
    const out = await tempDir("authmd-tolerance-v07-");
    const { report, exitCode } = await runDemo({ faults: [], variants: ["v07-aud-resource-reading"], print: false, flags: { profile: "v0.7", audience: "auto", out, only: ["IDJ-02", "IDJ-11", "AT-01", "SET-01", "SET-05"] } });
    expect(problemsV07(report, [])).toEqual([]);
    expect(report.checks).toHaveLength(5);
    expect(report.checks.some((c) => c.evidence.notes?.some((n) => /aud = the PRM resource .*audience: auto/.test(n)))).toBe(true);
    expect(exitCode).toBe(0);
  });
});
