import type { Report } from "./model.ts";

const ICON = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭️", error: "💥" } as const;

/** The Markdown summary (also appended to $GITHUB_STEP_SUMMARY). Failures first, then the table. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const mustTotal = report.checks.filter((c) => c.level === "MUST").length;
  const mustPassed = report.checks.filter((c) => c.level === "MUST" && c.status === "pass").length;
  const lines = [
    `## auth.md conformance — ${report.profile}: ${report.verdict === "conformant" ? "✅ conformant" : "❌ not conformant"}`,
    "",
    `Target \`${report.target.url}\` · seed ${report.seed} · ${(report.durationMs / 1000).toFixed(1)} s`,
    "",
    `**MUST ${mustPassed}/${mustTotal}** · ${s.passed} passed · ${s.failed} failed · ${s.warned} warned · ${s.skipped} skipped · ${s.errored} errored (of ${s.total})`,
    "",
  ];
  if (report.harnessErrors.length) {
    lines.push("### Harness errors", "", ...report.harnessErrors.map((e) => `- ${e}`), "");
  }
  const problems = report.checks.filter((c) => c.status === "fail" || c.status === "error" || c.status === "warn");
  if (problems.length) {
    lines.push("### Findings", "");
    for (const c of problems) {
      lines.push(`- ${ICON[c.status]} **${c.id}** (${c.level}) ${c.title}: ${oneLine(c.message)}`);
    }
    lines.push("");
  }
  lines.push("| | id | level | check |", "|---|---|---|---|");
  for (const c of report.checks) lines.push(`| ${ICON[c.status]} | ${c.id} | ${c.level} | ${c.title.replace(/\|/g, "\\|")} |`);
  return `${lines.join("\n")}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 300);
}
