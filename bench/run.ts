/**
 * `npm run bench` (not a test): how fast the fuzzer drives one endpoint of the sample service on
 * loopback compared with autocannon on the same endpoint in the same run, and what the whole
 * demo costs at --runs 100 and 1000. Prints a table and writes .tmp/bench-results.md.
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
import { Redactor } from "../src/http/redact.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 16];
// BENCH_RUNS="" measures throughput only.
const RUNS = (process.env.BENCH_RUNS ?? "100,1000").split(",").map(Number).filter((n) => n > 0);

function fuzzClient(origin: string): HttpClient {
  // The client every check uses (allowlist, redaction, exchange log), with the rate cap lifted.
  return new HttpClient({
    requestTimeoutMs: 10_000,
    maxBodyBytes: 1_048_576,
    allowedOrigins: new Set([origin]),
    budget: new RequestBudget(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    redactor: new Redactor(),
  });
}

/**
 * The fuzzer on /complete: generated bodies through HttpClient, `connections` at once, for
 * SECONDS. `recording: false` is the brute-force client (same HttpClient, nothing recorded).
 */
async function fuzzerRate(url: string, origin: string, connections: number, recording = true, seconds = SECONDS): Promise<number> {
  const http = recording
    ? fuzzClient(origin)
    : createAttackClient({ requestTimeoutMs: 10_000, maxBodyBytes: 1_048_576, allowedOrigins: [origin], headers: {}, maxAttempts: Number.MAX_SAFE_INTEGER - 1 });
  const cases = bodyCaseArbitrary(["complete"]);
  if (connections === 1) {
    // The real property loop (fast-check + runProperty), as a check runs it.
    const started = performance.now();
    const outcome = await runProperty(
      http,
      cases,
      async (c, client) => {
        await client.send({ method: "POST", url, headers: { "content-type": contentTypeOf(c) }, body: renderBody(c) });
        return undefined;
      },
      { runs: 1_000_000, maxRequests: Number.MAX_SAFE_INTEGER, maxMs: seconds * 1000, seed: 1 },
    );
    return outcome.requests / ((performance.now() - started) / 1000);
  }
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  let seed = 1;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const batch = fc.sample(cases, { seed: seed++, numRuns: 50 });
        for (const c of batch) {
          if (Date.now() >= deadline) break;
          await http.send({ method: "POST", url, headers: { "content-type": contentTypeOf(c) }, body: renderBody(c) });
          sent++;
        }
      }
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

function contentTypeOf(c: BodyCase): string {
  return c.contentType === "(none)" ? "text/plain" : c.contentType;
}

/** autocannon on the same endpoint, cycling through bodies drawn from the fuzzer's generator. */
async function autocannonRate(url: string, connections: number, seconds = SECONDS): Promise<number> {
  const cases = fc.sample(bodyCaseArbitrary(["complete"]), { seed: 1, numRuns: 2000 }).map((c) => ({ body: renderBody(c), contentType: contentTypeOf(c) }));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: "POST",
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const c = cases[next++ % cases.length]!;
          return { ...req, method: "POST", body: c.body, headers: { "content-type": c.contentType } };
        },
      },
    ],
  });
  return result.requests.total / seconds;
}

/** The sample service in its own process (the target), until `close`. */
async function startServiceProcess(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, "bin", "authmd-conformance.mjs"), "sample-service", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("sample service did not start within 30 s")), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const match = /listening at (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
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
  const args = [path.join(root, "bin", "authmd-conformance.mjs"), "demo", "--runs", String(runs), "--config", configFile, "--out", out, "--seed", "1"];
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
 * `measure` against a fresh service process, warmed first (JIT, connection pools): the service
 * keeps state between requests, so sharing one would favour whichever side is measured first.
 */
async function onFreshService(measure: (url: string, origin: string) => Promise<number>): Promise<number> {
  const service = await startServiceProcess();
  const url = `${service.url}/agent/auth/claim/complete`;
  try {
    await autocannonRate(url, 16, 2);
    await fuzzerRate(url, service.url, 1, true, 2);
    return await measure(url, service.url);
  } finally {
    await service.close();
  }
}

async function main(): Promise<void> {
  const rows: { path: string; connections: number; fuzzer: number; autocannon: number }[] = [];
  for (const connections of CONNECTIONS) {
    const fuzzer = await onFreshService((url, origin) => fuzzerRate(url, origin, connections));
    const cannon = await onFreshService((url) => autocannonRate(url, connections));
    rows.push({ path: connections === 1 ? "check loop (runProperty), recorded" : "HttpClient, recorded", connections, fuzzer, autocannon: cannon });
  }
  const attack = await onFreshService((url, origin) => fuzzerRate(url, origin, 16, false));
  const cannon = await onFreshService((url) => autocannonRate(url, 16));
  rows.push({ path: "HttpClient, nothing recorded (brute-force client)", connections: 16, fuzzer: attack, autocannon: cannon });

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
    "## Fuzzer throughput (sample service on loopback, POST /agent/auth/claim/complete)",
    "",
    "| fuzzer path | in flight | fuzzer req/s | autocannon req/s | ratio |",
    "|---|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.path} | ${r.connections} | ${r.fuzzer.toFixed(0)} | ${r.autocannon.toFixed(0)} | ${(r.fuzzer / r.autocannon).toFixed(2)} |`),
    "",
    `${SECONDS} s per measurement, each against a fresh service process warmed for 2 s by both clients. The fuzzer sends generated bodies (fast-check) through the harness's HttpClient (allowlist, redaction, exchange record); with 1 in flight it is the property loop a check runs (runProperty), rate cap lifted. autocannon cycles through 2,000 bodies drawn from the same generator (same seed); the sample service runs in its own process. In a real run the fuzzer is held to http.maxRatePerSecond (default 50/s).`,
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
