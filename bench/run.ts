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
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import fc from "fast-check";
import { bodyCaseArbitrary, type BodyCase, renderBody } from "../src/fuzz/bodies.ts";
import { createAttackClient } from "../src/fuzz/bruteforce.ts";
import { runProperty } from "../src/fuzz/property.ts";
import { RequestBudget } from "../src/http/budget.ts";
import { HttpClient } from "../src/http/client.ts";
import { Agent } from "undici";
import { Redactor } from "../src/http/redact.ts";
import { lintSection } from "./lint.ts";
import { startupSection } from "./startup.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_RUNS="" measures throughput only.
const RUNS = (process.env.BENCH_RUNS ?? "100,1000").split(",").map(Number).filter((n) => n > 0);
const COMPLETE_PATH = "/agent/auth/claim/complete";

/** One side of a comparison: requests per second against `origin` over `seconds`. */
type Side = (origin: string, seconds: number, round: number) => Promise<number>;

function fuzzClient(origin: string): HttpClient {
  // The client every check uses (allowlist, budget, redaction), with the rate cap lifted.
  return new HttpClient({
    requestTimeoutMs: 10_000,
    maxBodyBytes: 1_048_576,
    allowedOrigins: new Set([origin]),
    budget: new RequestBudget(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    redactor: new Redactor(),
  });
}

function contentTypeOf(c: BodyCase): string {
  return c.contentType === "(none)" ? "text/plain" : c.contentType;
}

/** 2,000 bodies drawn from the fuzzer's generator (seed 1), rendered once: what autocannon and "undici alone" replay. */
const replayed = fc.sample(bodyCaseArbitrary(["complete"]), { seed: 1, numRuns: 2000 }).map((c) => ({ body: renderBody(c), contentType: contentTypeOf(c) }));

/** `connections` loops sending until the deadline; `send(i)` sends the i-th request. */
async function loops(connections: number, seconds: number, send: (i: number) => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await send(sent++);
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

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
    const http = record
      ? fuzzClient(origin)
      : createAttackClient({ requestTimeoutMs: 10_000, maxBodyBytes: 1_048_576, allowedOrigins: [origin], headers: {}, maxAttempts: Number.MAX_SAFE_INTEGER - 1 });
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

/** autocannon on the same endpoint, cycling through the replayed bodies. */
function autocannonSide(connections: number): Side {
  return async (origin, seconds) => {
    let next = 0;
    const result = await autocannon({
      url: `${origin}${COMPLETE_PATH}`,
      connections,
      duration: seconds,
      method: "POST",
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => {
            const c = replayed[next++ % replayed.length]!;
            return { ...req, method: "POST", body: c.body, headers: { "content-type": c.contentType } };
          },
        },
      ],
    });
    return result.requests.total / seconds;
  };
}

