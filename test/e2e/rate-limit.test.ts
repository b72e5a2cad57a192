import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// RATE-01: passes on the sample service (it announces its limit), warns when the limit is gone,
// and the config turns it off.
describe("RATE-01", () => {
  it("passes on the sample service, whose registration answers announce its limit, after one request", async () => {
    const out = await tempDir();
    await runCli(["demo", "--profile", "v0.1", "--only", "RATE-01", "--out", out], { timeoutMs: 60_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("pass");
    expect(check.evidence.data?.rateLimit).toMatchObject({ seen: "announced", afterRequests: 1 });
  });

  it("warns, bounded by rateLimit.maxRequests, when registration is not rate-limited", async () => {
    const out = await tempDir();
    const config = path.join(out, "config.yaml");
    await writeFile(config, "rateLimit: { maxRequests: 4 }\n");
    const res = await runCli(["demo", "--profile", "v0.1", "--fault", "no-registration-rate-limit", "--config", config, "--only", "RATE-01", "--out", out], { timeoutMs: 60_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("warn");
    expect(check.message).toMatch(/No sign of a rate limit on registration: 4 anonymous registrations/);
    expect(check.evidence.data?.rateLimit).toMatchObject({ seen: "none", afterRequests: 4 });
    expect(res.code).toBe(0);
  });

  it("skips, saying so, when rateLimit.check is false", async () => {
    const out = await tempDir();
    const config = path.join(out, "config.yaml");
    await writeFile(config, "rateLimit: { check: false }\n");
    await runCli(["demo", "--profile", "v0.1", "--fault", "no-registration-rate-limit", "--config", config, "--only", "RATE-01", "--out", out], { timeoutMs: 60_000 });
    const check = (await readReport(out)).checks[0]!;
    expect(check.status).toBe("skip");
    expect(check.message).toMatch(/rateLimit\.check: false/);
  });
});
