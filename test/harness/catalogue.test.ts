import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/requirements/catalogue.ts";
import { repoRoot } from "../support/cli.ts";
import { CLAIM_IDS } from "./pinned/claim.ts";
import { DISCOVERY_IDS } from "./pinned/discovery.ts";
import { FUZZ_IDS } from "./pinned/fuzz.ts";
import { ID_JAG_IDS } from "./pinned/id-jag.ts";
import { RATE_LIMIT_IDS } from "./pinned/rate-limit.ts";
import { REVOCATION_IDS } from "./pinned/revocation.ts";

// Requirement ids are a public contract (baselines, dashboards). These lists pin them: a change
// there is a breaking change and must be deliberate.
const PINNED_IDS = [...DISCOVERY_IDS, ...ID_JAG_IDS, ...REVOCATION_IDS, ...CLAIM_IDS, ...FUZZ_IDS, ...RATE_LIMIT_IDS];

function suiteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? suiteFiles(full) : name.endsWith(".check.ts") ? [full] : [];
  });
}

describe("requirement catalogue", () => {
  it("pins the requirement ids", () => {
    expect(catalogue.map((r) => r.id)).toEqual(PINNED_IDS);
  });

  it("has unique ids, a level, a title and at least one source with a URL for every requirement", () => {
    expect(new Set(catalogue.map((r) => r.id)).size).toBe(catalogue.length);
    for (const r of catalogue) {
      expect(r.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*-\d{2}$/);
      expect(["MUST", "SHOULD", "MAY"]).toContain(r.level);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.url).toMatch(/^https:\/\//);
      expect(r.profiles.length).toBeGreaterThan(0);
    }
  });

  it("says for every requirement why it has its level (basis), and marks the suite's own readings", () => {
    for (const r of catalogue) {
      expect(r.basis.trim().length, r.id).toBeGreaterThan(30);
      expect(r.basis, r.id).not.toBe(r.title);
    }
    // Levels split or lowered by the source audit (issue 12): the refusal stays MUST, the code is SHOULD.
    const level = (id: string) => catalogue.find((r) => r.id === id)?.level;
    expect(level("IDJAG-TYP-02")).toBe("SHOULD");
    expect(level("IDJAG-CODE-01")).toBe("SHOULD");
    for (const id of ["IDJAG-ISS-01", "IDJAG-AUD-01", "IDJAG-AUD-04", "IDJAG-EXP-01", "IDJAG-NBF-01", "REV-05", "REV-11", "REV-12"]) expect(level(id), id).toBe("MUST");
    expect(catalogue.find((r) => r.id === "IDJAG-TYP-02")?.basis).toMatch(/conflict/i);
  });

  it("has exactly one check per requirement in the suites, and no check without a requirement", () => {
    // The v0.1 suites against the v0.1 catalogue (v0.7's: test/harness/profile-v07.test.ts).
    const declared = suiteFiles(path.join(repoRoot, "suites", "v0.1")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bcheck\(\s*"([A-Z0-9-]+)"/g)].map((m) => m[1]!),
    );
    expect([...declared].sort()).toEqual(catalogue.map((r) => r.id).sort());
  });
});
