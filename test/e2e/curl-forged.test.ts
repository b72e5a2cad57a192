import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSampleService } from "../../sample-service/index.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { startRealTarget } from "../support/real-target.ts";

const CURL = "/usr/bin/curl";
if (!existsSync(CURL)) process.stderr.write(`${CURL} is not installed: the forged-token curl test is skipped\n`);

/** The `alg` of the ID-JAG a registration body carries as `assertion`. */
function algOf(body: string | undefined): unknown {
  try {
    const assertion = (JSON.parse(body ?? "") as { assertion?: string }).assertion ?? "";
    return (JSON.parse(Buffer.from(assertion.split(".")[0]!, "base64url").toString("utf8")) as { alg?: unknown }).alg;
  } catch {
    return undefined;
  }
}

function sh(line: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", line], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

describe.skipIf(!existsSync(CURL))("the forged-token curl of SIG-02 (alg none) runs as pasted", () => {
  let service: RunningSampleService;
  let out: string;

  beforeAll(async () => {
    const real = await startRealTarget();
    service = real.service;
    out = await tempDir();
    const res = await runCli(["run", "--config", real.configFile, "--only", "SIG-02", "--out", out, "--seed", "3"], { timeoutMs: 120_000 });
    expect(res.code, res.stdout + res.stderr).toBe(0);
  }, 150_000);

  afterAll(async () => {
    await service?.close();
  });

  it("holds the alg-none token in clear, and pasted into a shell it gets the same refusal from the still-running service", async () => {
    const report = await readReport(out);
    const sig02 = report.checks.find((c) => c.id === "SIG-02")!;
    expect(sig02.status).toBe("pass");
    const forged = sig02.evidence.exchanges.filter((x) => algOf(x.requestBody) === "none");
    expect(forged.length, "an exchange posting the alg-none ID-JAG").toBeGreaterThan(0);
    const exchange = forged[0]!;
    expect(exchange.curl).not.toContain("«redacted");
    expect(exchange.curlVariables ?? []).toEqual([]);
    expect(exchange.status).toBeGreaterThanOrEqual(400);
    // As pasted (plus curl's own option to print the status code).
    const run = await sh(`${exchange.curl} -o /dev/null -w '%{http_code}'`);
    expect(run.code).toBe(0);
    expect(Number(run.stdout)).toBe(exchange.status);
  });
});
