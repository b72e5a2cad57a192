import * as allure from "allure-js-commons";
import path from "node:path";
import { type TestContext, test } from "vitest";
import { getCurrentSuite } from "vitest/suite";
import { HarnessError } from "../errors.ts";
import { getProfile } from "../profiles/index.ts";
import type { HttpClient } from "../http/client.ts";
import type { Exchange } from "../http/exchange.ts";
import type { Redactor } from "../http/redact.ts";
import type { RecordedOutcome } from "../report/signature.ts";
import { findRequirement, isSelected } from "../requirements/catalogue.ts";
import type { Requirement } from "../requirements/types.ts";
import type { Target } from "../target/target.ts";
import { CheckFailure, type FailureDetails, NOT_TESTABLE, SkipSignal } from "./failure.ts";
import "./meta.ts";
import type { CheckMeta } from "./meta.ts";
import { BlockedSignal } from "./prerequisite.ts";
import type { SuiteRunData } from "./provided.ts";
import { runtime } from "./runtime.ts";
import { checkStarted } from "./progress.ts";

export interface CheckContext {
  requirement: Requirement;
  target: Target;
  run: SuiteRunData;
  /** HTTP client whose exchanges become this check's evidence. */
  http: HttpClient;
  redactor: Redactor;
  /** Record a piece of evidence (redacted before it is stored). */
  evidence(key: string, value: unknown): void;
  /** An informational finding that does not change the verdict. */
  note(text: string): void;
  /**
   * The outcome class of a failure (e.g. "accepted", "refused-other-code"), per forge case when
   * `caseId` is given: a baseline pins it, so a worse outcome under the same id is a new failure.
   */
  outcome(outcomeClass: string, caseId?: string): void;
}

/**
 * Declare one conformance check. The id must be in the requirement catalogue (a check cannot
 * invent a requirement); the test's name is the id and title, so ids are stable in every report.
 */
/** Consecutive harness errors per suite file; at STOP_AFTER the rest of that suite is not run. */
const STOP_AFTER = 3;
const harnessErrorStreak = new Map<string, { count: number; last: string }>();

