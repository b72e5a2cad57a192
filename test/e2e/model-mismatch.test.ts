import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../src/demo.ts";
import { tempDir } from "../support/cli.ts";

// A target that leaves the model of a registration's life is a finding (`fail` with evidence),
// never a harness error, even when the mismatch is in the registration that starts the life.
describe("FUZZ-MODEL-01 on a target that breaks the model", () => {
  it("reports an anonymous key issued with the post-claim scopes as fail, with the exchanges", async () => {
    const out = await tempDir("authmd-model-mismatch-");
    try {
      const { report, exitCode } = await runDemo({
        faults: ["anon-key-post-claim-scopes"],
        print: false,
        flags: { profile: "v0.1", out, seed: 5, only: ["FUZZ-MODEL-01"], mail: { waitMs: 3000 }, http: { maxRatePerSecond: 5_000 } },
      });
      const check = report.checks.find((c) => c.id === "FUZZ-MODEL-01");
      expect(check?.status).toBe("fail");
      expect(check?.message).toContain("post-claim scope");
      expect(check?.message).not.toMatch(/harness error/i);
      // The registration that broke the model is in the evidence.
      expect(check?.evidence.exchanges.some((e) => e.method === "POST" && e.url.endsWith("/agent/auth") && (e.responseBody ?? "").includes("post_claim_scopes"))).toBe(true);
      expect(exitCode).toBe(1);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
