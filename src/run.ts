import { randomInt } from "node:crypto";
import path from "node:path";
import { rm } from "node:fs/promises";
import type { Config } from "./config/schema.ts";
import { HarnessError } from "./errors.ts";
import { RequestBudget } from "./http/budget.ts";
import { HttpClient } from "./http/client.ts";
import { Redactor } from "./http/redact.ts";
import { getProfile, type Profile, profiles } from "./profiles/index.ts";
import { coverageOfProfile, isSelected, requirementsForProfile } from "./requirements/catalogue.ts";
import { detectProfile, forcedProfile, type ProfileDetection } from "./profiles/detect.ts";
import type { Requirement } from "./requirements/types.ts";
import type { Target } from "./target/target.ts";
import { type Baseline, evaluateBaseline, loadBaseline, runExitCode, unknownBaselineIds } from "./report/baseline.ts";
import { EXIT } from "./report/exit-code.ts";
import type { Cause, CheckResult, Report } from "./report/model.ts";
import { blockedResult, harnessErrorResult, summarize, verdictOf } from "./report/model.ts";
import { lookLikeAuthMd } from "./target/entry-documents.ts";
import { noDiscoveryCause } from "./target/causes.ts";
import { type WrittenReports, writeReports } from "./report/write.ts";
import { runSuites } from "./runner/run-suites.ts";
import type { SuiteRunData } from "./suite/provided.ts";
import type { ProgressEvent } from "./suite/progress.ts";
import { discoverTarget } from "./target/discover.ts";
import { type HarnessServices, startHarnessServices } from "./harness-services/index.ts";
import { tool } from "./version.ts";

/** `--slow`: a check may wait out a 600 s user_code (PAGE-07, TOK-CLM-05), a run several of them. */
export const SLOW_TIER_CHECK_MS = 660_000;
export const SLOW_TIER_RUN_MS = 3_600_000;

export interface RunConformanceOptions {
  config: Config;
  /** Pre-started harness services (the demo starts them before the sample service); else started here. */
  services?: HarnessServices;
  onResult?: (result: CheckResult) => void;
  /** A check started or waits long (see suite/progress.ts): for the console. */
  onProgress?: (event: ProgressEvent) => void;
  /** Who forced a non-auto profile, for the record (default: "--profile / the config's profile"). */
  profileForcedBy?: string;
  /** Told which profile the run certifies and why, before any check runs. */
  onProfile?: (detection: ProfileDetection, coverage: Report["coverage"]) => void;
  /** Write report files (default true). */
  write?: boolean;
  /** Judge the run against a baseline (report.json or expected-failures.yaml): see report/baseline.ts. */
  baseline?: { file: string; allowStale?: boolean };
  /** Extra per-suite settings from the caller (the v0.7 demo names its service's seeded accounts). */
  settings?: Record<string, unknown>;
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
  // Before anything starts: an empty selection, a bad baseline path or an unknown id is a quick usage error.
  await validateRunRequest(config);
  const baseline = options.baseline ? await loadCheckedBaseline(options.baseline.file, config) : undefined;
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

/** The profile a run falls back to before (or without) detection: today's v0.1. */
function fallbackProfileId(config: Pick<Config, "profile">): string {
  return config.profile === "auto" ? "v0.1" : config.profile;
}

/** The checks a run would execute: the profile's catalogue filtered by only, skip and passive. */
export function plannedChecks(config: Pick<Config, "profile" | "only" | "skip" | "passive">, profileId = fallbackProfileId(config)): Requirement[] {
  const profile = getProfile(profileId);
  return requirementsForProfile(profile.id).filter((r) => isSelected(r, { only: config.only, skip: config.skip, passive: config.passive }));
}

/** The profiles a run may end up certifying: all of them under `auto`, else the forced one. */
function candidateProfileIds(config: Pick<Config, "profile">): string[] {
  return config.profile === "auto" ? profiles.map((p) => p.id) : [config.profile];
}

/**
 * Checks that a run would judge something at all, before anything starts: the selection matches a
 * check, and the baseline names only ids the profile has (a typo would excuse nothing, silently).
 * Under `auto` the profile is not known yet: a selection or baseline id of any profile is accepted.
 */
export async function validateRunRequest(config: Config, baselineFile?: string): Promise<void> {
  if (candidateProfileIds(config).every((id) => plannedChecks(config, id).length === 0)) {
    const what = [config.only.length ? `--only ${config.only.join(",")}` : "", config.skip.length ? `--skip ${config.skip.join(",")}` : "", config.passive ? "--passive" : ""].filter(Boolean).join(" ");
    throw new HarnessError("usage", `The selection ${what || "(all)"} matches no check of profile ${config.profile} (see: authmd-conformance requirements)`, config.only.length ? "only" : "skip");
  }
  if (baselineFile) await loadCheckedBaseline(baselineFile, config);
}

async function loadCheckedBaseline(file: string, config: Config): Promise<Baseline> {
  const baseline = await loadBaseline(file);
  const known = candidateProfileIds(config).flatMap((id) => requirementsForProfile(id).map((r) => r.id));
  const unknown = unknownBaselineIds(baseline, known);
  if (unknown.length) {
    throw new HarnessError("usage", `Baseline ${file} names ids that profile ${config.profile} does not have: ${unknown.join(", ")} (see: authmd-conformance requirements)`, "baseline");
  }
  return baseline;
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
  // Discovery reads the same well-known documents in every revision; under `auto` the fallback
  // profile's paths are used, and the revision is picked from what they say.
  let profile = getProfile(fallbackProfileId(config));
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
    report.profileDetection = undetected(config, profile, "the target could not be reached");
    return finish(report, options, config);
  }