/** The sample service in its own process (the target), until `close`. */
async function startServiceProcess(): Promise<{ url: string; close: () => Promise<void> }> {
  // --quiet: a log line per request would cost the service a write and this process a read.
  const child = spawn(process.execPath, [path.join(root, "bin", "authmd-conformance.mjs"), "sample-service", "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("sample service did not start within 30 s")), 30_000);
    const onData = (d: Buffer): void => {
      out += d;
      const match = /listening at (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.on("exit", (code) => reject(new Error(`sample service exited ${code}`)));
  });
  child.stdout.resume();
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

interface DemoCost {
  runs: number;
  wallSeconds: number;
  peakRssMb: number;
  exitCode: number | null;
  checks: string;
}

/** One whole demo at --runs n, under /usr/bin/time -v when present (peak RSS), else the child's resource usage. */
async function demoCost(runs: number, configFile: string): Promise<DemoCost> {
  const out = await mkdtemp(path.join(tmpdir(), "authmd-bench-"));
  const args = [path.join(root, "bin", "authmd-conformance.mjs"), "demo", "--profile", "v0.1", "--runs", String(runs), "--config", configFile, "--out", out, "--seed", "1"];
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
  await rm(out, { recursive: true, force: true });
  return { runs, wallSeconds, peakRssMb: Math.round(rssKb / 1024), exitCode: code, checks: /(\d+ checks: [^(]*)/.exec(stdout)?.[1]?.trim() ?? "?" };
}

/**
 * Every side against one fresh service process, in ROUNDS interleaved rounds (the order reversed
 * every other round), after a 1 s warm-up of each: JIT warm-up and the service's growing state
 * then favour no side. Answers each side's req/s per round.
 */
async function interleaved(sides: Record<string, Side>): Promise<Record<string, number[]>> {
  const service = await startServiceProcess();
  const names = Object.keys(sides);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  try {
    for (const name of names) await sides[name]!(service.url, 1, 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) rates[name]!.push(await sides[name]!(service.url, SECONDS, round));
    }
    return rates;
  } finally {
    await service.close();
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  path: string;
  connections: number;
  rates: number[];
  /** This side's rate over autocannon's, per round. */
  ratios: number[];
}

async function throughput(connections: number, sides: Record<string, Side>): Promise<Row[]> {
  const rates = await interleaved({ autocannon: autocannonSide(connections), ...sides });
  const cannon = rates.autocannon!;
  return Object.keys(sides).map((path) => ({ path, connections, rates: rates[path]!, ratios: rates[path]!.map((r, i) => r / cannon[i]!) }));
}

const range = (xs: readonly number[], digits: number): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

async function main(): Promise<void> {
  // BENCH_ONLY=lint measures lint's section alone (in process, no servers).
  const lint = lintSection();
  if (process.env.BENCH_ONLY === "lint") {
    process.stdout.write(`${lint.join("\n")}\n`);
    return;
  }
  // BENCH_ONLY=startup measures the start-up section alone.
  const startup = await startupSection();
  if (process.env.BENCH_ONLY === "startup") {
    process.stdout.write(`${startup.join("\n")}\n`);
    return;
  }
  const rows = [
    ...(await throughput(1, { "check loop (runProperty), 1 in flight": checkLoop, "undici alone (no harness; ceiling)": undiciAlone(1) })),
    ...(await throughput(16, {
      "HttpClient, each exchange recorded": clientLoops(16, true),
      "HttpClient, nothing recorded (brute-force client)": clientLoops(16, false),
      "undici alone (no harness; ceiling)": undiciAlone(16),
    })),
  ];
  const autocannonNote = "autocannon cycles through 2,000 bodies drawn from the fuzzer's generator (seed 1)";

  // The demo at scale: the politeness caps are lifted so --runs decides the work, not the caps.
  const dir = path.join(root, ".tmp");
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "bench-config.yaml");
  await writeFile(
    configFile,
    ["http:", "  requestBudget: 1000000", "  maxRatePerSecond: 100000", "timeouts:", "  checkMs: 1800000", "  runMs: 3600000", "fuzz:", "  maxRequestsPerProperty: 1000000", "  maxMsPerProperty: 1800000", ""].join("\n"),
  );
  const costs: DemoCost[] = [];
  for (const runs of RUNS) costs.push(await demoCost(runs, configFile));

  const lines = [
    ...startup,
    "",
    ...lint,
    "",
    "## Fuzzer throughput (sample service on loopback, POST /agent/auth/claim/complete)",
    "",
    "| path | in flight | req/s (median) | ratio to autocannon (median) | ratio range |",
    "|---|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.path} | ${r.connections} | ${median(r.rates).toFixed(0)} | ${median(r.ratios).toFixed(2)} | ${range(r.ratios, 2)} |`),
    "",
    `${ROUNDS} interleaved rounds of ${SECONDS} s per side, on one fresh sample-service process per in-flight count (its own process, --quiet), each side warmed first; a ratio is a side's rate over autocannon's in the same round. The check loop and HttpClient send freshly generated bodies (fast-check) through the harness's client (allowlist, budget, redaction), rate cap lifted; ${autocannonNote}, and so does "undici alone". In a real run the fuzzer is held to http.maxRatePerSecond (default 50/s).`,
    "",
    "## Full demo (every check), politeness caps lifted (budget 1e6, 100000 req/s, no per-property cap)",
    "",
    "| --runs | wall time | peak RSS | result |",
    "|---:|---:|---:|---|",
    ...costs.map((c) => `| ${c.runs} | ${c.wallSeconds.toFixed(1)} s | ${Number.isFinite(c.peakRssMb) ? `${c.peakRssMb} MB` : "n/a"} | ${c.checks} (exit ${c.exitCode}) |`),
    "",
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${(await import("node:os")).cpus().length} CPUs. Peak RSS from /usr/bin/time -v (the CLI process and its vitest worker are measured as the largest single process).`,
  ];
  const text = lines.join("\n");
  process.stdout.write(`${text}\n`);
  await writeFile(path.join(dir, "bench-results.md"), `${text}\n`);
}

await main();
