import path from "node:path";
import { describeBaseline } from "./report/baseline.ts";
import type { CheckResult, Report } from "./report/model.ts";
import { findRequirement } from "./requirements/catalogue.ts";
import type { ProgressEvent } from "./suite/progress.ts";

/** Console output while checks run and the summary at the end. Never prints secrets: results are redacted. */
const MARK: Record<CheckResult["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "-", blocked: "#", error: "E" };

/** Causes already announced in this run's progress: a blocked check is one line per cause, not per check. */
const announced = new Set<string>();

/**
 * One line per finished check (`counter`: "[ 12/127]"). The message here is a preview, cut to stay
 * readable; the final list (failureLines) prints every verdict-deciding message whole.
 */
export function printResult(result: CheckResult, out: NodeJS.WritableStream = process.stdout, counter = ""): void {
  const lead = counter ? `${counter} ` : "  ";
  if (result.status === "blocked" && result.blockedBy) {
    if (announced.has(result.blockedBy)) return;
    announced.add(result.blockedBy);
    out.write(`${lead}${MARK.blocked} blocked ${result.message.split("\n")[0]!.slice(0, 200)}\n${" ".repeat(12)}(first: ${result.id}; every check it blocks is listed under the cause at the end)\n`);
    return;
  }
  const message = result.status === "pass" ? "" : `  ${result.message.split("\n")[0]!.slice(0, 160)}`;
  out.write(`${lead}${MARK[result.status]} ${result.status.padEnd(5)} ${result.id.padEnd(20)} ${result.level.padEnd(6)} ${result.title.slice(0, 90)}${message ? `\n${" ".repeat(lead.length + 34)}${message.trim()}` : ""}\n`);
}

/**
 * Progress while checks run: "[n/N]" on every finished check, and what a long wait waits for.
 * Not a TTY (CI logs): one line per finished check and one per long wait, nothing rewritten. A
 * TTY: the same lines, plus one status line (current check, wait and time waited) rewritten in
 * place at most once a second.
 */
export class ConsoleProgress {
  private done = 0;
  private current: string | undefined;
  private wait: { what: string; maxMs: number; since: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private statusShown = false;

  constructor(
    private total: number,
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stdout,
    private readonly tty = Boolean(out.isTTY),
  ) {}

  onProgress = (event: ProgressEvent): void => {
    if (event.kind === "start") {
      this.current = event.id;
      this.wait = undefined;
    } else {
      if (event.check) this.current = event.check;
      const wait = { what: event.what, maxMs: event.maxMs, since: Date.now() };
      this.wait = wait;
      // Not a TTY: a line only for a wait still going on after a moment (a mail that is there at
      // once, or a quick property, prints nothing), so a log gets one line per real wait.
      if (!this.tty) setTimeout(() => this.wait === wait && this.out.write(`${" ".repeat(this.counter().length + 1)}… ${this.current ? `${this.current}: ` : ""}waiting for ${wait.what} (up to ${seconds(wait.maxMs)})\n`), QUIET_WAIT_MS).unref();
    }
    this.drawStatus();
  };

  onResult = (result: CheckResult): void => {
    this.done += 1;
    this.wait = undefined;
    this.clearStatus();
    printResult(result, this.out, this.counter());
    this.drawStatus();
  };

  /** The number of checks to run, once the profile is known (`--profile auto` detects it first). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Stop the status line (before the summary is printed). */
  close(): void {
    this.wait = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearStatus();
  }

  private counter(): string {
    const n = String(this.total).length;
    return `[${String(this.done).padStart(n)}/${this.total}]`;
  }

  private drawStatus(): void {
    if (!this.tty) return;
    // The title gives way first: the wait (what and how long) is what the line is for.
    const head = `${this.counter()} ${this.current ?? "starting"}`;
    const wait = this.wait ? ` — waiting for ${this.wait.what}: ${seconds(Date.now() - this.wait.since)} of up to ${seconds(this.wait.maxMs)}` : "";
    const width = Math.max(40, (this.out.columns || 100) - 1);
    const title = this.current ? ` ${findRequirement(this.current)?.title ?? ""}` : "";
    const room = width - head.length - wait.length;
    const line = `${head}${room >= title.length ? title : room > 8 ? `${title.slice(0, room - 1)}…` : ""}${wait}`;
    this.out.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.statusShown = true;
    if (this.wait && !this.timer) {
      this.timer = setInterval(() => this.drawStatus(), 1_000);
      this.timer.unref();
    } else if (!this.wait && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private clearStatus(): void {
    if (!this.tty || !this.statusShown) return;
    this.out.write("\r\x1b[2K");
    this.statusShown = false;
  }
}

/** A wait shorter than this is not worth a line in a log. */
const QUIET_WAIT_MS = 2_000;

function seconds(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

export function printSummary(report: Report, files: Record<string, string> | undefined, exitCode: number, out: NodeJS.WritableStream = process.stdout): void {
  announced.clear();
  const s = report.summary;
  out.write("\n");
  for (const line of failureLines(report, files)) out.write(`${line}\n`);
  out.write(`${headline(report)}\n`);
  out.write(
    `${s.total} checks: ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped, ${s.blocked ?? 0} blocked, ${s.errored} errored (${(report.durationMs / 1000).toFixed(1)} s, seed ${report.seed})\n`,
  );
  // Harness trouble goes to stderr too, where CI logs put errors.
  for (const e of report.harnessErrors) process.stderr.write(`harness error: ${e}\n`);
  if (report.baseline) for (const line of describeBaseline(report.baseline)) out.write(`${line}\n`);
  if (files) out.write(`reports: ${Object.values(files).join(", ")}\n`);
  out.write(`exit code ${exitCode}\n`);
}

/** "v0.1: NOT CONFORMANT — MUST 3/99 …", or "NO VERDICT — …" with the harness error when nothing was judged. */
export function headline(report: Report): string {
  const must = report.checks.filter((c) => c.level === "MUST");
  const passed = must.filter((c) => c.status === "pass").length;
  if (report.verdict === "no verdict") {
    const firstError = report.harnessErrors[0] ?? report.checks.find((c) => c.status === "error")?.message ?? (report.checks.length === 0 ? "no check ran" : "a check ended in a harness error");
    return `${report.profile}: NO VERDICT — the harness could not judge the target (exit 2 is no verdict): ${firstError.split("\n")[0]!}`;
  }
  const blocked = must.filter((c) => c.status === "blocked").length;
  const causes = report.causes?.length ?? 0;
  const blockedText = blocked ? `, ${blocked} blocked by ${causes} root cause${causes === 1 ? "" : "s"}` : "";
  // A preview profile checks only part of its requirements: the headline says so itself.
  const preview = report.coverage?.preview ? ` (preview: ${report.coverage.checked} of ${report.coverage.total} requirements checked)` : "";
  return `${report.profile}: ${report.verdict.toUpperCase()}${preview} — MUST ${passed}/${must.length}${blockedText}`;
}

/** Each root cause once, with its evidence and the checks it blocks. */
export function causeLines(report: Report): string[] {
  const lines: string[] = [];
  for (const cause of report.causes ?? []) {
    const blocked = report.checks.filter((c) => c.status === "blocked" && c.blockedBy === cause.id);
    lines.push(`ROOT CAUSE ${cause.id}: ${cause.title}`);
    lines.push(`  ${cause.evidence.message.split("\n")[0]!.slice(0, 400)}`);
    lines.push(`  blocks ${blocked.length} check${blocked.length === 1 ? "" : "s"}: ${abbreviate(blocked.map((c) => c.id))}`);
  }
  return lines;
}

/**
 * The list a reader fixes from: each root cause with the checks it blocks, then each failing
 * check with its id, its whole message (it decides the verdict: never cut) and where its evidence
 * is (the HTML report's anchor, and the report.json pointer). Warnings are named, not detailed.
 */
export function failureLines(report: Report, files?: Record<string, string>): string[] {
  const html = files?.html ? shortPath(files.html) : "report.html";
  const json = files?.json ? shortPath(files.json) : "report.json";
  const lines: string[] = [];
  const causes = report.causes ?? [];
  const failing = report.checks.map((c, index) => ({ c, index })).filter(({ c }) => c.status === "fail" || c.status === "error" || (c.status === "blocked" && !causes.some((k) => k.id === c.blockedBy)));
  if (causes.length || failing.length) lines.push(`FAILURES — ${causes.length} root cause${causes.length === 1 ? "" : "s"}, ${failing.length} failing check${failing.length === 1 ? "" : "s"} (evidence: ${html})`, "");
  for (const cause of causes) {
    const blocked = report.checks.filter((c) => c.status === "blocked" && c.blockedBy === cause.id);
    lines.push(`ROOT CAUSE ${cause.id}: ${cause.title}`);
    for (const l of cause.evidence.message.split("\n")) lines.push(`  ${l}`);
    lines.push(`  blocks ${blocked.length} check${blocked.length === 1 ? "" : "s"}:${blocked.length ? "" : " none"}`);
    // Every blocked id (none is cut), wrapped to readable lines.
    for (const row of wrap(blocked.map((c) => c.id), 96)) lines.push(`    ${row}`);
    lines.push(`  evidence: ${html}#cause-${cause.id}`, "");
  }
  for (const { c, index } of failing) {
    lines.push(`${MARK[c.status]} ${c.status.toUpperCase()} ${c.id} [${c.level}] ${c.title}`);
    for (const l of c.message.split("\n")) lines.push(`  ${l}`);
    // Notes can carry a result the verdict rests on (the brute-force proof's headline): whole too.
    for (const note of c.evidence?.notes ?? []) lines.push(`  note: ${note}`);
    lines.push(`  evidence: ${html}#check-${c.id}  (${json} /checks/${index})`, "");
  }
  const warned = report.checks.filter((c) => c.status === "warn");
  if (warned.length) lines.push(`${warned.length} warning${warned.length === 1 ? "" : "s"} (SHOULD/MAY not met; not failing): ${warned.map((c) => c.id).join(", ")}`, "");
  return lines;
}

/** Ids joined with ", " into lines of at most `width` characters (an id is never split). */
function wrap(ids: string[], width: number): string[] {
  const rows: string[] = [];
  let row = "";
  for (const id of ids) {
    const next = row ? `${row}, ${id}` : id;
    if (row && next.length > width) {
      rows.push(`${row},`);
      row = id;
    } else row = next;
  }
  if (row) rows.push(row);
  return rows;
}

/** A path below the working directory relative to it, anything else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

function abbreviate(ids: string[], max = 12): string {
  if (ids.length === 0) return "none";
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}