export function check(id: string, body: (ctx: CheckContext) => Promise<void>, options: { timeoutMs?: number } = {}): void {
  const { data } = runtime();
  // A file another profile shares with this run's (profile.shared) declares only the shared ids
  // here: its other ids are rules v0.7 removed or spells for another rule (ID_REUSE).
  if (!declaredHere(id, data.target.profile)) return;
  // Ids are looked up in the run's profile: v0.7 reuses some v0.1 ids for other rules.
  const requirement = findRequirement(id, data.target.profile);
  if (!requirement) throw new Error(`check("${id}"): no such requirement in the ${data.target.profile} catalogue (or not listed as checked)`);
  if (!isSelected(requirement, data)) return;

  test(`${id} ${requirement.title}`, { timeout: options.timeoutMs }, async (vitestContext: TestContext) => {
    const { http, redactor } = runtime();
    const meta: CheckMeta = { id, exchanges: [] as Exchange[], evidence: {}, notes: [] };
    vitestContext.task.meta.authmd = meta;
    checkStarted(id);
    await allureLabels(requirement);

    const ctx: CheckContext = {
      requirement,
      target: data.target,
      run: data,
      http: http.withLog(meta.exchanges),
      redactor,
      evidence(key, value) {
        meta.evidence[key] = redactor.json(value);
      },
      note(text) {
        meta.notes.push(redactor.text(text));
      },
      outcome(outcomeClass, caseId) {
        const recorded = (meta.evidence.outcome ?? {}) as RecordedOutcome;
        meta.evidence.outcome = caseId === undefined ? { ...recorded, class: outcomeClass } : { ...recorded, cases: { ...recorded.cases, [caseId]: outcomeClass } };
      },
    };

    const suiteFile = vitestContext.task.file.filepath;
    const streak = harnessErrorStreak.get(suiteFile) ?? { count: 0, last: "" };
    if (streak.count >= STOP_AFTER) {
      // Three harness faults in a row mean the harness cannot judge this suite: stop spending the budget.
      throw new HarnessError(
        "suite_stopped",
        `Suite stopped after ${STOP_AFTER} consecutive harness errors; last: ${streak.last}`,
        "suite",
      );
    }
    try {
      try {
        await body(ctx);
      } catch (err) {
        // Metadata that steers the harness at a host outside the allowlist is a finding about the
        // target, never a request (and not a harness fault).
        if (err instanceof HarnessError && err.code === "host_not_allowed") {
          throw new CheckFailure(`${NOT_TESTABLE} ${err.message}. The target's metadata points there; if that origin is yours, add it to http.allowedOrigins`);
        }
        throw err;
      }
      harnessErrorStreak.set(suiteFile, { count: 0, last: "" });
    } catch (err) {
      const isHarnessFault =
        !(err instanceof CheckFailure) && !(err instanceof SkipSignal) && !(err instanceof BlockedSignal) && (err as Error)?.name !== "AssertionError";
      harnessErrorStreak.set(suiteFile, isHarnessFault ? { count: streak.count + 1, last: (err as Error)?.message ?? String(err) } : { count: 0, last: "" });
      if (err instanceof SkipSignal) {
        meta.notes.push(`Skipped: ${err.reason}`);
        vitestContext.skip(err.reason);
        return;
      }
      if (err instanceof CheckFailure) meta.failure = redactor.json(err.details) as FailureDetails;
      // Blocked: the collector reports the check as `blocked` under this cause (recorded once).
      if (err instanceof BlockedSignal) meta.blocked = redactor.json({ ...err.blockedBy, evidence: { establishedBy: id, ...err.blockedBy.evidence } }) as CheckMeta["blocked"];
      if (err instanceof HarnessError) err.message = `[${err.code}${err.field ? ` ${err.field}` : ""}] ${err.message}`;
      if (err instanceof Error) {
        // Messages and stacks reach the report: mask any secret they quote.
        err.message = redactor.text(err.message);
        if (err.stack) err.stack = redactor.text(err.stack);
      }
      throw err;
    } finally {
      // Exchanges were redacted as they were recorded; mask secrets learnt later in the check too.
      meta.exchanges = meta.exchanges.map((e) => redactor.json(e) as Exchange);
      await allureAttach(meta);
    }
  });
}

/** Whether the check file being collected may declare `id` in a run of `profileId`. */
function declaredHere(id: string, profileId: string): boolean {
  const profile = getProfile(profileId);
  const file = getCurrentSuite()?.file?.filepath;
  if (!file || !profile.shared) return true;
  // Vitest reports posix paths; normalise anyway so the test holds on every platform.
  if (file.split(path.sep).join("/").includes(`/${profile.suitesDir}/`)) return true;
  return profile.shared.ids.includes(id);
}

async function allureLabels(requirement: Requirement): Promise<void> {
  await allure.testCaseId(requirement.id);
  await allure.historyId(requirement.id);
  await allure.label("flow", requirement.flow);
  await allure.label("level", requirement.level);
  await allure.feature(requirement.flow);
  await allure.severity(requirement.level === "MUST" ? "critical" : requirement.level === "SHOULD" ? "normal" : "minor");
  for (const source of requirement.sources) await allure.link(source.url, `${source.spec} ${source.section}`);
}

async function allureAttach(meta: CheckMeta): Promise<void> {
  if (meta.exchanges.length > 0) {
    await allure.attachment("exchanges.json", JSON.stringify(meta.exchanges, null, 2), "application/json");
  }
  if (Object.keys(meta.evidence).length > 0 || meta.failure) {
    await allure.attachment("evidence.json", JSON.stringify({ evidence: meta.evidence, failure: meta.failure }, null, 2), "application/json");
  }
}
