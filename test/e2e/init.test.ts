/**
 * `init --target` against the sample service writes a config with which `run` passes, once the
 * user has filled in what the documents cannot say (done here as a user would, see `fillIn`).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSampleService, type RunningSampleService } from "../../sample-service/index.ts";
import { SAMPLE_API } from "../../src/demo.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { freePort } from "../support/free-port.ts";

describe("init", () => {
  let service: RunningSampleService;
  let dir: string;
  const ports = { provider: 0, second: 0, smtp: 0 };

  beforeAll(async () => {
    // The service is set up as the config's header asks: it trusts the mock provider's two
    // issuers and sends claim mail to the harness's SMTP sink. The ports are free ones (the
    // starter config's fixed 4000/4001/2525 may be taken on a shared machine).
    [ports.provider, ports.second, ports.smtp] = [await freePort(), await freePort(), await freePort()];
    service = await startSampleService({
      trustedIssuers: [`http://127.0.0.1:${ports.provider}`, `http://127.0.0.1:${ports.second}`],
      smtp: { host: "127.0.0.1", port: ports.smtp },
    });
    dir = await tempDir("authmd-init-");
  });
  afterAll(async () => {
    await service?.close();
  });

  it("writes a commented starter config and an empty baseline, and never overwrites them without --force", async () => {
    const config = path.join(dir, "authmd-conformance.yaml");
    const first = await runCli(["init", "--target", service.url, "--out", config]);
    expect(first.code, first.stderr).toBe(0);
    const text = await readFile(config, "utf8");
    const doc = parseDocument(text);
    expect(doc.get("target")).toBe(service.url);
    expect(doc.get("profile")).toBe("v0.1");
    // What discovery found, and the trust set-up the service needs, are in the header.
    expect(text).toContain(`register: ${service.url}/agent/auth`);
    expect(text).toContain("issuer http://127.0.0.1:4000   JWKS http://127.0.0.1:4000/.well-known/jwks.json");
    // Every top-level field carries a comment.
    const lines = text.split("\n");
    for (const key of ["target", "profile", "out", "api", "http", "timeouts", "provider", "audience", "mailbox", "mail", "user"]) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`));
      expect(at, key).toBeGreaterThan(0);
      expect(lines[at - 1], key).toMatch(/^#/);
    }
    const baseline = path.join(dir, "expected-failures.yaml");
    expect(await readFile(baseline, "utf8")).toMatch(/^\[\]$/m);

    await writeFile(config, "kept: true\n");
    const again = await runCli(["init", "--target", service.url, "--out", config]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--force");
    expect(await readFile(config, "utf8")).toBe("kept: true\n");
    const forced = await runCli(["init", "--target", service.url, "--out", config, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(config, "utf8")).toBe(text);
  });

  it("run passes with the starter config once the user has filled it in", async () => {
    const config = path.join(dir, "filled.yaml");
    const baseline = path.join(dir, "filled-baseline.yaml");
    const made = await runCli(["init", "--target", service.url, "--out", config, "--baseline-out", baseline]);
    expect(made.code, made.stderr).toBe(0);
    const doc = parseDocument(await readFile(config, "utf8"));
    // Filled in by the user: the ports their service trusts / mails to, and the API probes.
    doc.setIn(["provider", "port"], ports.provider);
    doc.setIn(["provider", "second", "port"], ports.second);
    doc.setIn(["mailbox", "port"], ports.smtp);
    doc.setIn(["api", "read"], doc.createNode(SAMPLE_API.read));
    doc.setIn(["api", "write"], doc.createNode(SAMPLE_API.write));
    await writeFile(config, doc.toString());

    const out = path.join(dir, "reports");
    const run = await runCli(["run", "--config", config, "--baseline", baseline, "--out", out], { timeoutMs: 300_000 });
    expect(run.code, `${run.stdout.slice(-3000)}\n${run.stderr}`).toBe(0);
    const report = await readReport(out);
    expect(report.verdict).toBe("conformant");
    expect(report.checks.filter((c) => c.status !== "pass" && c.status !== "skip").map((c) => `${c.id}:${c.status}`)).toEqual([]);
  }, 320_000);
});
