import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSampleService } from "../../sample-service/index.ts";
import { startSampleServiceV07, variantV07 } from "../../sample-service/v0_7/index.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";

// `run` without --profile against each built-in service (and v0.7 variants that change what
// detection reads): the console says which revision and why, and report.json records it.

const services: Array<{ name: string; url: string; close(): Promise<void> }> = [];
let config = "";

beforeAll(async () => {
  const v01 = await startSampleService({});
  const v07 = await startSampleServiceV07();
  const slash = await startSampleServiceV07({ ...variantV07("v07-prm-trailing-slash").service });
  const optedOut = await startSampleServiceV07({ ...variantV07("v07-opted-out").service });
  services.push({ name: "v0.1", ...v01 }, { name: "v0.7", ...v07 }, { name: "v0.7 prm-trailing-slash", ...slash }, { name: "v0.7 opted-out", ...optedOut });
  // Detection needs the documents only: no provider, one check of an id both profiles have.
  config = path.join(await tempDir("authmd-detect-"), "config.yaml");
  await writeFile(config, "provider:\n  mode: off\n");
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
});

describe.sequential("run --profile auto (the default) against the built-in services", () => {
  it.each([
    ["v0.1", "v0.1", /register_uri/],
    ["v0.7", "v0.7", /identity_endpoint/],
    ["v0.7 prm-trailing-slash", "v0.7", /identity_endpoint/],
    ["v0.7 opted-out", "v0.7", /identity_endpoint/],
  ])("%s: records profile %s and the reason in report.json and on the console", async (name, profile, reason) => {
    const service = services.find((s) => s.name === name)!;
    const out = await tempDir("authmd-detect-out-");
    const res = await runCli(["run", "--target", service.url, "--config", config, "--only", "DISC-AS-01", "--out", out], { timeoutMs: 90_000 });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^profile ${profile.replace(".", "\\.")} \\(detected\\): .*${reason.source}`, "m"));
    const report = await readReport(out);
    expect(report.profile).toBe(profile);
    expect(report.profileDetection).toMatchObject({ chosen: profile, how: "detected", reason: expect.stringMatching(reason) });
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual(["DISC-AS-01:pass"]);
  });
});
