/**
 * Start-up cost of the CLI (part of `npm run bench`): wall time and peak RSS of the light commands
 * and the peak RSS of the default demo, from this clone (sources through tsx) and from the packed
 * tarball installed into an empty project (compiled dist/, what a user runs).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { repoRoot, tempDir } from "../test/support/cli.ts";
import { packAndInstall } from "../test/support/packed.ts";

const REPEATS = Number(process.env.BENCH_STARTUP_REPEATS ?? 3);

interface Cost {
  seconds: number;
  rssMb: number;
  code: number | null;
}

/** One command under /usr/bin/time -v when present (peak RSS of the largest process), wall time from here. */
function measure(command: string, args: string[], cwd: string): Promise<Cost> {
  const useTime = existsSync("/usr/bin/time");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = useTime ? spawn("/usr/bin/time", ["-v", command, ...args], { cwd }) : spawn(command, args, { cwd });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      resolve({ seconds: (performance.now() - started) / 1000, rssMb: Math.round(kb / 1024), code });
    });
  });
}

async function median(command: string, args: string[], cwd: string): Promise<Cost> {
  const costs: Cost[] = [];
  for (let i = 0; i < REPEATS; i++) costs.push(await measure(command, args, cwd));
  costs.sort((a, b) => a.seconds - b.seconds);
  return costs[Math.floor(costs.length / 2)]!;
}

const LIGHT: Array<{ label: string; args: string[] }> = [
  { label: "--version", args: ["--version"] },
  { label: "--help", args: ["--help"] },
  { label: "requirements", args: ["requirements"] },
  { label: "lint README.md", args: ["lint", path.join(repoRoot, "README.md")] },
  { label: "demo --list-faults", args: ["demo", "--list-faults"] },
];

const mb = (c: Cost): string => (Number.isFinite(c.rssMb) ? `${c.rssMb} MB` : "n/a");

/** Markdown lines of the start-up section. */
export async function startupSection(): Promise<string[]> {
  const work = await tempDir("authmd-bench-pack-");
  try {
    const { project } = await packAndInstall(work);
    const clone = path.join(repoRoot, "bin", "authmd-conformance.mjs");
    const installed = path.join(project, "node_modules", "authmd-conformance", "bin", "authmd-conformance.mjs");
    const rows: string[] = [];
    for (const { label, args } of LIGHT) {
      const fromClone = await median(process.execPath, [clone, ...args], repoRoot);
      const fromPackage = await median(process.execPath, [installed, ...args], project);
      rows.push(`| ${label} | ${fromClone.seconds.toFixed(2)} s | ${mb(fromClone)} | ${fromPackage.seconds.toFixed(2)} s | ${mb(fromPackage)} |`);
    }
    const npxVersion = await median("npx", ["authmd-conformance", "--version"], project);
    const demoOut = path.join(work, "demo");
    const demoClone = await measure(process.execPath, [clone, "demo", "--profile", "v0.1", "--out", demoOut], repoRoot);
    const demoPackage = await measure(process.execPath, [installed, "demo", "--profile", "v0.1", "--out", demoOut], project);
    return [
      "## Start-up and memory (median of " + REPEATS + " runs; peak RSS from /usr/bin/time -v)",
      "",
      "| command | clone (tsx) wall | clone RSS | installed package wall | installed RSS |",
      "|---|---:|---:|---:|---:|",
      ...rows,
      `| demo (default settings, every check) | ${demoClone.seconds.toFixed(1)} s | ${mb(demoClone)} | ${demoPackage.seconds.toFixed(1)} s | ${mb(demoPackage)} |`,
      "",
      `\`npx authmd-conformance --version\` in the installed project: ${npxVersion.seconds.toFixed(2)} s (npx adds its own start-up to the CLI's). Demo exit codes: clone ${demoClone.code}, package ${demoPackage.code}. "installed package" is the tarball of \`npm pack\` installed into an empty project (compiled dist/, no TypeScript loader).`,
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
