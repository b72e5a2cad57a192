/**
 * The tolerance matrix, the kill matrix's twin: run the suite against every conformant variant of
 * the sample service (sample-service/variants/) and require zero MUST failures. A variant is built
 * differently from the default service but stays within the sources, so a MUST that does not pass
 * on it is a false finding of the suite.
 *
 *   npm run test:tolerance                  every variant of both profiles (v0.1, then v0.7), the
 *                                           whole suite; prints `tolerance: K/N variants conformant`
 *   … tolerance-matrix.ts --variants a,b    just these variants (v0.1 or v0.7 names)
 *   … tolerance-matrix.ts --profile v0.7    only the v0.7 variants (sample-service/v0_7/variants.ts; test/tolerance/v07.ts)
 *   … tolerance-matrix.ts --scope fast      only each variant's fastScope ids (what npm test runs)
 *
 * A variant with runs > 1 is run back to back (RUN_GAP_MS apart) against ONE long-lived sample
 * service, each run a fresh harness on fixed addresses with one provider state directory.
 */
import { fileURLToPath } from "node:url";
import { rm } from "node:fs/promises";
import { setTimeout } from "node:timers/promises";
import { type RunningSampleService, startSampleService, VARIANTS, type VariantDefinition } from "../../sample-service/index.ts";
import { SECOND_ISSUER_PATH } from "../../src/harness-services/providers.ts";
import { runDemo } from "../../src/demo.ts";
import type { CheckResult, Report } from "../../src/report/model.ts";
import { tempDir } from "../support/cli.ts";
import { freePort } from "../support/free-port.ts";

export interface ToleranceRow {
  variant: string;
  verdict: "conformant" | "false-finding" | "unstable" | "crashed";
  /** MUST checks that did not pass or skip, with their status and message. */
  problems: string[];
  /** Checks the variant made skip, with the reason (a skip is allowed but must be named). */
  skipped: string[];
  /** v0.7: declared SHOULD/MAY ids that did not pass (the variant leaves them out on purpose). */
  allowed?: string[];
  exitCodes: Array<number | null>;
  seconds: number;
}

/** Requests per second against the matrix's own loopback service (the default 50/s paces staging servers). */
const MATRIX_RATE_PER_SECOND = 5_000;

/**
 * A MUST that neither passed nor was skipped is a false finding on a conformant variant: fail,
 * error, and blocked (a prerequisite the variant should have met is missing).
 */
export function mustProblems(report: Report): string[] {
  return report.checks
    .filter((c) => c.level === "MUST" && c.status !== "pass" && c.status !== "skip")
    .map((c) => `${c.id} (${c.status}: ${c.message.slice(0, 160)})`);
}

function statuses(report: Report): string {
  return report.checks.map((c: CheckResult) => `${c.id}=${c.status}`).join(" ");
}

/** Pause between back-to-back runs: well inside any JWKS refetch cooldown worth testing (30 s, 5 min). */
const RUN_GAP_MS = 5_000;
/** Wait before the baseline's one key-lookup retry (the default 5 s would only slow a false finding down). */
const BASELINE_RETRY_MS = 300;

/**
 * For runs > 1: one sample service lives across the runs, as a real deployment does. Each run is a
 * fresh harness (mock provider, SMTP sink) on the same fixed addresses, keeping its signing keys in
 * one state directory, exactly like two CLI invocations with provider.port and provider.stateDir set.
 */
interface LongLived {
  service: RunningSampleService;
  provider: { port: number; stateDir: string };
  smtpPort: number;
  close(): Promise<void>;
}

