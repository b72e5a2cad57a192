import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CheckResult, CheckStatus } from "../report/model.ts";

/**
 * Allure's status of each check, from the tool's verdict rather than from vitest's (allure-vitest
 * calls every thrown check "failed" or "broken", a SHOULD not met included):
 *
 * | tool   | Allure  | why |
 * |--------|---------|-----|
 * | pass   | passed  | |
 * | fail   | failed  | a MUST broken (or not testable) |
 * | warn   | unknown | a SHOULD/MAY not met: not a failure, not a pass; the message says "Warning:" |
 * | skip   | skipped | the target does not advertise the feature |
 * | blocked| skipped | a prerequisite is missing: one cause, shown once (report.json causes), not N failures |
 * | error  | broken  | the harness itself broke |
 *
 * Every result also carries the label `authmd-status` (the tool's status), to filter on.
 */
export const ALLURE_STATUS: Record<CheckStatus, string> = { pass: "passed", fail: "failed", warn: "unknown", skip: "skipped", blocked: "skipped", error: "broken" };

interface AllureResult {
  testCaseId?: string;
  status?: string;
  statusDetails?: { message?: string };
  labels?: Array<{ name: string; value: string }>;
}

/** Rewrite the status of every *-result.json in `dir` from the checks' statuses (matched by testCaseId = requirement id). */
export async function alignAllureStatuses(dir: string, checks: readonly CheckResult[]): Promise<number> {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith("-result.json"));
  let changed = 0;
  for (const file of files) {
    const full = path.join(dir, file);
    const result = JSON.parse(await readFile(full, "utf8")) as AllureResult;
    const check = result.testCaseId ? byId.get(result.testCaseId) : undefined;
    if (!check) continue;
    result.status = ALLURE_STATUS[check.status];
    result.labels = [...(result.labels ?? []).filter((l) => l.name !== "authmd-status"), { name: "authmd-status", value: check.status }];
    if (check.status === "warn") {
      const message = result.statusDetails?.message ?? check.message;
      result.statusDetails = { ...result.statusDetails, message: `Warning (${check.level} not met, not a failure): ${message}` };
    }
    await writeFile(full, JSON.stringify(result));
    changed++;
  }
  return changed;
}
