import { randomInt } from "node:crypto";
import path from "node:path";
import { rm } from "node:fs/promises";
import type { Config } from "./config/schema.ts";
import { HarnessError } from "./errors.ts";
import { RequestBudget } from "./http/budget.ts";
import { HttpClient } from "./http/client.ts";
import { Redactor } from "./http/redact.ts";
import { getProfile, type Profile } from "./profiles/index.ts";
import { isSelected, requirementsForProfile } from "./requirements/catalogue.ts";
import type { Target } from "./target/target.ts";
import { type Baseline, evaluateBaseline, loadBaseline, runExitCode } from "./report/baseline.ts";
import type { CheckResult, Report } from "./report/model.ts";
import { harnessErrorResult, mustFailures, summarize } from "./report/model.ts";
import { type WrittenReports, writeReports } from "./report/write.ts";
import { runSuites } from "./runner/run-suites.ts";
import type { SuiteRunData } from "./suite/provided.ts";
import { discoverTarget } from "./target/discover.ts";
import { type HarnessServices, startHarnessServices } from "./harness-services/index.ts";
import { tool } from "./version.ts";

export interface RunConformanceOptions {
  config: Config;
  /** Pre-started harness services (the demo starts them before the sample service); else started here. */
  services?: HarnessServices;
  onResult?: (result: CheckResult) => void;
  /** Write report files (default true). */
  write?: boolean;
  /** Judge the run against a baseline (report.json or expected-failures.yaml): see report/baseline.ts. */
  baseline?: { file: string; allowStale?: boolean };
}

export interface RunConformanceResult {
  report: Report;
  exitCode: number;
  files?: WrittenReports;
}

/** Discover the target, run the profile's suites against it, and write the reports. */
export async function runConformance(options: RunConformanceOptions): Promise<RunConformanceResult> {
  const config = options.config as Config & { target: string };
  if (!config.target) throw new HarnessError("usage", "No target: pass --target <url> or set target in the config", "target");
  getProfile(config.profile);
  // Read the baseline before anything starts, so a bad path is a quick usage error.
  const baseline = options.baseline ? await loadBaseline(options.baseline.file) : undefined;
  const seed = config.seed ?? randomInt(0, 2 ** 31 - 1);
  const startedAt = new Date();
  const started = performance.now();

  const ownServices = options.services ? undefined : await startHarnessServices(config, { log: (line) => process.stdout.write(`${line}\n`) });
  const services = (options.services ?? ownServices)!;
  try {
    return await runWithServices(options, config, services, seed, startedAt, started, baseline);
  } finally {
    await ownServices?.close();
  }
}

async function runWithServices(
  options: RunConformanceOptions,
  config: Config & { target: string },
  services: HarnessServices,
  seed: number,
  startedAt: Date,
  started: number,
  baseline: Baseline | undefined,
): Promise<RunConformanceResult> {
  const profile = getProfile(config.profile);
  const origin = new URL(config.target).origin;
  const allowedOrigins = [...new Set([origin, ...config.http.allowedOrigins.map((u) => new URL(u).origin), ...services.origins])];
  const budget = new RequestBudget(config.http.requestBudget, config.http.maxRatePerSecond);
  const http = new HttpClient({
    requestTimeoutMs: config.timeouts.requestMs,
    maxBodyBytes: config.http.maxBodyBytes,
    allowedOrigins: new Set(allowedOrigins),
    defaultHeaders: config.http.headers,
    budget,
    redactor: new Redactor(),
    readOnly: config.passive,
    slowDown: config.http.slowDown,
  });
  let target: Target;
  try {
    target = await discoverTarget({ targetUrl: config.target, profile, http, api: config.api, allowedOrigins });
  } catch (err) {
    // Nothing to judge when the target cannot be reached at all: every planned check is a
    // harness error saying so, the reports are still written, and the run exits 2.
    if (!(err instanceof HarnessError) || (err.code !== "target_unreachable" && err.code !== "timeout")) throw err;
    const report = unreachableReport(config, profile, seed, startedAt, started, err);
    const files = options.write === false ? undefined : await writeReports(report, path.resolve(config.out));
    return { report, exitCode: runExitCode(report), ...(files ? { files } : {}) };
  }

  const data: SuiteRunData = {
    target,
    seed,
    only: config.only,
    passive: config.passive,
    requestTimeoutMs: config.timeouts.requestMs,
    maxBodyBytes: config.http.maxBodyBytes,
    requestBudget: Math.max(0, config.http.requestBudget - budget.spent),
    maxRatePerSecond: config.http.maxRatePerSecond,
    headers: config.http.headers,
    slowDown: config.http.slowDown,
    userEmail: config.user.email,
    settings: {
      ...services.settings,
      audience: config.audience,
      ...(config.strictCodes ? { strictCodes: config.strictCodes } : {}),
      fuzz: config.fuzz,
      rateLimit: config.rateLimit,
    },
  };

  const outDir = path.resolve(config.out);
  const allureResultsDir = path.join(outDir, "allure-results");
  if (options.write !== false) await rm(allureResultsDir, { recursive: true, force: true });
  const outcome = await runSuites({
    profile,
    data,
    checkTimeoutMs: config.timeouts.checkMs,
    runTimeoutMs: config.timeouts.runMs,
    ...(options.write !== false ? { allureResultsDir } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });

  const report: Report = {
    tool,
    target: { url: target.url },
    profile: profile.id,
    seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: summarize(outcome.checks),
    verdict: mustFailures(outcome.checks).length === 0 && outcome.checks.length > 0 ? "conformant" : "not conformant",
    harnessErrors: outcome.harnessErrors,
    checks: outcome.checks,
    ledger: services.ledger.entries,
    ...(baseline ? { baseline: evaluateBaseline(outcome.checks, baseline, options.baseline?.allowStale === true) } : {}),
  };
  const files = options.write === false ? undefined : await writeReports(report, outDir);
  return { report, exitCode: runExitCode(report), ...(files ? { files } : {}) };
}

function unreachableReport(config: Config & { target: string }, profile: Profile, seed: number, startedAt: Date, started: number, err: HarnessError): Report {
  const message = `Harness error: target unreachable [${err.code}]: ${err.message}`;
  const checks: CheckResult[] = requirementsForProfile(profile.id)
    .filter((r) => isSelected(r, { only: config.only, passive: config.passive }))
    .map((r) => harnessErrorResult(r, message));
  return {
    tool,
    target: { url: config.target },
    profile: profile.id,
    seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: summarize(checks),
    verdict: "not conformant",
    harnessErrors: [`${err.code}: ${err.message}`],
    checks,
    ledger: [],
  };
}
