import { readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startSampleService } from "../../sample-service/index.ts";
import { runDemo } from "../../src/demo.ts";
import { runCli, tempDir } from "../support/cli.ts";
import { freePort } from "../support/free-port.ts";

/** The kid(s) `run` prints in its trust instructions. */
function printedKids(stdout: string): string {
  const match = /signing keys kept in (.+) \(kid ([^)]+)\)/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return match![2]!;
}

describe("run keeps the mock provider's identity between invocations", () => {
  it("stores its keys in ./.authmd-conformance by default and signs with the same kids on the next run", async () => {
    const cwd = await tempDir("authmd-cwd-");
    try {
      // An unreachable target: the providers start (and print their trust set-up) before discovery fails.
      const args = ["run", "--target", "http://127.0.0.1:1", "--out", path.join(cwd, "reports"), "--only", "IDJAG-BASE-01", "--config", "cfg.yaml"];
      await writeFile(path.join(cwd, "cfg.yaml"), "provider:\n  second: { enabled: true }\n");
      // An empty AUTHMD_PROVIDER_STATE_DIR leaves run's own default in force.
      const first = await runCli(args, { cwd, env: { AUTHMD_PROVIDER_STATE_DIR: "" }, timeoutMs: 60_000 });
      const second = await runCli(args, { cwd, env: { AUTHMD_PROVIDER_STATE_DIR: "" }, timeoutMs: 60_000 });
      expect(first.code, first.stderr).toBe(2);
      const kids = printedKids(first.stdout);
      expect(kids.split(", ")).toHaveLength(2);
      expect(printedKids(second.stdout)).toBe(kids);
      const dir = path.join(cwd, ".authmd-conformance");
      expect((await readdir(dir)).sort()).toEqual([".gitignore", "primary-ES256.private.jwk.json", "second-ES256.private.jwk.json"]);
      expect((await stat(path.join(dir, "primary-ES256.private.jwk.json"))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

describe("a target that has not fetched the provider's current JWKS", () => {
  it("is told so plainly, after one retry, when the provider's keys are new (no state directory)", async () => {
    const [port, smtpPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${port}`;
    // A 5-minute unknown-kid cooldown: the second harness's fresh kid stays unknown to the service.
    const service = await startSampleService({ variants: ["jwks-kid-miss-cooldown-5min"], trustedIssuers: [issuer], smtp: { host: "127.0.0.1", port: smtpPort } });
    const out = await tempDir("authmd-out-");
    try {
      const run = () =>
        runDemo({
          faults: [],
          print: false,
          service,
          flags: { profile: "v0.1", provider: { port, baselineRetryMs: 50, second: { enabled: false } }, mailbox: { kind: "smtp", port: smtpPort }, out, only: ["IDJAG-BASE-01"] },
        });
      const first = await run();
      expect(first.report.checks.map((c) => c.status)).toEqual(["pass"]);
      const second = await run();
      const base = second.report.checks[0]!;
      expect(base.status).not.toBe("pass");
      expect(base.message).toMatch(/the target refused a token signed with kid \S+: it has not fetched the current JWKS \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json\), or does not trust issuer http:\/\/127\.0\.0\.1:\d+/);
      expect(base.message).toContain("also on one retry");
    } finally {
      await service.close();
      await rm(out, { recursive: true, force: true });
    }
  });
});
