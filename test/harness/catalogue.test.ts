import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/requirements/catalogue.ts";
import { repoRoot } from "../support/cli.ts";

// Requirement ids are a public contract (baselines, dashboards). This list pins them: a change
// here is a breaking change and must be deliberate.
const PINNED_IDS = [
  "DISC-AUTHMD-01", "DISC-AUTHMD-02", "DISC-AUTHMD-03", "DISC-AUTHMD-04", "DISC-AUTHMD-05",
  "DISC-PRM-01", "DISC-PRM-02", "DISC-PRM-03", "DISC-PRM-04", "DISC-PRM-05",
  "DISC-AS-01", "DISC-AS-02", "DISC-AS-03",
  "DISC-AA-01", "DISC-AA-02", "DISC-AA-03", "DISC-AA-04", "DISC-AA-05",
  "DISC-401-01", "DISC-401-02", "DISC-401-03", "DISC-401-04",
  "DISC-EP-01",
];

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

  it("has exactly one check per requirement in the suites, and no check without a requirement", () => {
    const declared = suiteFiles(path.join(repoRoot, "suites")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bcheck\(\s*"([A-Z0-9-]+)"/g)].map((m) => m[1]!),
    );
    expect([...declared].sort()).toEqual(catalogue.map((r) => r.id).sort());
  });
});
