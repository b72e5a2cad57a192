import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// With no mail arriving, a claim check must end within the configured wait and say where it
// looked (the mailbox) and for whom (the address), instead of hanging.
describe("claim mail that never arrives", () => {
  it("fails MAIL-01 within mail.waitMs with a message naming the mailbox and the address", async () => {
    const out = await tempDir();
    const config = path.join(out, "config.yaml");
    await writeFile(config, "mail:\n  waitMs: 1500\n");
    const res = await runCli(["demo", "--profile", "v0.1", "--fault", "mail-not-sent", "--only", "MAIL-01", "--config", config, "--out", out, "--seed", "3"], {
      timeoutMs: 120_000,
    });
    expect(res.code).toBe(1);
    const report = await readReport(out);
    expect(report.checks.map((c) => c.id)).toEqual(["MAIL-01"]);
    const [check] = report.checks;
    expect(check?.status).toBe("fail");
    expect(check?.message).toMatch(/smtp sink on 127\.0\.0\.1:\d+/);
    expect(check?.message).toMatch(/agent-user\+vem-[0-9a-f]{8}@example\.test/);
    expect(check?.message).toContain("within 1500 ms");
    // The configured wait (1.5 s) was used, not the 15 s default.
    expect(check?.durationMs).toBeLessThan(15_000);
  });

  it("is one cause: MAIL-02 fails, every check that needs the mail is blocked by claim-mail and waits no more", async () => {
    const out = await tempDir();
    const config = path.join(out, "config.yaml");
    const waitMs = 1500;
    await writeFile(config, `mail:\n  waitMs: ${waitMs}\n`);
    // POST /claim sends no mail (verification mail still goes out): the anonymous flow and the
    // fuzz checks, which claim anonymous registrations, all need it.
    const res = await runCli(
      ["demo", "--profile", "v0.1", "--fault", "claim-mail-not-sent", "--only", "MAIL-02", "ANON-*", "SCO-*", "CLM-05", "FUZZ-OTP-*", "FUZZ-MODEL-01", "--config", config, "--out", out, "--seed", "3"],
      { timeoutMs: 180_000 },
    );
    expect(res.code, res.stderr).toBe(1);
    const report = await readReport(out);
    expect(report.causes.map((c) => c.id)).toEqual(["claim-mail"]);
    expect(report.causes[0]!.evidence.message).toMatch(/smtp sink on 127\.0\.0\.1:\d+ within 1500 ms/);
    const blocked = report.checks.filter((c) => c.status === "blocked");
    expect(blocked.map((c) => c.id)).toEqual(expect.arrayContaining(["ANON-04", "CLM-05", "FUZZ-OTP-WRONG-01", "FUZZ-MODEL-01"]));
    expect(blocked.every((c) => c.blockedBy === "claim-mail")).toBe(true);
    // None of them waited out a mail wait of its own.
    expect(blocked.filter((c) => c.durationMs >= waitMs).map((c) => c.id)).toEqual([]);
    // The one finding: nothing else failed because of the missing mail.
    expect(report.checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["MAIL-02"]);
    expect(report.summary.blocked).toBe(blocked.length);
    expect(res.stdout).toMatch(/ROOT CAUSE claim-mail: No claim mail arrives after POST \/claim at smtp sink/);
  });

  it("no mail at all: one cause per flow, MAIL-01 and MAIL-02 are the findings", async () => {
    const out = await tempDir();
    const config = path.join(out, "config.yaml");
    await writeFile(config, "mail:\n  waitMs: 1500\n");
    const res = await runCli(["demo", "--profile", "v0.1", "--fault", "mail-not-sent", "--only", "MAIL-*", "VEM-*", "ANON-*", "OTP-*", "--config", config, "--out", out, "--seed", "3"], { timeoutMs: 180_000 });
    expect(res.code, res.stderr).toBe(1);
    const report = await readReport(out);
    expect(report.causes.map((c) => c.id).sort()).toEqual(["claim-mail", "verification-mail"]);
    expect(report.checks.filter((c) => c.status === "fail").map((c) => c.id).sort()).toEqual(["MAIL-01", "MAIL-02"]);
    expect(report.checks.filter((c) => c.status === "blocked").length).toBeGreaterThan(5);
  });
});
