import type { LintResult, LintVerdict } from "./types.ts";

const MARK: Record<LintVerdict, string> = { pass: "✓ pass", info: "i info", warn: "! warn", fail: "✗ fail" };
/** Details shown per finding in text output; the rest are counted, and all are in --json. */
const MAX_DETAILS = 20;

export function renderLint(result: LintResult): string {
  const lines = [`lint ${result.input} (${result.kind})`];
  if (result.revision) {
    const r = result.revision;
    lines.push(`revision: ${r.revision} (${r.forced ? "forced by --profile" : "detected"})`);
    for (const e of r.evidence) lines.push(`  - ${e}`);
  }
  lines.push("");
  for (const f of result.findings) {
    if (f.rule === "LINT-REVISION") continue; // shown at the top
    lines.push(`  ${MARK[f.verdict]}  ${f.rule.padEnd(21)} ${f.title}`);
    lines.push(`${" ".repeat(32)}${f.message}${f.line ? ` (line ${f.line})` : ""}`);
    if (f.text && f.verdict !== "pass") lines.push(`${" ".repeat(32)}text: ${f.text}`);
    if (f.source && f.verdict !== "pass") lines.push(`${" ".repeat(32)}source: ${f.source}`);
    const details = f.details ?? [];
    for (const d of details.slice(0, MAX_DETAILS)) lines.push(`${" ".repeat(34)}- ${d}`);
    if (details.length > MAX_DETAILS) lines.push(`${" ".repeat(34)}… and ${details.length - MAX_DETAILS} more (all ${details.length} in --json)`);
  }
  const c = result.counts.byVerdict;
  const rules = Object.entries(result.counts.byRule)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(", ");
  lines.push("", `findings per rule: ${rules}`);
  lines.push(`${result.verdict.toUpperCase()}: ${c.pass} passed, ${c.info} information, ${c.warn} warnings, ${c.fail} failed`);
  return `${lines.join("\n")}\n`;
}

/** 0 no fail (warnings allowed), 1 any fail. Usage errors exit 2 through the CLI's error path. */
export function lintExitCode(result: LintResult): number {
  return result.verdict === "fail" ? 1 : 0;
}
