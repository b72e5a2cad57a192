import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { HarnessError } from "../errors.ts";
import { EXIT, exitCodeFor } from "./exit-code.ts";
import type { CheckResult, CheckStatus, Report } from "./model.ts";
import { describeSignature, type FailureSignature, signatureChanges, signatureOf } from "./signature.ts";

/**
 * Baselines: gate CI on "no new failures". A baseline is either a previous report.json (its
 * failing checks are the expected failures) or a hand-kept expected-failures.yaml:
 *
 *   # expected-failures.yaml: checks known to fail on this service, with why.
 *   - id: DISC-AS-02
 *     reason: "AS metadata has no issuer yet (ticket AUTH-123)"
 *   - id: IDJAG-AUD-02
 *     reason: "we follow AUTH.md's aud = resource reading"
 *
 * A bare id string is accepted as an entry without a reason. An entry may pin the failure's
 * signature (see signature.ts), so that a worse outcome under the same id is a new failure:
 *
 *   - id: IDJAG-TYP-01
 *     reason: "typ is checked, with our own error code (AUTH-456)"
 *     status: fail                      # fail | warn | error | blocked
 *     outcome: refused                  # the outcome class of the failure
 *     cases: { typ-jwt: refused-other-code }   # forge-based checks: each failing case
 *
 * A report.json baseline pins every failing check's signature as that run saw it (a report
 * written before signatures existed pins ids only). Entries without a signature match by id.
 */
export interface BaselineEntry {
  id: string;
  reason: string;
  signature?: FailureSignature;
}

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

/** What a run looked like against its baseline; recorded in report.json as `baseline`. */
export interface BaselineOutcome {
  file: string;
  /** Failing checks (fail, error, blocked MUST) that the baseline does not list, or lists with another signature: these break the build. */
  new: string[];
  /** Listed checks whose failure signature changed (also in `new`): was → now. */
  changed?: Array<{ id: string; was: string; now: string; changes: string[] }>;
  /** Failing or warning checks the baseline lists: expected, tolerated. */
  baselined: string[];
  /** Baselined checks that now pass: the baseline is out of date (exit 1 unless allowStale). */
  stale: string[];
  /** Baselined ids this run did not execute (filtered out with --only, or unknown). */
  notRun: string[];
  allowStale: boolean;
}

/** Statuses a baseline can excuse. `warn` never breaks the build but is listed so it can go stale. */
const FAILING: readonly CheckStatus[] = ["fail", "error", "warn", "blocked"];

/** Does this check break the build when not baselined? (fail, error, or a blocked MUST) */
function gating(c: Pick<CheckResult, "status" | "level">): boolean {
  return c.status === "fail" || c.status === "error" || (c.status === "blocked" && c.level === "MUST");
}

const yamlEntry = z.union([
  z.string().min(1).transform((id): BaselineEntry => ({ id, reason: "" })),
  z
    .object({
      id: z.string().min(1),
      reason: z.string().default(""),
      status: z.enum(["fail", "warn", "error", "blocked"]).optional(),
      blockedBy: z.string().min(1).optional(),
      outcome: z.string().min(1).optional(),
      cases: z.record(z.string(), z.string()).optional(),
    })
    .strict()
    .transform(({ id, reason, status, blockedBy, outcome, cases }): BaselineEntry => {
      if (!status && (blockedBy || outcome || cases)) return { id, reason, signature: { status: blockedBy ? "blocked" : "fail", ...(blockedBy ? { blockedBy } : {}), ...(outcome ? { outcome } : {}), ...(cases ? { cases } : {}) } };
      return { id, reason, ...(status ? { signature: { status, ...(blockedBy ? { blockedBy } : {}), ...(outcome ? { outcome } : {}), ...(cases ? { cases } : {}) } } : {}) };
    }),
]);
const yamlBaseline = z.array(yamlEntry);

