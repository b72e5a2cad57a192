import { describe, expect, it } from "vitest";
import { VARIANTS } from "../../sample-service/index.ts";
import { catalogue, matchesIdGlob } from "../../src/requirements/catalogue.ts";

// A fastScope glob that matches no requirement runs nothing and proves nothing (id globs know
// only * and ?: "REV-0[4-9]" silently matched no id).
describe("tolerance variants' fast scopes", () => {
  it.each(VARIANTS.filter((v) => v.fastScope.length > 0).map((v) => [v.name, v] as const))("%s: every glob names at least one requirement", (_name, variant) => {
    for (const glob of variant.fastScope) {
      expect(catalogue.some((r) => matchesIdGlob(r.id, [glob])), glob).toBe(true);
    }
  });
});
