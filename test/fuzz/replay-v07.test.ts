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

/**
 * Switches that make another property untestable when on together (five-digit codes leave the
 * entropy property no well-formed code to sample): they run in a service of their own.
 */
const ISOLATED = ["v07-user-code-five-digits"];

/** The groups: every other switch in one service, each isolated one alone, with the properties they name. */
function groups(): { faults: string[]; ids: string[] }[] {
  const isolated = ISOLATED.map((fault) => ({ faults: [fault], ids: [...new Set(CASES.filter(([, f]) => f === fault).map(([id]) => id))] }));
  const rest = CASES.filter(([, f]) => !ISOLATED.includes(f));
  return [{ faults: [...new Set(rest.map(([, f]) => f))], ids: [...new Set(rest.map(([id]) => id))] }, ...isolated];
}

/** Two runs side by side with a group's switches on, and only its properties: the same --seed. */
async function twice(group: { faults: string[]; ids: string[] }) {
  return Promise.all(
    [0, 1].map(async () => {
      const out = await tempDir();
      const res = await runCli(["demo", "--profile", "v0.7", ...group.faults.flatMap((f) => ["--fault", f]), "--only", group.ids.join(","), "--seed", SEED, "--out", out], { timeoutMs: 240_000 });
      const checks = (await readReport(out)).checks;
      return {
        code: res.code,
        byId: new Map(checks.map((c) => [c.id, { status: c.status, message: c.message, counterexample: c.evidence.data?.counterexample, seed: c.evidence.data?.seed }])),
      };
    }),
  );
}

describe.sequential("v0.7 fuzz replay", () => {
  it("names a switch for every property, and the model's three", () => {
    for (const id of PROPERTIES) expect(CASES.some(([p]) => p === id), id).toBe(true);
    for (const fault of MODEL_FAULTS) expect(CASES, fault).toContainEqual(["FUZZ-MODEL-01", fault]);
  });

  // Services with the properties' switches on together (each switch alone is judged by the kill
  // matrix, npm run test:mutants): every property fails, and a second run with the same --seed
  // fails it with the same shrunk counterexample.
  it("every property fails with a shrunk counterexample and the seed, and the same --seed replays it", async () => {
    const judged = new Set<string>();
    for (const group of groups()) {
      const [a, b] = await twice(group);
      expect(a!.code, group.faults.join(",")).toBe(1);
      for (const id of group.ids) {
        const first = a!.byId.get(id);
        const second = b!.byId.get(id);
        expect(first, id).toBeDefined();
        // fail for a MUST, warn for a SHOULD.
        expect(["fail", "warn"], `${id}: ${first!.message}`).toContain(first!.status);
        expect(first!.message, id).not.toMatch(/^Not testable/);
        expect(first!.seed, id).toBe(Number(SEED));
        expect(first!.message, id).toContain(`--seed ${SEED}`);
        expect(first!.counterexample, id).toBeDefined();
        expect({ status: second?.status, counterexample: second?.counterexample }, id).toEqual({ status: first!.status, counterexample: first!.counterexample });
        judged.add(id);
      }
    }
    expect([...judged].sort()).toEqual([...PROPERTIES].sort());
  }, 300_000);
});