/** Parse a baseline's text: a report.json (object with `checks`) or an expected-failures YAML list. */
export function parseBaseline(text: string, file: string): Baseline {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (err) {
      throw new HarnessError("usage", `Baseline ${file} is not valid JSON: ${(err as Error).message}`, "baseline");
    }
    return baselineFromReport(doc, file);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new HarnessError("usage", `Baseline ${file} is not valid YAML: ${(err as Error).message}`, "baseline");
  }
  if (doc === null || doc === undefined) return { file, entries: [] };
  const parsed = yamlBaseline.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at [${issue.path.join(".")}]` : "";
    throw new HarnessError("usage", `Baseline ${file} must be a list of {id, reason[, status, blockedBy, outcome, cases]}${where}: ${issue?.message ?? "invalid"}`, "baseline");
  }
  return { file, entries: dedupe(parsed.data) };
}

function baselineFromReport(doc: unknown, file: string): Baseline {
  const checks = (doc as { checks?: unknown }).checks;
  if (!Array.isArray(checks)) throw new HarnessError("usage", `Baseline ${file} is JSON but not a report.json (no checks array)`, "baseline");
  const started = typeof (doc as { startedAt?: unknown }).startedAt === "string" ? (doc as { startedAt: string }).startedAt : "an earlier run";
  // Reports written before signatures existed (no `causes`) pin ids only, as they always did.
  const pinsSignatures = Array.isArray((doc as { causes?: unknown }).causes);
  const entries: BaselineEntry[] = [];
  for (const c of checks as Array<Partial<CheckResult>>) {
    if (typeof c.id !== "string" || !c.status || !FAILING.includes(c.status)) continue;
    const message = (c.message ?? "").split("\n")[0]!.slice(0, 200);
    const signature = pinsSignatures ? signatureOf({ status: c.status, ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}), evidence: c.evidence ?? { exchanges: [] } }) : undefined;
    entries.push({ id: c.id, reason: `${c.status} in ${started}${message ? `: ${message}` : ""}`, ...(signature ? { signature } : {}) });
  }
  return { file, entries: dedupe(entries) };
}

function dedupe(entries: BaselineEntry[]): BaselineEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

export async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new HarnessError("usage", `Cannot read baseline ${file}: ${(err as Error).message}`, "baseline");
  }
  return parseBaseline(text, file);
}

/** Baseline ids that are not requirement ids of the profile (a typo would excuse nothing). */
export function unknownBaselineIds(baseline: Baseline, known: readonly string[]): string[] {
  const ids = new Set(known);
  return baseline.entries.filter((e) => !ids.has(e.id)).map((e) => e.id);
}

/** Compare a run's checks with the baseline. */
export function evaluateBaseline(checks: readonly CheckResult[], baseline: Baseline, allowStale = false): BaselineOutcome {
  const listed = new Map(baseline.entries.map((e) => [e.id, e]));
  const byId = new Map(checks.map((c) => [c.id, c]));
  const changed: NonNullable<BaselineOutcome["changed"]> = [];
  for (const c of checks) {
    const pinned = listed.get(c.id)?.signature;
    const now = signatureOf(c);
    if (!pinned || !now || !gating(c)) continue;
    const changes = signatureChanges(pinned, now);
    if (changes.length) changed.push({ id: c.id, was: describeSignature(pinned), now: describeSignature(now), changes });
  }
  const changedIds = new Set(changed.map((c) => c.id));
  return {
    file: baseline.file,
    new: checks.filter((c) => gating(c) && (!listed.has(c.id) || changedIds.has(c.id))).map((c) => c.id),
    ...(changed.length ? { changed } : {}),
    baselined: checks.filter((c) => FAILING.includes(c.status) && listed.has(c.id) && !changedIds.has(c.id)).map((c) => c.id),
    stale: baseline.entries.filter((e) => byId.get(e.id)?.status === "pass").map((e) => e.id),
    notRun: baseline.entries.filter((e) => !byId.has(e.id)).map((e) => e.id),
    allowStale,
  };
}

/**
 * The exit code of a run judged against a baseline: 1 on a new failure; 2 on harness trouble
 * (run-level errors, or a new `error` check); 1 when the baseline is stale (unless allowed); else 0.
 */
export function exitCodeWithBaseline(report: Report, outcome: BaselineOutcome): number {
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  const fresh = outcome.new.map((id) => byId.get(id)).filter((c): c is CheckResult => c !== undefined);
  if (fresh.some((c) => c.status === "fail" || c.status === "blocked")) return EXIT.mustFailed;
  if (report.harnessErrors.length > 0 || fresh.some((c) => c.status === "error")) return EXIT.harness;
  if (outcome.stale.length > 0 && !outcome.allowStale) return EXIT.mustFailed;
  return EXIT.ok;
}

/** Exit code of a run, with or without a baseline. */
export function runExitCode(report: Report): number {
  return report.baseline ? exitCodeWithBaseline(report, report.baseline) : exitCodeFor(report);
}

/** Lines for the console and the Markdown summary. */
export function describeBaseline(outcome: BaselineOutcome): string[] {
  const list = (ids: string[]) => (ids.length ? ids.join(", ") : "none");
  const lines = [
    `baseline ${outcome.file}: ${outcome.new.length} new, ${outcome.baselined.length} baselined, ${outcome.stale.length} stale${outcome.notRun.length ? `, ${outcome.notRun.length} not run` : ""}`,
    `  new failures: ${list(outcome.new)}`,
    ...(outcome.changed ?? []).map((c) => `    ${c.id}: failure changed since the baseline (${c.changes.join("; ")}): was ${c.was}, now ${c.now}`),
    `  baselined: ${list(outcome.baselined)}`,
    `  stale (baselined, now passing${outcome.allowStale ? "; allowed by --allow-stale" : "; remove them from the baseline"}): ${list(outcome.stale)}`,
  ];
  if (outcome.notRun.length) lines.push(`  not run: ${list(outcome.notRun)}`);
  return lines;
}