  // No discovery documents at all (no PRM JSON, no Markdown manifest): not an auth.md service.
  // One finding, at once: every planned check is blocked by it and no suite is started.
  const missing = noDiscoveryCause(target);
  const entry = missing ? await lookLikeAuthMd(http, target) : undefined;
  if (missing && entry && !entry.authMd) {
    const cause: Cause = {
      ...missing,
      title: `Not an auth.md service: ${target.origin} serves no auth.md discovery documents (no Protected Resource Metadata JSON, no Markdown manifest)`,
      evidence: { ...missing.evidence, message: `${missing.evidence.message} ${entry.summary}`, exchanges: entry.exchanges },
    };
    const checks = plannedChecks(config).map((r) => blockedResult(r, cause));
    const report = buildReport({ config, profile, seed, startedAt, started, target, checks, harnessErrors: [], causes: [cause], services, baseline, allowStale: options.baseline?.allowStale === true });
    report.profileDetection = undetected(config, profile, "the target serves no discovery documents");
    return finish(report, options, config);
  }

  // Which revision to certify: forced, or detected from the AS metadata (src/profiles/detect.ts).
  const detection = config.profile === "auto" ? detectProfile(target) : forcedProfile(config.profile, options.profileForcedBy);
  if (detection.chosen === null) {
    const report = buildReport({ config, profile, seed, startedAt, started, target, checks: [], harnessErrors: [`profile_undetected: ${detection.reason}`], causes: [], services, baseline, allowStale: options.baseline?.allowStale === true });
    report.profile = "auto";
    report.profileDetection = detection;
    delete report.coverage;
    options.onProfile?.(detection, undefined);
    return finish(report, options, config);
  }
  profile = getProfile(detection.chosen);
  target = { ...target, profile: profile.id };
  if (plannedChecks(config, profile.id).length === 0) {
    // Under auto the selection was checked against every profile; the detected one may have none of it.
    throw new HarnessError("usage", `The selection matches no check of the detected profile ${profile.id} (${detection.reason}); see: authmd-conformance requirements --profile ${profile.id}`, config.only.length ? "only" : "skip");
  }
  options.onProfile?.(detection, coverageLine(profile.id));

