import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// --prove-otp-bruteforce: opt-in, announced, and its verdict. The whole 10^6 space takes minutes
// even on loopback (see .tmp/bench-results.md), so the "falls" case adds the documented
// otp-not-uniform switch: the attack learns the digit bias from codes it mints for its own
// claims (as a real attacker can) and guesses the likely codes first.
describe("--prove-otp-bruteforce", () => {
  it("claims the registration when the service has no lockout", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.1", "--fault", "no-otp-lockout", "--fault", "otp-not-uniform", "--prove-otp-bruteforce", "--only", "FUZZ-OTP-LOCK-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    expect(res.stdout).toMatch(/ATTACK MODE \(--prove-otp-bruteforce\)/);
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("fail");
    // The headline says whether the whole space fits in the code's lifetime, not just that it fell.
    expect(check.message).toMatch(/--prove-otp-bruteforce: (Exploitable: at \d+ guesses\/s the whole space \(\d+ s\) fits|Claimed, but not proven exploitable: the claim fell after \d+ guesses)/);
    const proof = check.evidence.data?.bruteforce as { fell: boolean; attempts: number; elapsedMs: number; budget: { rateLimit: string }; fullSpaceFitsLifetime: boolean; codeLifetimeSeconds: number };
    expect(typeof proof.fullSpaceFitsLifetime).toBe("boolean");
    expect(proof.codeLifetimeSeconds).toBeGreaterThan(0);
    expect(proof.fell).toBe(true);
    expect(proof.attempts).toBeGreaterThan(0);
    expect(proof.budget.rateLimit).toBe("none");
    expect(res.code).toBe(1);
  });

  it("reports the lockout against the clean service", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.1", "--prove-otp-bruteforce", "--only", "FUZZ-OTP-LOCK-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("pass");
    const proof = check.evidence.data?.bruteforce as { fell: boolean; stoppedBy: string; stopAnswer: string };
    expect(proof.fell).toBe(false);
    expect(proof.stoppedBy).toBe("locked");
    expect(proof.stopAnswer).toMatch(/^429/);
    expect(check.evidence.notes?.join("\n")).toMatch(/locked the attempt after \d+ guesses/);
    expect(res.code).toBe(0);
  });

  it("is never on by default", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--profile", "v0.1", "--only", "FUZZ-OTP-LOCK-01", "--out", out, "--seed", "7"], { timeoutMs: 120_000 });
    expect(res.stdout).not.toMatch(/ATTACK MODE/);
    expect((await readReport(out)).checks[0]!.evidence.data?.bruteforce).toBeUndefined();
  });
});
