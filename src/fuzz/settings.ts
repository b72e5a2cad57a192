import { type Config, fuzzSchema } from "../config/schema.ts";
import type { SuiteRunData } from "../suite/provided.ts";

/** The fuzz section of the run config, as the suites receive it (see config/schema.ts for the meaning). */
export type FuzzSettings = Config["fuzz"];

/** The run's fuzz settings (already validated with the config); the config's defaults when a run passes none. */
export function fuzzSettings(data: Pick<SuiteRunData, "settings">): FuzzSettings {
  return (data.settings.fuzz as FuzzSettings | undefined) ?? fuzzSchema.parse({});
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
