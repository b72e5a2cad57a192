/**
 * `npm run test:stability`: the clean demo must pass on N consecutive runs with random seeds
 * (default 10). A verdict that changes from run to run is a false failure waiting to happen.
 */
import { rm } from "node:fs/promises";
import { randomInt } from "node:crypto";
import { fileURLToPath } from "node:url";
import { runDemo } from "../../src/demo.ts";
import { tempDir } from "../support/cli.ts";

export async function cleanRuns(count: number): Promise<Array<{ seed: number; exitCode: number; notPassing: string[] }>> {
  const results = [];
  for (let i = 0; i < count; i++) {
    const seed = randomInt(0, 2 ** 31 - 1);
    const out = await tempDir("authmd-stable-");
    const { exitCode, report } = await runDemo({ faults: [], print: false, flags: { profile: "v0.1", out, seed } }).finally(() => rm(out, { recursive: true, force: true }));
    results.push({ seed, exitCode, notPassing: report.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}:${c.status}`) });
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 10);
  const results = await cleanRuns(count);
  for (const r of results) process.stdout.write(`seed ${r.seed}: exit ${r.exitCode}${r.notPassing.length ? ` not passing: ${r.notPassing.join(", ")}` : ""}\n`);
  const clean = results.filter((r) => r.exitCode === 0 && r.notPassing.length === 0).length;
  process.stdout.write(`clean runs: ${clean}/${count}\n`);
  process.exitCode = clean === count ? 0 : 1;
}
