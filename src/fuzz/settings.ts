import type { SuiteRunData } from "../suite/provided.ts";

/** The fuzz section of the run config, as the suites receive it (see config/schema.ts for the meaning). */
export interface FuzzSettings {
  runs: number;
  maxRequestsPerProperty: number;
  maxMsPerProperty: number;
  maxOtpAttempts: number;
  proveOtpBruteforce: boolean;
  bruteforce: { maxAttempts: number; maxMs: number; concurrency: number };
}

export const DEFAULT_FUZZ_SETTINGS: FuzzSettings = {
  runs: 20,
  maxRequestsPerProperty: 400,
  maxMsPerProperty: 20_000,
  maxOtpAttempts: 10,
  proveOtpBruteforce: false,
  bruteforce: { maxAttempts: 1_000_000, maxMs: 600_000, concurrency: 32 },
};

export function fuzzSettings(data: Pick<SuiteRunData, "settings">): FuzzSettings {
  const given = (data.settings.fuzz ?? {}) as Partial<FuzzSettings>;
  return {
    ...DEFAULT_FUZZ_SETTINGS,
    ...given,
    bruteforce: { ...DEFAULT_FUZZ_SETTINGS.bruteforce, ...(given.bruteforce ?? {}) },
  };
}

/**
 * A property's own seed: the run seed mixed with the property's id, so every property draws its
 * own sequence and `--seed <run seed>` replays all of them (FNV-1a; any stable mix would do).
 */
export function propertySeed(runSeed: number, id: string): number {
  let h = 0x811c9dc5 ^ (runSeed >>> 0);
  for (const ch of id) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}
