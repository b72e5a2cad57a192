import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FAULTS, type RunningSampleService, startSampleService, VARIANTS } from "../sample-service/index.ts";
import { FAULTS_V07, startSampleServiceV07, VARIANTS_V07 } from "../sample-service/v0_7/index.ts";
import { SAMPLE_USER_ACTOR_V07 } from "../sample-service/v0_7/user-actor.ts";
import { userActorConfigSchema } from "./actors/v0_7/config.ts";
import { previewLine, printProfileLines } from "./profile-lines.ts";
import { startHarnessServices } from "./harness-services/index.ts";
import { type ConfigOverrides, deepMerge, loadConfig } from "./config/load.ts";
import type { Config } from "./config/schema.ts";
import { ConsoleProgress, printSummary } from "./console-progress.ts";
import { HarnessError } from "./errors.ts";
import { plannedChecks, runConformance, type RunConformanceResult, validateRunRequest } from "./run.ts";
import { tool } from "./version.ts";

export interface DemoOptions {
  faults: string[];
  /**
   * Conformant variants of the sample service (tolerance matrix): sample-service/variants.ts for
   * v0.1 (any number), sample-service/v0_7/variants.ts for v0.7 (one). The variant's harness
   * config (what a user would declare for such a service) is applied under the given flags.
   */
  variants?: string[];
  flags?: ConfigOverrides;
  configFile?: string;
  /** Print progress and the summary (default true). */
  print?: boolean;
  /** Judge the run against a baseline (run --baseline). */
  baseline?: { file: string; allowStale?: boolean };
  /**
   * Play against this already running sample service and leave it running (back-to-back runs
   * against one long-lived service). Its trust list and SMTP target must match this run's fixed
   * provider.port and mailbox port; faults and variants are then the service's own.
   */
  service?: RunningSampleService;
}

export { listFaults } from "./list-faults.ts";

/** The protected API probes of the sample service: a read needs api.read, a write api.write. */
export const SAMPLE_API = {
  read: { method: "GET" as const, path: "/api/notes" },
  write: { method: "POST" as const, path: "/api/notes", body: { text: "written by authmd-conformance" } },
};

/**
 * The demo's provider: always live; the built-in sample service trusts both issuers, so the second
 * is on unless the config turns it off. Keys stay ephemeral unless provider.stateDir is set.
 */
export function demoConfig(base: Config): Config {
  return { ...base, provider: { ...base.provider, mode: "live", second: { ...base.provider.second, enabled: base.provider.second.enabled ?? true } } };
}

/**
 * The profile `demo` plays when no --profile is given (`npm start`): the latest revision. Everything
 * that means "the v0.1 demo" passes `--profile v0.1` explicitly.
 */
export const DEFAULT_DEMO_PROFILE: "v0.1" | "v0.7" = "v0.7";

/** The demo's profile: the forced one, else DEFAULT_DEMO_PROFILE (`auto` is for `run`: the demo knows its service). */
export function demoProfile(flags: ConfigOverrides | undefined): "v0.1" | "v0.7" {
  const forced = flags?.profile;
  if (forced === "v0.1" || forced === "v0.7") return forced;
  if (forced === undefined || forced === "auto") return DEFAULT_DEMO_PROFILE;
  throw new HarnessError("usage", `Unknown profile for demo: ${String(forced)} (v0.1 or v0.7)`, "profile");
}

/** The variants' harness config joins the flags underneath them (deep: an explicit flag wins, an unset one keeps the harness value). */
function withVariantHarness(options: DemoOptions, profile: "v0.1" | "v0.7"): DemoOptions {
  if (!options.variants?.length) return options;
  const table: ReadonlyArray<{ name: string; harness?: Readonly<Record<string, unknown>> }> = profile === "v0.7" ? VARIANTS_V07 : VARIANTS;
  const unknown = options.variants.filter((name) => !table.some((v) => v.name === name));
  if (unknown.length) {
    throw new HarnessError("usage", `Unknown ${profile} variant: ${unknown.join(", ")} (known: ${table.map((v) => v.name).join(", ")})`, "variant");
  }
  const harness = options.variants.reduce<ConfigOverrides>((merged, name) => deepMerge(merged, (table.find((v) => v.name === name)?.harness ?? {}) as ConfigOverrides), {});
  return { ...options, flags: deepMerge(harness, options.flags ?? {}) };
}

