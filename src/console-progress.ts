import { describeBaseline } from "./report/baseline.ts";
import type { CheckResult, Report } from "./report/model.ts";

/** Console output while checks run and the summary at the end. Never prints secrets: results are redacted. */
const MARK: Record<CheckResult["status"], string> = { pass: "✓", fail: "✗", warn: "!", skip: "-", error: "E" };

export function printResult(result: CheckResult, out: NodeJS.WritableStream = process.stdout): void {
  const message = result.status === "pass" ? "" : `  ${result.message.split("\n")[0]!.slice(0, 160)}`;
  out.write(`  ${MARK[result.status]} ${result.status.padEnd(5)} ${result.id.padEnd(20)} ${result.level.padEnd(6)} ${result.title.slice(0, 90)}${message ? `\n${" ".repeat(36)}${message.trim()}` : ""}\n`);
}

export function printSummary(report: Report, files: Record<string, string> | undefined, exitCode: number, out: NodeJS.WritableStream = process.stdout): void {
  const s = report.summary;
  const must = report.checks.filter((c) => c.level === "MUST");
  out.write(`\n${report.profile}: ${report.verdict.toUpperCase()} — MUST ${must.filter((c) => c.status === "pass").length}/${must.length}\n`);
  out.write(`${s.total} checks: ${s.passed} passed, ${s.failed} failed, ${s.warned} warned, ${s.skipped} skipped, ${s.errored} errored (${(report.durationMs / 1000).toFixed(1)} s, seed ${report.seed})\n`);
  // Harness trouble goes to stderr too, where CI logs put errors.
  for (const e of report.harnessErrors) process.stderr.write(`harness error: ${e}\n`);
  if (report.baseline) for (const line of describeBaseline(report.baseline)) out.write(`${line}\n`);
  if (files) out.write(`reports: ${Object.values(files).join(", ")}\n`);
  out.write(`exit code ${exitCode}\n`);
}
