import { compact, reproduction } from "./evidence.ts";
import type { CheckResult, Report } from "./model.ts";

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
  if (report.baseline) {
    const b = report.baseline;
    const ids = (list: string[]) => (list.length ? list.map((id) => `\`${id}\``).join(", ") : "none");
    lines.push(
      `### Baseline \`${b.file}\``,
      "",
      `- ${b.new.length ? "❌" : "✅"} new failures: ${ids(b.new)}`,
      `- baselined (expected): ${ids(b.baselined)}`,
      `- ${b.stale.length && !b.allowStale ? "❌" : ""}stale (baselined, now passing — remove from the baseline): ${ids(b.stale)}`,
      ...(b.notRun.length ? [`- not run: ${ids(b.notRun)}`] : []),
      "",
    );
  }
  if (report.harnessErrors.length) {
    lines.push("### Harness errors", "", ...report.harnessErrors.map((e) => `- ${e}`), "");
  }
  const problems = report.checks.filter((c) => c.status === "fail" || c.status === "error" || c.status === "warn");
  if (problems.length) {
    const baselined = new Set(report.baseline?.baselined ?? []);
    lines.push("### Findings", "");
    for (const c of problems) {
      const tag = baselined.has(c.id) ? " _(baselined)_" : "";
      lines.push(`- ${ICON[c.status]} **${c.id}** (${c.level}) ${c.title}${tag}: ${oneLine(c.message)}`);
      lines.push(...findingDetails(c, report.seed));
    }
    lines.push("");
  }
  lines.push("| | id | level | check |", "|---|---|---|---|");
  for (const c of report.checks) lines.push(`| ${ICON[c.status]} | ${c.id} | ${c.level} | ${c.title.replace(/\|/g, "\\|")} |`);
  return `${lines.join("\n")}\n`;
}

/** Indented sub-items under a finding: expected/actual, pointer, seed, the curl line. */
function findingDetails(c: CheckResult, runSeed: number): string[] {
  const r = reproduction(c);
  const out: string[] = [];
  if ("expected" in r || "actual" in r) out.push(`  - expected ${code(compact(r.expected))} · actual ${code(compact(r.actual))}`);
  if (r.pointer !== undefined) out.push(`  - at ${code(`${r.document ?? ""}#${r.pointer}`)}`);
  if (r.counterexample !== undefined) out.push(`  - counterexample ${code(compact(r.counterexample))}`);
  if (r.seed !== undefined || r.counterexample !== undefined) out.push(`  - seed ${code(String(r.seed ?? runSeed))} (replay with \`--seed\`)`);
  if (r.decisive) {
    out.push(`  - decisive request: \`${r.decisive.method} ${r.decisive.url}\` → ${r.decisive.status ?? r.decisive.error?.code ?? "no answer"}`);
    out.push("", "    ```sh", ...r.decisive.curl.split("\n").map((l) => `    ${l}`), "    ```", "");
  }
  return out;
}

function code(s: string): string {
  const t = oneLine(s).slice(0, 200);
  return t.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 300);
}