/**
 * Start the sample service on a free loopback port with the given faults, run the whole suite
 * against it, write the reports, and stop everything.
 */
export async function runDemo(demoOptions: DemoOptions): Promise<RunConformanceResult> {
  const profile = demoProfile(demoOptions.flags);
  const options = withVariantHarness({ ...demoOptions, flags: { ...demoOptions.flags, profile } }, profile);
  // The built-in v0.7 sample service for the v0.7 demo; otherwise the v0.1 one.
  if (profile === "v0.7") return runDemoV07(options);
  const unknown = options.faults.filter((f) => !FAULTS.some((d) => d.name === f));
  if (unknown.length) {
    throw new HarnessError("usage", `Unknown fault switch: ${unknown.join(", ")} (see demo --list-faults)`, "fault");
  }
  const print = options.print !== false;
  // A directory mailbox without a path (a variant's harness config) reads a fresh folder the
  // sample service writes its mail into; every other demo reads the SMTP sink.
  const wanted = options.flags?.mailbox as { kind?: string; path?: string } | undefined;
  const mailDirectory = wanted?.kind === "directory" ? (wanted.path ?? (await mkdtemp(path.join(tmpdir(), "authmd-demo-mail-")))) : undefined;
  const ownMailDirectory = mailDirectory !== undefined && wanted?.path === undefined;
  // The demo is self-contained: it plays against its own loopback servers only.
  const base = await loadConfig({
    ...(options.configFile ? { file: options.configFile } : {}),
    // A variant's harness config may declare its own api probes (e.g. no write route); else the sample's.
    flags: { ...options.flags, target: "http://127.0.0.1:1", api: options.flags?.api ?? SAMPLE_API, ...(mailDirectory ? { mailbox: { ...wanted, path: mailDirectory } } : {}) },
  });
  // An empty selection or a baseline naming unknown ids is a usage error before anything starts.
  await validateRunRequest(base, options.baseline?.file);
  // The demo reads mail from its own SMTP sink (a configured sink port is kept: a long-lived service
  // sends there), or from the directory a variant's harness config names.
  const smtpPort = base.mailbox.kind === "smtp" ? base.mailbox.port : 0;
  const mailbox = mailDirectory ? base.mailbox : ({ kind: "smtp", host: "127.0.0.1", port: smtpPort, maxMessageBytes: 1024 * 1024, maxStoredMessages: 1000 } as const);
  const services = await startHarnessServices({ ...demoConfig(base), mailbox });
  let service: RunningSampleService | undefined = options.service;
  try {
    const trusted = services.providers ? [services.providers.settings.issuer, ...(services.providers.settings.second ? [services.providers.settings.second.issuer] : [])] : [];
    service ??= await startSampleService({
      faults: options.faults,
      ...(options.variants?.length ? { variants: options.variants } : {}),
      trustedIssuers: trusted,
      ...(services.mailbox?.settings.smtp ? { smtp: services.mailbox.settings.smtp } : {}),
      ...(mailDirectory ? { mailDirectory } : {}),
    });
    // The demo knows the revision of the service it started: v0.1 (forced; `auto` is for `run`).
    const config = { ...base, profile: "v0.1" as const, target: service.url };
    if (print) {
      const faults = options.faults.length ? ` with faults ${options.faults.join(", ")}` : "";
      process.stdout.write(`authmd-conformance ${tool.version} demo: sample service at ${service.url}${faults}\n`);
    }
    const progress = print ? new ConsoleProgress(plannedChecks(config).length) : undefined;
    const result = await runConformance({
      config,
      services,
      profileForcedBy: "the demo (built-in v0.1 sample service)",
      ...(options.baseline ? { baseline: options.baseline } : {}),
      ...(progress ? { onResult: progress.onResult, onProgress: progress.onProgress } : {}),
    }).finally(() => progress?.close());
    if (print) printSummary(result.report, result.files as unknown as Record<string, string>, result.exitCode);
    return result;
  } finally {
    if (service !== options.service) await service?.close();
    await services.close();
    if (ownMailDirectory) await rm(mailDirectory!, { recursive: true, force: true });
  }
}

