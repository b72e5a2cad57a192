/**
 * `npm run bench` (not a test): how fast the fuzzer drives one endpoint of the sample service on
 * loopback compared with autocannon on the same endpoint in the same run, and what the whole
 * demo costs at --runs 100 and 1000, and the CLI's start-up time and memory (bench/startup.ts). Prints a table and writes .tmp/bench-results.md.
 *
 * The service runs in a process of its own, as a real target does, and autocannon replays bodies
 * drawn from the fuzzer's own generator: the ratio then measures the harness's cost per request
 * (generation, allowlist, budget, redacted record), not a difference in workload.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { bodyCaseArbitrary, type BodyCase, renderBody } from "../src/fuzz/bodies.ts";
import { runProperty } from "../src/fuzz/property.ts";
import { HttpClient } from "../src/http/client.ts";
import { Agent } from "undici";
import { lintSection } from "./lint.ts";
import { startupSection } from "./startup.ts";
import { bruteforceSection } from "./bruteforce.ts";
import { fuzzV07Section } from "./fuzz-v07.ts";
import { modelV07Section } from "./model-v07.ts";
import { autocannonSide, compareWithAutocannon, fuzzClient, loops, ROUNDS, type Row, rowsTable, SECONDS, type Side } from "./compare.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
// BENCH_RUNS="" measures throughput only.
const RUNS = (process.env.BENCH_RUNS ?? "100,1000").split(",").map(Number).filter((n) => n > 0);
/** The demos' --seed: a fuzz property that finds a counterexample stops there, whatever --runs says. */
const SEED = process.env.BENCH_SEED ?? "1";
const COMPLETE_PATH = "/agent/auth/claim/complete";

function contentTypeOf(c: BodyCase): string {
  return c.contentType === "(none)" ? "text/plain" : c.contentType;
}

/** 2,000 bodies drawn from the fuzzer's generator (seed 1), rendered once: what autocannon and "undici alone" replay. */
const replayed = fc.sample(bodyCaseArbitrary(["complete"]), { seed: 1, numRuns: 2000 }).map((c) => ({ body: renderBody(c), contentType: contentTypeOf(c) }));

/** The property loop a check runs (fast-check + runProperty, 1 in flight): fresh generated bodies, each case's exchanges kept for the record. */
const checkLoop: Side = async (origin, seconds, round) => {
  const http = fuzzClient(origin);
  const started = performance.now();
  const outcome = await runProperty(
    http,
    bodyCaseArbitrary(["complete"]),
    async (c, client) => {
      await client.send({ method: "POST", url: `${origin}${COMPLETE_PATH}`, headers: { "content-type": contentTypeOf(c) }, body: renderBody(c) });
      return undefined;
    },
    { runs: 1_000_000, maxRequests: Number.MAX_SAFE_INTEGER, maxMs: seconds * 1000, seed: round + 1 },
  );
  return outcome.requests / ((performance.now() - started) / 1000);
};

/** Generated bodies through HttpClient, `connections` at once; `record` as a check's client records (redacted, at once). */
function clientLoops(connections: number, record: boolean): Side {
  return async (origin, seconds, round) => {
    const http = fuzzClient(origin);
    const cases = fc.sample(bodyCaseArbitrary(["complete"]), { seed: round + 1, numRuns: 1000 });
    return loops(connections, seconds, (i) => {
      const c = cases[i % cases.length]!;
      const client = record ? http.withLog([]) : http;
      return client.send({ method: "POST", url: `${origin}${COMPLETE_PATH}`, headers: { "content-type": contentTypeOf(c) }, body: renderBody(c) });
    });
  };
}

/** undici alone, no harness code: the ceiling any client built on it has (the bodies autocannon replays). */
function undiciAlone(connections: number): Side {
  return async (origin, seconds) => {
    const agent = new Agent();
    try {
      return await loops(connections, seconds, async (i) => {
        const c = replayed[i % replayed.length]!;
        const res = await agent.request({ origin, path: COMPLETE_PATH, method: "POST", headers: { "content-type": c.contentType }, body: c.body });
        await res.body.text();
      });
    } finally {
      await agent.close();
    }
  };
}

interface DemoCost {
  runs: number;
  wallSeconds: number;
  peakRssMb: number;
  exitCode: number | null;
  checks: string;
  /** Ids of the checks that failed or errored (from report.json), so a red demo says which. */
  notPassed: string[];
}

/** One whole demo at --runs n, under /usr/bin/time -v when present (peak RSS), else the child's resource usage. */
async function demoCost(runs: number, configFile: string, profile: "v0.1" | "v0.7" = "v0.1"): Promise<DemoCost> {
  const out = await mkdtemp(path.join(tmpdir(), "authmd-bench-"));
  const args = [path.join(root, "bin", "authmd-conformance.mjs"), "demo", "--profile", profile, "--runs", String(runs), "--config", configFile, "--out", out, "--seed", SEED];
  const useTime = existsSync("/usr/bin/time");
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = useTime ? spawn("/usr/bin/time", ["-v", process.execPath, ...args]) : spawn(process.execPath, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stdout, stderr }));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  const notPassed = await readFile(path.join(out, "report.json"), "utf8")
    .then((text) => (JSON.parse(text) as { checks: Array<{ id: string; status: string }> }).checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => `${c.id} (${c.status})`))
    .catch(() => ["(no report.json)"]);
  await rm(out, { recursive: true, force: true });
  return { runs, wallSeconds, peakRssMb: Math.round(rssKb / 1024), exitCode: code, checks: /(\d+ checks: [^(]*)/.exec(stdout)?.[1]?.trim() ?? "?", notPassed };
}

