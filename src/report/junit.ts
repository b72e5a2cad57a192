import { reproductionLines } from "./evidence.ts";
import type { Report } from "./model.ts";

/**
 * JUnit XML: one testsuite per flow, one testcase per check; warn is a passing case with
 * system-out. A blocked check is a skipped case naming its cause; each cause is one failing case
 * of a "root causes" testsuite, so N blocked checks read as one failure, not N.
 */
export function renderJunit(report: Report): string {
  const flows = [...new Set(report.checks.map((c) => c.flow))];
  const suites = flows.map((flow) => {
    const checks = report.checks.filter((c) => c.flow === flow);
    const failures = checks.filter((c) => c.status === "fail").length;
    const errors = checks.filter((c) => c.status === "error").length;
    const skipped = checks.filter((c) => c.status === "skip" || c.status === "blocked").length;
    const time = (checks.reduce((t, c) => t + c.durationMs, 0) / 1000).toFixed(3);
    const cases = checks.map((c) => {
      const name = xml(`${c.id} [${c.level}] ${c.title}`);
      const inner =
        c.status === "fail"
          ? `<failure message="${xml(c.message)}" type="${c.level}">${xml(failureText(c, report.seed))}</failure>`
          : c.status === "error"
            ? `<error message="${xml(c.message)}" type="harness">${xml(c.evidence.stack ?? c.message)}</error>`
            : c.status === "skip" || c.status === "blocked"
              ? `<skipped message="${xml(c.message)}"/>`
              : c.status === "warn"
                ? `<system-out>${xml([`WARN (${c.level} not met): ${c.message}`, ...reproductionLines(c, report.seed)].join("\n"))}</system-out>`
                : "";
      return `    <testcase classname="authmd.${xml(report.profile)}.${xml(flow)}" name="${name}" time="${(c.durationMs / 1000).toFixed(3)}">${inner}</testcase>`;
    });
    return `  <testsuite name="${xml(flow)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const causes = report.causes ?? [];
  if (causes.length) {
    const cases = causes.map((cause) => {
      const blocked = report.checks.filter((c) => c.status === "blocked" && c.blockedBy === cause.id).map((c) => c.id);
      const text = [cause.evidence.message, `blocks ${blocked.length} check(s): ${blocked.join(", ")}`].join("\n");
      return `    <testcase classname="authmd.${xml(report.profile)}.causes" name="${xml(`ROOT CAUSE ${cause.id}: ${cause.title}`)}" time="0.000"><failure message="${xml(cause.title)}" type="blocked">${xml(text)}</failure></testcase>`;
    });
    suites.push(`  <testsuite name="root causes" tests="${causes.length}" failures="${causes.length}" errors="0" skipped="0" time="0.000">\n${cases.join("\n")}\n  </testsuite>`);
  }
  const s = report.summary;
  const skipped = s.skipped + (s.blocked ?? 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="authmd-conformance ${xml(report.profile)}" tests="${s.total + causes.length}" failures="${s.failed + causes.length}" errors="${s.errored}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

function failureText(c: Report["checks"][number], runSeed: number): string {
  return [c.message, ...reproductionLines(c, runSeed), ...c.sources.map((s) => `source: ${s.spec} ${s.section} <${s.url}>`)].join("\n");
}

function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