/** Short lifetimes for the v0.7 demo (the API-01 expiry check waits out an access token). */
export const DEMO_V07_ACCESS_TOKEN_TTL_SECONDS = 4;
/**
 * Short ceremony lifetimes, so the expiry checks (PAGE-07, TOK-CLM-05/06, CLMEP-03) run without
 * --slow: a user_code lives 6 s, an unclaimed registration 15 s; every other check finishes its
 * ceremony well inside them (a form-actor ceremony takes well under a second on loopback).
 */
export const DEMO_V07_USER_CODE_TTL_SECONDS = 6;
export const DEMO_V07_CLAIM_TTL_SECONDS = 15;

/**
 * The v0.7 demo: the built-in v0.7 sample service (sample-service/v0_7) trusting the mock
 * provider's issuers, and the v0.7 checks (a preview: see src/profiles/v0_7/checked.ts).
 */
async function runDemoV07(options: DemoOptions): Promise<RunConformanceResult> {
  const unknown = options.faults.filter((f) => !FAULTS_V07.some((d) => d.name === f));
  if (unknown.length) {
    throw new HarnessError("usage", `Unknown v0.7 fault switch: ${unknown.join(", ")} (see demo --list-faults)`, "fault");
  }
  if ((options.variants?.length ?? 0) > 1) throw new HarnessError("usage", "The v0.7 demo takes one variant at a time", "variant");
  const variant = options.variants?.length ? VARIANTS_V07.find((v) => v.name === options.variants![0]) : undefined;
  const print = options.print !== false;
  const base = await loadConfig({
    ...(options.configFile ? { file: options.configFile } : {}),
    flags: { ...options.flags, profile: "v0.7", target: "http://127.0.0.1:1", api: options.flags?.api ?? SAMPLE_API },
  });
  await validateRunRequest(base, options.baseline?.file);
  const services = await startHarnessServices(demoConfig(base));
  let service: Awaited<ReturnType<typeof startSampleServiceV07>> | undefined;
  try {
    const trusted = services.providers ? [services.providers.settings.issuer, ...(services.providers.settings.second ? [services.providers.settings.second.issuer] : [])] : [];
    service = await startSampleServiceV07({
      accessTokenTtlSeconds: DEMO_V07_ACCESS_TOKEN_TTL_SECONDS,
      userCodeTtlSeconds: DEMO_V07_USER_CODE_TTL_SECONDS,
      claimTtlSeconds: DEMO_V07_CLAIM_TTL_SECONDS,
      ...variant?.service,
      faults: options.faults,
      trustedIssuers: trusted,
    });
    // The user who signs in and confirms on the sample service's pages, unless the config brings its own.
    const config = { ...base, target: service.url, userActor: base.userActor ?? userActorConfigSchema.parse(SAMPLE_USER_ACTOR_V07) };
    if (print) {
      const faults = options.faults.length ? ` with faults ${options.faults.join(", ")}` : "";
      const built = variant ? ` (variant ${variant.name})` : "";
      process.stdout.write(`authmd-conformance ${tool.version} demo: v0.7 sample service${built} at ${service.url}${faults}\n`);
    }
    const progress = print ? new ConsoleProgress(plannedChecks(config, "v0.7").length) : undefined;
    const result = await runConformance({
      config,
      services,
      profileForcedBy: "demo --profile v0.7 (built-in v0.7 sample service)",
      // The seeded accounts of the sample service (first-link confirmation needs an existing one).
      ...(options.baseline ? { baseline: options.baseline } : {}),
      ...(progress ? { onResult: progress.onResult, onProgress: progress.onProgress, onProfile: (d, c) => printProfileLines(d, c) } : {}),
    }).finally(() => progress?.close());
    if (print) {
      printSummary(result.report, result.files as unknown as Record<string, string>, result.exitCode);
      const preview = previewLine(result.report.coverage, result.report.profile);
      if (preview) process.stdout.write(`${preview}\n`);
    }
    return result;
  } finally {
    await service?.close();
    await services.close();
  }
}
