import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FAULTS, type RunningSampleService, startSampleService } from "../sample-service/index.ts";
import { FAULTS_V07, startSampleServiceV07 } from "../sample-service/v0_7/index.ts";
import { previewLine, printProfileLines } from "./profile-lines.ts";
import { startHarnessServices } from "./harness-services/index.ts";
import { type ConfigOverrides, loadConfig } from "./config/load.ts";
import type { Config } from "./config/schema.ts";
import { ConsoleProgress, printSummary } from "./console-progress.ts";
import { HarnessError } from "./errors.ts";
import { plannedChecks, runConformance, type RunConformanceResult, validateRunRequest } from "./run.ts";
import { tool } from "./version.ts";

export interface DemoOptions {
  faults: string[];
  /** Conformant variants of the sample service (tolerance matrix); see sample-service/variants.ts. */
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
 * Start the sample service on a free loopback port with the given faults, run the whole suite
 * against it, write the reports, and stop everything.
 */
export async function runDemo(options: DemoOptions): Promise<RunConformanceResult> {
  // `demo --profile v0.7` plays against the built-in v0.7 sample service; otherwise the v0.1 one.
  if (options.flags?.profile === "v0.7") return runDemoV07(options);
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
 * Short ceremony lifetimes, so the expiry checks (TOK-CLM-05/06, CLMEP-03) run without --slow:
 * a user_code lives 5 s, an unclaimed registration 10 s; every other check finishes its ceremony
 * well inside them.
 */
export const DEMO_V07_USER_CODE_TTL_SECONDS = 5;
export const DEMO_V07_CLAIM_TTL_SECONDS = 10;

/**
 * The v0.7 demo: the built-in v0.7 sample service (sample-service/v0_7) trusting the mock
 * provider's issuers, and the v0.7 checks (a preview: see src/profiles/v0_7/checked.ts).
 */
async function runDemoV07(options: DemoOptions): Promise<RunConformanceResult> {
  const unknown = options.faults.filter((f) => !FAULTS_V07.some((d) => d.name === f));
  if (unknown.length) {
    throw new HarnessError("usage", `Unknown v0.7 fault switch: ${unknown.join(", ")} (see demo --list-faults)`, "fault");
  }
  if (options.variants?.length) throw new HarnessError("usage", "The v0.7 sample service has no tolerance variants yet", "variant");
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
      faults: options.faults,
      trustedIssuers: trusted,
      accessTokenTtlSeconds: DEMO_V07_ACCESS_TOKEN_TTL_SECONDS,
      userCodeTtlSeconds: DEMO_V07_USER_CODE_TTL_SECONDS,
      claimTtlSeconds: DEMO_V07_CLAIM_TTL_SECONDS,
    });
    const config = { ...base, target: service.url };
    if (print) {
      const faults = options.faults.length ? ` with faults ${options.faults.join(", ")}` : "";
      process.stdout.write(`authmd-conformance ${tool.version} demo: v0.7 sample service at ${service.url}${faults}\n`);
    }
    const progress = print ? new ConsoleProgress(plannedChecks(config, "v0.7").length) : undefined;
    const result = await runConformance({
      config,
      services,
      profileForcedBy: "demo --profile v0.7 (built-in v0.7 sample service)",
      // The seeded accounts of the sample service (first-link confirmation needs an existing one).
      settings: { accounts: { existing: [...service.accounts] } },
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
