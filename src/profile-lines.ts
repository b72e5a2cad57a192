import type { ProfileDetection } from "./profiles/detect.ts";
import type { Report } from "./report/model.ts";

/** The console lines that say which revision a run certifies, why, and (preview) how much of it. */
export function profileLines(detection: ProfileDetection, coverage: Report["coverage"]): string[] {
  if (detection.chosen === null) {
    return [`profile: none detected: ${detection.reason}`, `  evidence: ${JSON.stringify(detection.evidence)}`];
  }
  const lines = [`profile ${detection.chosen} (${detection.how}): ${detection.reason}`];
  const preview = previewLine(coverage, detection.chosen);
  if (preview) lines.push(preview);
  return lines;
}

/** "v0.7 preview: N of M requirements checked — not a full certification", or nothing for a full profile. */
export function previewLine(coverage: Report["coverage"], profile: string): string | undefined {
  if (!coverage) return undefined;
  if (coverage.preview) return `${profile} preview: ${coverage.checked} of ${coverage.total} requirements checked — not a full certification`;
  // Complete but for rows no black-box harness can observe: say which, and where the reasons are.
  if (coverage.excluded?.length) {
    return `${profile}: ${coverage.checked} of ${coverage.total} requirements checked; ${coverage.excluded.join(", ")} cannot be observed black-box (reasons: requirements --profile ${profile} --coverage)`;
  }
  return undefined;
}

export function printProfileLines(detection: ProfileDetection, coverage: Report["coverage"]): void {
  for (const line of profileLines(detection, coverage)) process.stdout.write(`${line}\n`);
}
