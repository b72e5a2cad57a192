import { describeBaseline } from "./report/baseline.ts";
import type { CheckResult, Report } from "./report/model.ts";

/** Console output while checks run and the summary at the end. Never prints secrets: results are redacted. */
const MARK: Record<CheckResult["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "-", blocked: "#", error: "E" };

/** Causes already announced in this run's progress: a blocked check is one line per cause, not per check. */
const announced = new Set<string>();

export function printResult(result: CheckResult, out: NodeJS.WritableStream = process.stdout): void {
  if (result.status === "blocked" && result.blockedBy) {
    if (announced.has(result.blockedBy)) return;
    announced.add(result.blockedBy);
    out.write(`  ${MARK.blocked} blocked ${result.message.split("\n")[0]!.slice(0, 200)}\n${" ".repeat(12)}(first: ${result.id}; every check it blocks is listed under the cause at the end)\n`);
    return;
  }
  const message = result.status === "pass" ? "" : `  ${result.message.split("\n")[0]!.slice(0, 160)}`;
  out.write(`  ${MARK[result.status]} ${result.status.padEnd(5)} ${result.id.padEnd(20)} ${result.level.padEnd(6)} ${result.title.slice(0, 90)}${message ? `\n${" ".repeat(36)}${message.trim()}` : ""}\n`);
}

export function printSummary(report: Report, files: Record<string, string> | undefined, exitCode: number, out: NodeJS.WritableStream = process.stdout): void {
  announced.clear();
  const s = report.summary;
  out.write("\n");
  for (const line of causeLines(report)) out.write(`${line}\n`);
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
    return `${report.profile}: NO VERDICT — the harness could not judge the target (exit 2 is no verdict): ${firstError.split("\n")[0]!.slice(0, 300)}`;
  }
  const blocked = must.filter((c) => c.status === "blocked").length;
  const causes = report.causes?.length ?? 0;
  const blockedText = blocked ? `, ${blocked} blocked by ${causes} root cause${causes === 1 ? "" : "s"}` : "";
  return `${report.profile}: ${report.verdict.toUpperCase()} — MUST ${passed}/${must.length}${blockedText}`;
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

function abbreviate(ids: string[], max = 12): string {
  if (ids.length === 0) return "none";
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}
