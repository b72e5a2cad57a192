import { randomUUID } from "node:crypto";
import path from "node:path";
import { Writable } from "node:stream";
import { createVitest } from "vitest/node";
import type { Profile } from "../profiles/types.ts";
import { type Cause, type CheckResult, harnessErrorResult } from "../report/model.ts";
import { isSelected, requirementsForProfile } from "../requirements/catalogue.ts";
import type { SuiteRunData } from "../suite/provided.ts";
import { listenProgress, type ProgressEvent } from "../suite/progress.ts";
import { alignAllureStatuses } from "./allure-status.ts";
import { CheckCollector } from "./collector.ts";
import { codeRoot, suiteFileGlob } from "./package-root.ts";

export interface RunSuitesOptions {
  profile: Profile;
  data: SuiteRunData;
  checkTimeoutMs: number;
  runTimeoutMs: number;
  /** Allure results folder (allure-vitest), emptied first: allure-vitest never cleans it. */
  allureResultsDir?: string;
  onResult?: (result: CheckResult) => void;
  /** A check started, or a check waits long (mail, property run, brute force): for the console. */
  onProgress?: (event: ProgressEvent) => void;
}

export interface SuitesOutcome {
  checks: CheckResult[];
  harnessErrors: string[];
  causes: Cause[];
}

/**
 * Launch the profile's vitest suites in-process, one file after another in a single worker (so
 * one request budget and one secret redactor serve the whole run, and the target sees a polite,
 * ordered sequence), and collect check results.
 */
export async function runSuites(options: RunSuitesOptions): Promise<SuitesOutcome> {
  const collector = new CheckCollector(options.onResult, options.profile.id);
  // Long waits are told by the suites over a channel of this run's own (suite/progress.ts).
  const progressChannel = options.onProgress ? `authmd-progress-${randomUUID()}` : undefined;
  const progress = progressChannel ? listenProgress(progressChannel, options.onProgress!) : undefined;
  const data: SuiteRunData = progressChannel ? { ...options.data, progressChannel } : options.data;
  const reporters: Array<unknown> = [collector];
  if (options.allureResultsDir) {
    reporters.push(["allure-vitest/reporter", { resultsDir: options.allureResultsDir }]);
  }

  const previousExitCode = process.exitCode;
  const vitest = await createVitest(
    "test",
    {
      config: false,
      root: codeRoot,
      dir: codeRoot,
      include: suiteFiles(options.profile),
      exclude: [],
      watch: false,
      reporters: reporters as never,
      provide: { authmd: data },
      setupFiles: options.allureResultsDir ? ["allure-vitest/setup"] : [],
      // A worker thread, not a forked process: it starts ~0.4 s faster per run, and the kill
      // matrix runs the suite ~130 times.
      pool: "threads",
      fileParallelism: false,
      maxWorkers: 1,
      isolate: false,
      sequence: { shuffle: false },
      testTimeout: options.checkTimeoutMs,
      hookTimeout: options.checkTimeoutMs,
      silent: true,
      passWithNoTests: true,
    },
    { logLevel: "silent", cacheDir: undefined, server: { watch: null } } as never,
    { stdout: devNull(), stderr: devNull() } as never,
  );

  let timer: NodeJS.Timeout | undefined;
  let startError: unknown;
  const timedOut = await new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), options.runTimeoutMs);
    vitest.start().then(
      () => resolve(false),
      (err: unknown) => {
        startError = err;
        resolve(false);
      },
    );
  });
  clearTimeout(timer);
  const harnessErrors = [...collector.harnessErrors];
  if (startError) harnessErrors.push(`Suite runner failed: ${(startError as Error).message ?? String(startError)}`);
  if (timedOut) {
    harnessErrors.push(`Run timeout: the suites did not finish within ${options.runTimeoutMs} ms (timeouts.runMs)`);
    await vitest.cancelCurrentRun("keyboard-input").catch(() => undefined);
  }
  await vitest.close().catch(() => undefined);
  progress?.close();
  process.exitCode = previousExitCode;

  // Every planned check appears in the report: one that never reported is a harness error.
  const planned = requirementsForProfile(options.profile.id).filter((r) => isSelected(r, options.data));
  const seen = new Set(collector.results.map((r) => r.id));
  const missing: CheckResult[] = planned
    .filter((r) => !seen.has(r.id))
    .map((r) =>
      harnessErrorResult(
        r,
        timedOut
          ? "Harness error: the check did not run before the run timeout"
          : "Harness error: the check did not report a result (its suite failed to load or was stopped)",
        harnessErrors,
      ),
    );

  const order = new Map(planned.map((r, i) => [r.id, i]));
  const checks = [...collector.results, ...missing].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  if (options.allureResultsDir) await alignAllureStatuses(options.allureResultsDir, checks);
  return { checks, harnessErrors, causes: [...collector.causes] };
}

/**
 * The profile's own suites, then the check files it shares with an earlier profile (the same rule in
 * both revisions, run through this profile's agent driver; check() runs only the shared ids there).
 */
export function suiteFiles(profile: Profile): string[] {
  const ext = suiteFileGlob.replace(/^\*\*\/\*/, ""); // ".check.ts" or ".check.js"
  return [path.posix.join(profile.suitesDir, suiteFileGlob), ...(profile.shared?.files ?? []).map((f) => `${f}${ext}`)];
}

/** Vitest's own console output is replaced by our progress lines; keep it for debugging. */
function devNull(): NodeJS.WriteStream {
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      if (process.env.AUTHMD_DEBUG_VITEST) process.stderr.write(chunk);
      callback();
    },
  });
  return sink as unknown as NodeJS.WriteStream;
}
