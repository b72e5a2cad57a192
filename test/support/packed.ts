import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./cli.ts";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command (npm, npx, node) bounded by `timeoutMs` (killed past it). */
export function sh(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
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

export interface Installed {
  /** The packed tarball. */
  tarball: string;
  /** The files `npm pack` put in it. */
  files: string[];
  /** The empty project the tarball was installed into (run `npx authmd-conformance` here). */
  project: string;
}

/**
 * `npm pack` this clone into `work` (prepack builds dist/), then install the tarball into an empty
 * project `work/project` as a user does (`npm install -D`; packages from the npm cache or registry).
 */
export async function packAndInstall(work: string): Promise<Installed> {
  const packed = await sh("npm", ["pack", "--json", "--pack-destination", work], repoRoot, 180_000);
  if (packed.code !== 0) throw new Error(`npm pack exited ${packed.code}: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = path.join(work, info!.filename);
  const project = path.join(work, "project");
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "empty-project", private: true }));
  const installed = await sh("npm", ["install", "-D", "--no-audit", "--no-fund", "--prefer-offline", tarball], project, 240_000);
  if (installed.code !== 0) throw new Error(`npm install exited ${installed.code}: ${installed.stderr}`);
  return { tarball, files: info!.files.map((f) => f.path), project };
}
