import type { Exchange } from "../http/exchange.ts";
import type { CheckResult } from "./model.ts";

/**
 * The pieces of a check's evidence that let an engineer reproduce a finding without re-running:
 * expected vs actual, where in which document, the decisive request as a curl line, and for
 * property checks the seed and counterexample. Every report format renders these the same way.
 */
export interface Reproduction {
  expected?: unknown;
  actual?: unknown;
  /** JSON pointer into `document` when the finding is about a field. */
  pointer?: string;
  document?: string;
  /** The request that decided the verdict. */
  decisive?: Exchange;
  /** Seed to replay a property check (`--seed`), when the check recorded one. */
  seed?: unknown;
  counterexample?: unknown;
}

/**
 * The exchange that decided the verdict: the one a check marked with
 * `ctx.evidence("decisiveExchange", index)`, else the last one.
 */
export function decisiveExchange(check: Pick<CheckResult, "evidence">): Exchange | undefined {
  const exchanges = check.evidence?.exchanges ?? [];
  const marked = check.evidence?.data?.decisiveExchange;
  if (typeof marked === "number" && Number.isInteger(marked) && exchanges[marked]) return exchanges[marked];
  return exchanges.at(-1);
}

export function reproduction(check: CheckResult): Reproduction {
  const details = check.evidence?.details ?? {};
  const data = check.evidence?.data ?? {};
  const decisive = decisiveExchange(check);
  return {
    ...("expected" in details ? { expected: details.expected } : {}),
    ...("actual" in details ? { actual: details.actual } : {}),
    ...(details.pointer !== undefined ? { pointer: details.pointer } : {}),
    ...(details.document !== undefined ? { document: details.document } : {}),
    ...(decisive ? { decisive } : {}),
    ...(data.seed !== undefined ? { seed: data.seed } : {}),
    ...(data.counterexample !== undefined ? { counterexample: data.counterexample } : {}),
  };
}

/** Plain-text lines (JUnit failure text, console): expected/actual, pointer, seed, curl. */
export function reproductionLines(check: CheckResult, runSeed?: number): string[] {
  const r = reproduction(check);
  const lines: string[] = [];
  if ("expected" in r) lines.push(`expected: ${compact(r.expected)}`);
  if ("actual" in r) lines.push(`actual:   ${compact(r.actual)}`);
  if (r.pointer !== undefined) lines.push(`at: ${r.document ?? "(document)"}#${r.pointer}`);
  if (r.counterexample !== undefined) lines.push(`counterexample: ${compact(r.counterexample)}`);
  if (r.seed !== undefined) lines.push(`seed: ${compact(r.seed)} (replay with --seed)`);
  else if (runSeed !== undefined && r.counterexample !== undefined) lines.push(`seed: ${runSeed} (run seed; replay with --seed)`);
  if (r.decisive) {
    lines.push(`decisive request: ${r.decisive.method} ${r.decisive.url} → ${r.decisive.status ?? r.decisive.error?.code ?? "no answer"}`);
    lines.push(`reproduce: ${r.decisive.curl}`);
    for (const v of r.decisive.curlVariables ?? []) lines.push(`  $${v.name}: ${v.obtain}`);
  }
  return lines;
}

export function compact(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}
