import { describe, expect, it } from "vitest";
import { FAULTS_V07 } from "../../sample-service/v0_7/index.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// v0.7 fuzz properties: every switch of the v0.7 sample service that declares a FUZZ-* id fails
// that property, and fails it again with the same shrunk counterexample when the run is repeated
// with the printed --seed (two runs side by side).
/** Each property has at least one switch; the model has the brief's three (a pre-claim token that survives the claim, a wrong-account confirm that binds, a SET that leaves the registration minting). */
const PROPERTIES = ["FUZZ-MODEL-01", "FUZZ-UCODE-FORMAT-01", "FUZZ-UCODE-ENTROPY-01", "FUZZ-UCODE-WRONG-01", "FUZZ-UCODE-LOCK-01", "FUZZ-POLL-01", "FUZZ-BIND-01", "FUZZ-REVOKED-01", "FUZZ-MUTATE-01"];
// Input fuzzing (FUZZ-IN-*) replays in replay-v07-input.test.ts; the user_code brute force is an
// opt-in attack whose guesses follow the service's codes, so it has no seeded counterexample.
const CASES: [string, string][] = FAULTS_V07.flatMap((f) => f.requirementIds.filter((id) => PROPERTIES.includes(id)).map((id) => [id, f.name] as [string, string]));
const MODEL_FAULTS = ["v07-pre-claim-tokens-survive-claim", "v07-wrong-account-on-submit", "v07-revoked-registration-can-mint"];

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
  it("names a switch for every property, and the model's three", () => {
    for (const id of PROPERTIES) expect(CASES.some(([p]) => p === id), id).toBe(true);
    for (const fault of MODEL_FAULTS) expect(CASES, fault).toContainEqual(["FUZZ-MODEL-01", fault]);
  });

  it.each(CASES)("%s with %s: two runs with the same --seed fail with the same counterexample", async (id, fault) => {
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
