/**
 * The package a user installs: `npm pack` (prepack builds dist/), install the tarball into an empty
 * project, and run the CLI from there with npx. No TypeScript loader is installed there (tsx is a
 * devDependency), so this proves the compiled CLI, library and suites start on their own.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, tempDir } from "../support/cli.ts";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command (npm, npx, tar) bounded by `timeoutMs`. */
function sh(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: "", npm_config_update_notifier: "false" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the packed tarball, installed into an empty project", () => {
  let work: string;
  let project: string;
  let tarball: string;
  let files: string[];
  const version = async () => (JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

  beforeAll(async () => {
    work = await tempDir("authmd-pack-");
    project = path.join(work, "project");
    const packed = await sh("npm", ["pack", "--json", "--pack-destination", work], repoRoot, 180_000);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, info!.filename);
    files = info!.files.map((f) => f.path);
    await sh("mkdir", ["-p", project], work, 5_000);
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "empty-project", private: true }));
    const installed = await sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project, 240_000);
    expect(installed.code, installed.stderr).toBe(0);
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
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as { checks: Array<{ id: string; status: string }> };
    expect(report.checks.length).toBeGreaterThan(10);
    expect(report.checks.every((c) => c.id.startsWith("DISC-") && c.status === "pass")).toBe(true);
    expect(await readdir(out)).toContain("report.html");
  });
});
