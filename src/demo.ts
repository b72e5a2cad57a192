import { FAULTS, type RunningSampleService, startSampleService } from "../sample-service/index.ts";
import { startHarnessServices } from "./harness-services/index.ts";
import { type ConfigOverrides, loadConfig } from "./config/load.ts";
import { printResult, printSummary } from "./console-progress.ts";
import { HarnessError } from "./errors.ts";
import { runConformance, type RunConformanceResult, validateRunRequest } from "./run.ts";
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
}

/** `demo --list-faults`: one line per fault switch, name<TAB>requirement ids. */
export function listFaults(): string[] {
  return FAULTS.map((f) => `${f.name}\t${f.requirementIds.join(",")}`);
}

/** The protected API probes of the sample service: a read needs api.read, a write api.write. */
export const SAMPLE_API = {
  read: { method: "GET" as const, path: "/api/notes" },
  write: { method: "POST" as const, path: "/api/notes", body: { text: "written by authmd-conformance" } },
};

/**
 * Start the sample service on a free loopback port with the given faults, run the whole suite
 * against it, write the reports, and stop everything.
 */
export async function runDemo(options: DemoOptions): Promise<RunConformanceResult> {
  const unknown = options.faults.filter((f) => !FAULTS.some((d) => d.name === f));
  if (unknown.length) {
    throw new HarnessError("usage", `Unknown fault switch: ${unknown.join(", ")} (see demo --list-faults)`, "fault");
  }
  const print = options.print !== false;
  // The demo is self-contained: it plays against its own loopback servers only.
  const base = await loadConfig({
    ...(options.configFile ? { file: options.configFile } : {}),
    flags: { ...options.flags, target: "http://127.0.0.1:1", api: SAMPLE_API },
  });
  // An empty selection or a baseline naming unknown ids is a usage error before anything starts.
  await validateRunRequest(base, options.baseline?.file);
  const services = await startHarnessServices({ ...base, provider: { ...base.provider, mode: "live" }, mailbox: { kind: "smtp", host: "127.0.0.1", port: 0, maxMessageBytes: 1024 * 1024, maxStoredMessages: 1000 } });
  let service: RunningSampleService | undefined;
  try {
    const trusted = services.providers ? [services.providers.settings.issuer, ...(services.providers.settings.second ? [services.providers.settings.second.issuer] : [])] : [];
    service = await startSampleService({
      faults: options.faults,
      ...(options.variants?.length ? { variants: options.variants } : {}),
      trustedIssuers: trusted,
      ...(services.mailbox?.settings.smtp ? { smtp: services.mailbox.settings.smtp } : {}),
    });
    const config = { ...base, target: service.url };
    if (print) {
      const faults = options.faults.length ? ` with faults ${options.faults.join(", ")}` : "";
      process.stdout.write(`authmd-conformance ${tool.version} demo: sample service at ${service.url}${faults}\n`);
    }
    const result = await runConformance({
      config,
      services,
      ...(options.baseline ? { baseline: options.baseline } : {}),
      ...(print ? { onResult: (r) => printResult(r) } : {}),
    });
    if (print) printSummary(result.report, result.files as unknown as Record<string, string>, result.exitCode);
    return result;
  } finally {
    await service?.close();
    await services.close();
  }
}
