import { describe, expect, it } from "vitest";
import { FAULTS_V07 } from "../../sample-service/v0_7/index.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// v0.7 fuzz properties: each one, failed by its own fault switch, fails again with the same
// shrunk counterexample when the run is repeated with the printed --seed (two runs side by side).
const PROPERTY_FAULTS: Record<string, string> = {
  "FUZZ-MODEL-01": "v07-pre-claim-tokens-survive-claim",
  "FUZZ-UCODE-FORMAT-01": "v07-user-code-five-digits",
  "FUZZ-UCODE-ENTROPY-01": "v07-user-code-sequential",
  "FUZZ-UCODE-WRONG-01": "v07-user-code-last-digit-ignored",
  "FUZZ-UCODE-LOCK-01": "v07-wrong-code-limit-missing",
  "FUZZ-POLL-01": "v07-slow-down-never-sent",
  "FUZZ-BIND-01": "v07-user-code-any-registration",
  "FUZZ-REVOKED-01": "v07-revoked-registration-can-mint",
  "FUZZ-MUTATE-01": "v07-set-unknown-event-revokes",
};

/** The model's other switches (the brief's examples): a wrong-account confirm that binds, a SET that leaves the registration minting. */
const MODEL_FAULTS = ["v07-wrong-account-on-submit", "v07-revoked-registration-can-mint"];

const SEED = "20240605";

async function twice(id: string, fault: string) {
  const runs = await Promise.all(
    [0, 1].map(async () => {
      const out = await tempDir();
      const res = await runCli(["demo", "--profile", "v0.7", "--fault", fault, "--only", id, "--seed", SEED, "--out", out], { timeoutMs: 120_000 });
      const check = (await readReport(out)).checks.find((c) => c.id === id)!;
      return { code: res.code, status: check.status, message: check.message, counterexample: check.evidence.data?.counterexample, seed: check.evidence.data?.seed };
    }),
  );
  return runs;
}

describe.sequential("v0.7 fuzz replay", () => {
  it("names a switch of the v0.7 sample service for every property, each declaring that property", () => {
    for (const [id, fault] of Object.entries(PROPERTY_FAULTS)) expect(FAULTS_V07.find((f) => f.name === fault)?.requirementIds, fault).toContain(id);
    for (const fault of MODEL_FAULTS) expect(FAULTS_V07.find((f) => f.name === fault)?.requirementIds, fault).toContain("FUZZ-MODEL-01");
  });

  const cases = [...Object.entries(PROPERTY_FAULTS), ...MODEL_FAULTS.map((f) => ["FUZZ-MODEL-01", f] as [string, string])];
  it.each(cases)("%s with %s: two runs with the same --seed fail with the same counterexample", async (id, fault) => {
    const [a, b] = await twice(id, fault);
    // fail for a MUST, warn for a SHOULD.
    expect(["fail", "warn"], `${id}: ${a!.message}`).toContain(a!.status);
    expect(a!.message).not.toMatch(/^Not testable/);
    expect(a!.seed).toBe(Number(SEED));
    expect(a!.message).toContain(`--seed ${SEED}`);
    expect(a!.counterexample).toBeDefined();
    expect({ status: b!.status, counterexample: b!.counterexample }).toEqual({ status: a!.status, counterexample: a!.counterexample });
  }, 240_000);
});
