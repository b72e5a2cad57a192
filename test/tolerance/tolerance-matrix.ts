/**
 * The tolerance matrix, the kill matrix's twin: run the suite against every conformant variant of
 * the sample service (sample-service/variants/) and require zero MUST failures. A variant is built
 * differently from the default service but stays within the sources, so a MUST that does not pass
 * on it is a false finding of the suite.
 *
 *   npm run test:tolerance                  every variant, the whole suite; prints
 *                                           `tolerance: K/N variants conformant`
 *   … tolerance-matrix.ts --variants a,b    just these variants
 *   … tolerance-matrix.ts --scope fast      only each variant's fastScope ids (what npm test runs)
 */
import { fileURLToPath } from "node:url";
import { rm } from "node:fs/promises";
import { VARIANTS, type VariantDefinition } from "../../sample-service/index.ts";
import { runDemo } from "../../src/demo.ts";
import type { CheckResult, Report } from "../../src/report/model.ts";
import { tempDir } from "../support/cli.ts";

export interface ToleranceRow {
  variant: string;
  verdict: "conformant" | "false-finding" | "unstable" | "crashed";
  /** MUST checks that did not pass or skip, with their status and message. */
  problems: string[];
  /** Checks the variant made skip, with the reason (a skip is allowed but must be named). */
  skipped: string[];
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

export async function runVariant(variant: VariantDefinition, scope: "full" | "fast"): Promise<ToleranceRow> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const only = scope === "fast" ? variant.fastScope : [];
  const reports: Report[] = [];
  const exitCodes: Array<number | null> = [];
  try {
    for (let run = 0; run < variant.runs; run++) {
      const out = await tempDir("authmd-tolerance-");
      try {
        const result = await runDemo({
          faults: [],
          variants: [variant.name],
          print: false,
          // Mail arrives in ~150 ms on loopback; the short wait keeps a false "no mail" cheap.
          flags: { ...variant.harness, out, seed: 11, only, mail: { waitMs: 3000 }, http: { maxRatePerSecond: MATRIX_RATE_PER_SECOND } },
        });
        reports.push(result.report);
        exitCodes.push(result.exitCode);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    }
  } catch (err) {
    return { variant: variant.name, verdict: "crashed", problems: [(err as Error).message], skipped: [], exitCodes, seconds: seconds() };
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
  const rows = await runTolerance((arg("--scope") ?? "full") as "full" | "fast", arg("--variants")?.split(","));
  process.exitCode = printTable(rows, (Date.now() - started) / 1000) ? 0 : 1;
}