  const data: SuiteRunData = {
    target,
    seed,
    only: config.only,
    skip: config.skip,
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
      slow: config.slow,
      ...(config.userActor ? { userActor: config.userActor } : {}),
      ...options.settings,
    },
  };

  const outDir = path.resolve(config.out);
  const allureResultsDir = path.join(outDir, "allure-results");
  if (options.write !== false) await rm(allureResultsDir, { recursive: true, force: true });
  const outcome = await runSuites({
    profile,
    data,
    // The slow tier waits out lifetimes of up to 600 s (a user_code) inside one check.
    checkTimeoutMs: config.slow ? Math.max(config.timeouts.checkMs, SLOW_TIER_CHECK_MS) : config.timeouts.checkMs,
    runTimeoutMs: config.slow ? Math.max(config.timeouts.runMs, SLOW_TIER_RUN_MS) : config.timeouts.runMs,
    ...(options.write !== false ? { allureResultsDir } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  // A prerequisite missing from discovery blocks checks in every flow: when no PRM was found the
  // discovery checks say what is there, and the cause names what is not.
  const report = buildReport({
    config,
    profile,
    seed,
    startedAt,
    started,
    target,
    checks: outcome.checks,
    harnessErrors: outcome.harnessErrors,
    causes: outcome.causes,
    services,
    baseline,
    allowStale: options.baseline?.allowStale === true,
  });
  report.profileDetection = detection;
  return finish(report, options, config);
}

function buildReport(r: {
  config: Config;
  profile: Profile;
  seed: number;
  startedAt: Date;
  started: number;
  target: Target;
  checks: CheckResult[];
  harnessErrors: string[];
  causes: Cause[];
  services: HarnessServices;
  baseline: Baseline | undefined;
  allowStale: boolean;
}): Report {
  return {
    tool,
    target: { url: r.target.url },
    profile: r.profile.id,
    seed: r.seed,
    startedAt: r.startedAt.toISOString(),
    durationMs: Math.round(performance.now() - r.started),
    summary: summarize(r.checks),
    causes: r.causes,
    verdict: verdictOf(r.checks, r.harnessErrors),
    harnessErrors: r.harnessErrors,
    checks: r.checks,
    ledger: r.services.ledger.entries,
    ...(r.baseline ? { baseline: evaluateBaseline(r.checks, r.baseline, r.allowStale) } : {}),
    coverage: coverageLine(r.profile.id),
  };
}

/** The report's coverage field: how many of the profile's requirements have checks. */
function coverageLine(profileId: string): NonNullable<Report["coverage"]> {
  const { checked, total, preview, excluded } = coverageOfProfile(profileId);
  return { checked, total, preview, ...(excluded.length ? { excluded } : {}) };
}

/** A run judged under the fallback profile because there was nothing to detect from. */
function undetected(config: Pick<Config, "profile">, profile: Profile, why: string): ProfileDetection {
  if (config.profile !== "auto") return forcedProfile(config.profile);
  return { chosen: null, how: "detected", reason: `No revision detected (${why}); reported under ${profile.id}, the fallback`, evidence: {} };
}

/**
 * The exit code, and the verdict it allows: exit 2 is "no verdict" (the harness could not judge),
 * so nothing written then says "not conformant". Then the reports are written.
 */
async function finish(report: Report, options: RunConformanceOptions, config: Config): Promise<RunConformanceResult> {
  const exitCode = runExitCode(report);
  if (exitCode === EXIT.harness) report.verdict = "no verdict";
  const files = options.write === false ? undefined : await writeReports(report, path.resolve(config.out));
  return { report, exitCode, ...(files ? { files } : {}) };
}

function unreachableReport(config: Config & { target: string }, profile: Profile, seed: number, startedAt: Date, started: number, err: HarnessError): Report {
  const message = `Harness error: target unreachable [${err.code}]: ${err.message}`;
  const checks: CheckResult[] = requirementsForProfile(profile.id)
    .filter((r) => isSelected(r, { only: config.only, skip: config.skip, passive: config.passive }))
    .map((r) => harnessErrorResult(r, message));
  return {
    tool,
    target: { url: config.target },
    profile: profile.id,
    seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: summarize(checks),
    causes: [],
    // Nothing was judged: the target could not be reached.
    verdict: "no verdict",
    harnessErrors: [`${err.code}: ${err.message}`],
    checks,
    ledger: [],
  };
}
