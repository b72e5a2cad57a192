import { previewLine } from "../profile-lines.ts";
import { compact, reproduction } from "./evidence.ts";
import type { CheckResult, Report } from "./model.ts";

const ICON = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭️", blocked: "⛔", error: "💥" } as const;
const VERDICT = { conformant: "✅ conformant", "not conformant": "❌ not conformant", "no verdict": "⚪ no verdict (the harness could not judge)" } as const;

/** The Markdown summary (also appended to $GITHUB_STEP_SUMMARY). Failures first, then the table. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const mustTotal = report.checks.filter((c) => c.level === "MUST").length;
  const mustPassed = report.checks.filter((c) => c.level === "MUST" && c.status === "pass").length;
  const lines = [
    `## auth.md conformance — ${report.profile}: ${VERDICT[report.verdict] ?? report.verdict}`,
    "",
    `Target \`${report.target.url}\` · seed ${report.seed} · ${(report.durationMs / 1000).toFixed(1)} s`,
    "",
    `**MUST ${mustPassed}/${mustTotal}** · ${s.passed} passed · ${s.failed} failed · ${s.warned} warned · ${s.skipped} skipped · ${s.blocked ?? 0} blocked · ${s.errored} errored (of ${s.total})`,
    "",
  ];
  // A preview profile: only part of its catalogue was checked (never a full certification).
  const preview = previewLine(report.coverage, report.profile);
  if (preview) lines.push(`> **${preview}**`, "");
  if (report.profileDetection) lines.push(`Profile ${report.profileDetection.chosen ?? "none"} (${report.profileDetection.how}): ${report.profileDetection.reason}`, "");
  const causes = report.causes ?? [];
  if (causes.length) {
    // Each missing prerequisite once, with the checks it blocks (not one finding per check).
    lines.push("### Root causes", "");
    for (const cause of causes) {
      const blocked = report.checks.filter((c) => c.status === "blocked" && c.blockedBy === cause.id).map((c) => `\`${c.id}\``);
      lines.push(`- ${ICON.blocked} **${cause.id}**: ${oneLine(cause.title)}`);
      lines.push(`  - ${oneLine(cause.evidence.message)}`);
      lines.push(`  - blocks ${blocked.length} check${blocked.length === 1 ? "" : "s"}: ${blocked.join(", ") || "none"}`);
    }
    lines.push("");
  }
  if (report.baseline) {
    const b = report.baseline;
    const ids = (list: string[]) => (list.length ? list.map((id) => `\`${id}\``).join(", ") : "none");
    lines.push(
      `### Baseline \`${b.file}\``,
      "",
      `- ${b.new.length ? "❌" : "✅"} new failures: ${ids(b.new)}`,
      `- baselined (expected): ${ids(b.baselined)}`,
      `- ${b.stale.length && !b.allowStale ? "❌" : ""}stale (baselined, now passing — remove from the baseline): ${ids(b.stale)}`,
      ...(b.changed ?? []).map((c) => `  - \`${c.id}\` failure changed since the baseline: ${oneLine(c.changes.join("; "))}`),
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
  for (const c of report.checks) {
    const by = c.status === "blocked" && c.blockedBy ? ` _(blocked by ${c.blockedBy})_` : "";
    lines.push(`| ${ICON[c.status]} | ${c.id} | ${c.level} | ${c.title.replace(/\|/g, "\\|")}${by} |`);
  }
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
    for (const v of r.decisive.curlVariables ?? []) out.push(`    - \`$${v.name}\`: ${v.obtain}`);
    if (r.decisive.curlVariables?.length) out.push("");
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
