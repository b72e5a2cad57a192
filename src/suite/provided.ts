import type { Cause } from "../report/model.ts";
import type { Target } from "../target/target.ts";

/**
 * What the CLI process hands to the suites running in vitest workers (via vitest `provide`).
 * Plain JSON only. Secrets (private keys) never go here: suites reach the mock provider and the
 * mailbox through the bridge.
 */
export interface SuiteRunData {
  target: Target;
  seed: number;
  only: string[];
  /** Requirement ids (globs) not to run (config skip / --skip). */
  skip: string[];
  /** Read-only run: only passive checks, and the HTTP client refuses anything but GET/HEAD. */
  passive: boolean;
  requestTimeoutMs: number;
  maxBodyBytes: number;
  requestBudget: number;
  maxRatePerSecond: number;
  headers: Record<string, string>;
  /** How a 429 asking to slow down is waited out (http.slowDown). */
  slowDown?: { maxRetries: number; maxWaitMs: number; maxTotalWaitMs: number };
  userEmail: string;
  /** Loopback RPC endpoint of the CLI process (mock provider, mailbox, ledger), if any. */
  bridge?: { url: string; token: string };
  /** BroadcastChannel name for long-wait progress (suite/progress.ts); none: progress is not told. */
  progressChannel?: string;
  /** Free-form per-suite settings (audience mode, property runs, …) keyed by suite. */
  settings: Record<string, unknown>;
}

declare module "vitest" {
  export interface ProvidedContext {
    authmd: SuiteRunData;
  }
}