async function startLongLived(variant: VariantDefinition): Promise<LongLived> {
  const [port, smtpPort] = [await freePort(), await freePort()];
  const stateDir = await tempDir("authmd-tolerance-state-");
  const issuer = `http://127.0.0.1:${port}`;
  const harnessProvider = (variant.harness.provider ?? {}) as { second?: { enabled?: boolean } };
  // The demo's default: the second issuer on, served at a path of the primary's listener.
  const secondOn = harnessProvider.second?.enabled ?? true;
  const service = await startSampleService({
    variants: [variant.name],
    trustedIssuers: [issuer, ...(secondOn ? [`${issuer}${SECOND_ISSUER_PATH}`] : [])],
    smtp: { host: "127.0.0.1", port: smtpPort },
  });
  return {
    service,
    provider: { port, stateDir },
    smtpPort,
    async close() {
      await service.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export async function runVariant(variant: VariantDefinition, scope: "full" | "fast"): Promise<ToleranceRow> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const only = scope === "fast" ? variant.fastScope : [];
  const reports: Report[] = [];
  const exitCodes: Array<number | null> = [];
  let longLived: LongLived | undefined;
  try {
    if (variant.runs > 1) longLived = await startLongLived(variant);
    for (let run = 0; run < variant.runs; run++) {
      if (run > 0) await setTimeout(RUN_GAP_MS);
      const out = await tempDir("authmd-tolerance-");
      try {
        const provider = { ...(variant.harness.provider as object | undefined), baselineRetryMs: BASELINE_RETRY_MS, ...longLived?.provider };
        const result = await runDemo({
          faults: [],
          variants: [variant.name],
          print: false,
          ...(longLived ? { service: longLived.service } : {}),
          // Mail arrives in ~150 ms on loopback; the short wait keeps a false "no mail" cheap.
          flags: {
            ...variant.harness,
            profile: "v0.1",
            provider,
            ...(longLived ? { mailbox: { kind: "smtp", port: longLived.smtpPort } } : {}),
            out,
            seed: 11,
            only,
            mail: { waitMs: 3000 },
            http: { maxRatePerSecond: MATRIX_RATE_PER_SECOND },
          },
        });
        reports.push(result.report);
        exitCodes.push(result.exitCode);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    }
  } catch (err) {
    return { variant: variant.name, verdict: "crashed", problems: [(err as Error).message], skipped: [], exitCodes, seconds: seconds() };
  } finally {
    await longLived?.close();
  }
  const problems = [...new Set(reports.flatMap(mustProblems))];
  const skipped = [...new Set(reports.flatMap((r) => r.checks.filter((c) => c.status === "skip").map((c) => `${c.id} (${c.message.slice(0, 120)})`)))];
  const stable = reports.every((r) => statuses(r) === statuses(reports[0]!));
  const verdict = problems.length || exitCodes.some((c) => c !== 0) ? "false-finding" : stable ? "conformant" : "unstable";
  return { variant: variant.name, verdict, problems, skipped, exitCodes, seconds: seconds() };
}

export async function runTolerance(scope: "full" | "fast", only?: string[]): Promise<ToleranceRow[]> {
  const rows: ToleranceRow[] = [];
  for (const v of VARIANTS.filter((v) => !only || only.includes(v.name))) rows.push(await runVariant(v, scope));
  return rows;
}

function printTable(rows: ToleranceRow[], seconds: number): boolean {
  const out = process.stdout;
  const width = Math.max(10, ...rows.map((r) => r.variant.length));
  out.write(`${"variant".padEnd(width)}  ${"verdict".padEnd(13)}  ${"time".padStart(6)}  exit codes\n`);
  for (const r of rows) {
    out.write(`${r.variant.padEnd(width)}  ${r.verdict.padEnd(13)}  ${`${r.seconds.toFixed(1)}s`.padStart(6)}  ${r.exitCodes.join(",")}\n`);
    for (const p of r.problems) out.write(`${" ".repeat(width + 2)}MUST not passed: ${p}\n`);
    for (const s of r.skipped) out.write(`${" ".repeat(width + 2)}skip: ${s}\n`);
    for (const s of r.allowed ?? []) out.write(`${" ".repeat(width + 2)}allowed: ${s}\n`);
  }
  const conformant = rows.filter((r) => r.verdict === "conformant").length;
  out.write(`time: ${seconds.toFixed(0)} s\n`);
  out.write(`tolerance: ${conformant}/${rows.length} variants conformant\n`);
  return conformant === rows.length;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const scope = (arg("--scope") ?? "full") as "full" | "fast";
  const picked = arg("--variants")?.split(",");
  const profile = arg("--profile");
  const { runToleranceV07 } = await import("./v07.ts");
  const { VARIANTS_V07 } = await import("../../sample-service/v0_7/index.ts");
  const isV07 = (name: string) => VARIANTS_V07.some((v) => v.name === name);
  const unknown = (picked ?? []).filter((name) => !isV07(name) && !VARIANTS.some((v) => v.name === name));
  if (unknown.length) throw new Error(`unknown variants: ${unknown.join(", ")}`);
  // Both profiles: the v0.1 variants, then the v0.7 variants (as test:mutants runs both matrices).
  const wantV01 = profile !== "v0.7" && (!picked || picked.some((n) => !isV07(n)));
  const wantV07 = profile !== "v0.1" && (!picked || picked.some(isV07));
  const v01 = wantV01 ? await runTolerance(scope, picked?.filter((n) => !isV07(n))) : [];
  const v07 = wantV07 ? await runToleranceV07(scope, picked?.filter(isV07)) : [];
  process.exitCode = printTable([...v01, ...v07], (Date.now() - started) / 1000) ? 0 : 1;
}
