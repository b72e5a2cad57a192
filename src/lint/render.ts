import type { LintResult, LintVerdict } from "./types.ts";

const MARK: Record<LintVerdict, string> = { pass: "✓ pass", warn: "! warn", fail: "✗ fail" };

export function renderLint(result: LintResult): string {
  const lines = [`lint ${result.input} (${result.kind})`, ""];
  for (const f of result.findings) {
    lines.push(`  ${MARK[f.verdict]}  ${f.rule.padEnd(18)} ${f.title}`);
    lines.push(`${" ".repeat(29)}${f.message}${f.line ? ` (line ${f.line})` : ""}`);
    for (const d of f.details ?? []) lines.push(`${" ".repeat(31)}- ${d}`);
  }
  const count = (v: LintVerdict) => result.findings.filter((f) => f.verdict === v).length;
  lines.push("", `${result.verdict.toUpperCase()}: ${count("pass")} passed, ${count("warn")} warnings, ${count("fail")} failed`);
  return `${lines.join("\n")}\n`;
}

/** 0 no fail (warnings allowed), 1 any fail. Usage errors exit 2 through the CLI's error path. */
export function lintExitCode(result: LintResult): number {
  return result.verdict === "fail" ? 1 : 0;
}
