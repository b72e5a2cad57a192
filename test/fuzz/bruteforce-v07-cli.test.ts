import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// v0.7 --prove-otp-bruteforce (FUZZ-UC-BRUTE-01): the user_code guessed at the claim form action,
// signed in as the account the ceremony names. The whole 10^6 space takes minutes, so the "falls"
// case uses v07-user-code-bruteforceable (a 1,000-code generator and no wrong-code limit): the
// guess order learns the bias from the harness's own ceremonies and tries the likely codes first.
describe("v0.7 --prove-otp-bruteforce", () => {
  it("takes the ceremony when the form action has no limit, confirmed by the agent's poll", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.7", "--fault", "v07-user-code-bruteforceable", "--prove-otp-bruteforce", "--only", "FUZZ-UC-BRUTE-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    expect(res.stdout).toMatch(/ATTACK MODE \(--prove-otp-bruteforce\)/);
    const check = (await readReport(out)).checks[0]!;
    // A SHOULD: warn, not fail.
    expect(check.status).toBe("warn");
    expect(check.message).toMatch(/(Exploitable: at \d+ guesses\/s the whole space \(\d+ s\) fits|Claimed, but not proven exploitable: the claim fell after \d+ guesses)/);
    const proof = check.evidence.data?.bruteforce as { fell: boolean; confirmation: string; learntFromCodes: number; codeLifetimeSeconds: number; budget: { rateLimit: string } };
    expect(proof.fell).toBe(true);
    expect(proof.confirmation).toMatch(/^the claim grant answered 200 with an access_token/);
    expect(proof.learntFromCodes).toBeGreaterThan(0);
    expect(proof.codeLifetimeSeconds).toBeGreaterThan(0);
    expect(proof.budget.rateLimit).toBe("none");
    expect(check.evidence.data?.seed).toBe(7);
  });

  it("reports the lockout against the clean service", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.7", "--prove-otp-bruteforce", "--only", "FUZZ-UC-BRUTE-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("pass");
    const proof = check.evidence.data?.bruteforce as { fell: boolean; stoppedBy: string; stopAnswer: string; wrongAnswer: string };
    expect(proof.fell).toBe(false);
    expect(proof.stoppedBy).toBe("locked");
    expect(proof.wrongAnswer).toMatch(/^401/);
    expect(proof.stopAnswer).toMatch(/^429/);
    expect(res.code).toBe(0);
  });

  it("is never on by default", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.7", "--only", "FUZZ-UC-BRUTE-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    expect(res.stdout).not.toMatch(/ATTACK MODE/);
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("skip");
    expect(check.evidence.data?.bruteforce).toBeUndefined();
  });
});
