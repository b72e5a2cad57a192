import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "../../src/report/model.ts";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(repoRoot, "bin", "authmd-conformance.mjs");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI in a child process, bounded by `timeoutMs` (killed past it). */
export async function runCli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  // `run` keeps the provider's keys in ./.authmd-conformance: point it at a temp dir (removed after) unless the test chose one.
  const ownStateDir = options.env?.AUTHMD_PROVIDER_STATE_DIR === undefined ? await tempDir("authmd-state-") : undefined;
  try {
    return await spawnCli(args, { ...options, env: { ...(ownStateDir ? { AUTHMD_PROVIDER_STATE_DIR: ownStateDir } : {}), ...options.env } });
  } finally {
    if (ownStateDir) await rm(ownStateDir, { recursive: true, force: true });
  }
}

function spawnCli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env, GITHUB_STEP_SUMMARY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A fresh temp folder. Under `npm test` it lives in the run's own folder (AUTHMD_TEST_TMP, set by
 * test/vitest.config.ts and removed by test/support/temp-root.ts when the run ends), so no test
 * leaves one behind even when it fails before its own clean-up.
 */
export async function tempDir(prefix = "authmd-test-"): Promise<string> {
  return mkdtemp(path.join(process.env.AUTHMD_TEST_TMP ?? tmpdir(), prefix));
}

export async function readReport(outDir: string): Promise<Report> {
  return JSON.parse(await readFile(path.join(outDir, "report.json"), "utf8")) as Report;
}