/** autocannon on the same endpoint, cycling through the replayed bodies. */
function replayedAutocannon(connections: number): Side {
  return autocannonSide(connections, (i) => {
    const c = replayed[i % replayed.length]!;
    return { path: COMPLETE_PATH, body: c.body, headers: { "content-type": c.contentType } };
  });
}

async function throughput(connections: number, sides: Record<string, Side>): Promise<Row[]> {
  return compareWithAutocannon(connections, replayedAutocannon(connections), sides);
}

/**
 * BENCH_ONLY=<section> measures one section alone and prints it: lint, startup, throughput (the
 * v0.1 fuzzer beside autocannon), demo (the v0.1 demo at BENCH_RUNS), bruteforce (the brute-force
 * client beside autocannon), fuzz-v07 (the v0.7 input fuzzer beside autocannon), model-v07 (the v0.7 stateful
 * model at BENCH_RUNS, its most-hit endpoint beside autocannon), demo-v07 (the
 * v0.7 demo at BENCH_RUNS). Without it every section runs and .tmp/bench-results.md is written.
 */
const ONLY = process.env.BENCH_ONLY;
const SECTIONS = ["lint", "startup", "throughput", "demo", "bruteforce", "fuzz-v07", "model-v07", "demo-v07"] as const;

async function throughputSection(): Promise<string[]> {
  const rows = [
    ...(await throughput(1, { "check loop (runProperty), 1 in flight": checkLoop, "undici alone (no harness; ceiling)": undiciAlone(1) })),
    ...(await throughput(16, {
      "HttpClient, each exchange recorded": clientLoops(16, true),
      "HttpClient, nothing recorded": clientLoops(16, false),
      "undici alone (no harness; ceiling)": undiciAlone(16),
    })),
  ];
  const autocannonNote = "autocannon cycles through 2,000 bodies drawn from the fuzzer's generator (seed 1)";
  return [
    "## Fuzzer throughput (sample service on loopback, POST /agent/auth/claim/complete)",
    "",
    ...rowsTable(rows),
    "",
    `${ROUNDS} interleaved rounds of ${SECONDS} s per side, on one fresh sample-service process per in-flight count (its own process, --quiet), each side warmed first; a ratio is a side's rate over autocannon's in the same round. The check loop and HttpClient send freshly generated bodies (fast-check) through the harness's client (allowlist, budget, redaction), rate cap lifted; ${autocannonNote}, and so does "undici alone". In a real run the fuzzer is held to http.maxRatePerSecond (default 50/s).`,
  ];
}

/** The demo at scale: the politeness caps are lifted so --runs decides the work, not the caps. */
async function benchConfig(): Promise<string> {
  const dir = path.join(root, ".tmp");
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "bench-config.yaml");
  await writeFile(
    configFile,
    ["http:", "  requestBudget: 1000000", "  maxRatePerSecond: 100000", "timeouts:", "  checkMs: 1800000", "  runMs: 3600000", "fuzz:", "  maxRequestsPerProperty: 1000000", "  maxMsPerProperty: 1800000", ""].join("\n"),
  );
  return configFile;
}

async function demoSection(profile: "v0.1" | "v0.7"): Promise<string[]> {
  const configFile = await benchConfig();
  const costs: DemoCost[] = [];
  for (const runs of RUNS) costs.push(await demoCost(runs, configFile, profile));
  const first = costs[0];
  const last = costs[costs.length - 1];
  const growth = first && last && last !== first ? `Cost at --runs ${last.runs} over --runs ${first.runs}: wall time ×${(last.wallSeconds / first.wallSeconds).toFixed(1)}, peak RSS ×${(last.peakRssMb / first.peakRssMb).toFixed(1)} (the issue's bar: within 10×).` : "";
  return [
    `## Full ${profile === "v0.7" ? "latest-profile (v0.7) " : ""}demo (every check, --seed ${SEED}), politeness caps lifted (budget 1e6, 100000 req/s, no per-property cap)`,
    "",
    "| --runs | wall time | peak RSS | result |",
    "|---:|---:|---:|---|",
    ...costs.map((c) => `| ${c.runs} | ${c.wallSeconds.toFixed(1)} s | ${Number.isFinite(c.peakRssMb) ? `${c.peakRssMb} MB` : "n/a"} | ${c.checks} (exit ${c.exitCode})${c.notPassed.length ? `; not passed: ${c.notPassed.join(", ")}` : ""} |`),
    ...(growth ? ["", growth] : []),
  ];
}

async function main(): Promise<void> {
  if (ONLY !== undefined && !(SECTIONS as readonly string[]).includes(ONLY)) throw new Error(`BENCH_ONLY must be one of ${SECTIONS.join(", ")}`);
  const want = (name: (typeof SECTIONS)[number]): boolean => ONLY === undefined || ONLY === name;
  const lines: string[] = [];
  const add = (section: string[]): void => {
    lines.push(...(lines.length ? [""] : []), ...section);
    if (ONLY !== undefined) process.stdout.write(`${section.join("\n")}\n`);
  };
  if (want("startup")) add(await startupSection());
  if (want("lint")) add(lintSection());
  if (want("throughput")) add(await throughputSection());
  if (want("bruteforce")) add(await bruteforceSection());
  if (want("fuzz-v07")) add(await fuzzV07Section());
  if (want("model-v07")) add(await modelV07Section());
  if (want("demo")) add(await demoSection("v0.1"));
  if (want("demo-v07")) add(await demoSection("v0.7"));
  if (ONLY !== undefined) return;
  lines.push("", `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${(await import("node:os")).cpus().length} CPUs. Peak RSS from /usr/bin/time -v (the CLI process and its vitest worker are measured as the largest single process).`);
  const text = lines.join("\n");
  process.stdout.write(`${text}\n`);
  await writeFile(path.join(root, ".tmp", "bench-results.md"), `${text}\n`);
}

await main();
