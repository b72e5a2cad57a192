/**
 * The package a user installs: `npm pack` (prepack builds dist/), install the tarball into an empty
 * project, and run the CLI from there with npx. No TypeScript loader is installed there (tsx is a
 * devDependency), so this proves the compiled CLI, library and suites start on their own.
 */
import { existsSync } from "node:fs";
import { readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, tempDir } from "../support/cli.ts";
import { packAndInstall, sh } from "../support/packed.ts";

describe("the packed tarball, installed into an empty project", () => {
  let work: string;
  let project: string;
  let files: string[];
  const version = async () => (JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

  beforeAll(async () => {
    work = await tempDir("authmd-pack-");
    ({ project, files } = await packAndInstall(work));
  }, 480_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("ships what runs and nothing else", () => {
    expect(files).toContain("LICENSE");
    expect(files).toContain("bin/authmd-conformance.mjs");
    expect(files).toContain("dist/src/cli.js");
    expect(files).toContain("dist/src/index.d.ts");
    expect(files).toContain("dist/suites/v0.1/discovery/prm.check.js");
    const stray = files.filter((f) => /^(test|bench|\.ci|src|suites|reports|sample-service|mock-provider)\//.test(f));
    expect(stray).toEqual([]);
  });

  it("runs without a TypeScript loader: tsx is not installed", async () => {
    expect(existsSync(path.join(project, "node_modules", "authmd-conformance", "dist", "src", "cli.js"))).toBe(true);
    expect(existsSync(path.join(project, "node_modules", "tsx"))).toBe(false);
  });

  it("npx authmd-conformance --version prints the package version", async () => {
    const ran = await sh("npx", ["authmd-conformance", "--version"], project, 60_000);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(await version());
  });

  it("npx authmd-conformance demo --only 'DISC-*' runs the packaged suites and exits 0", async () => {
    const out = path.join(work, "reports");
    const ran = await sh("npx", ["authmd-conformance", "demo", "--only", "DISC-*", "--out", out], project, 180_000);
    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as { profile: string; checks: Array<{ id: string; status: string }> };
    // The latest profile, with the v0.1 discovery checks it shares run from the packaged v0.1 suites.
    expect(report.profile).toBe("v0.7");
    expect(report.checks.length).toBeGreaterThan(10);
    expect(report.checks.some((c) => c.id === "DISC-PRM-01" && c.status === "pass")).toBe(true);
    // DISC-AA-04 (MAY) skips on a service that lists every identity type: nothing to try unlisted.
    expect(report.checks.filter((c) => !(c.id.startsWith("DISC-") && (c.status === "pass" || (c.status === "skip" && c.id === "DISC-AA-04"))))).toEqual([]);
    expect(await readdir(out)).toContain("report.html");
  });
});
