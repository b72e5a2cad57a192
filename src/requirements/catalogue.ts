import type { Requirement } from "./types.ts";
import { discoveryRequirements } from "./v0_1/discovery.ts";

/** Every requirement the suite knows, across profiles. Add a flow's file here, nowhere else. */
export const catalogue: readonly Requirement[] = [...discoveryRequirements];

const byId = new Map(catalogue.map((r) => [r.id, r]));

export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}

export function requirementsForProfile(profile: string): Requirement[] {
  return catalogue.filter((r) => r.profiles.includes(profile));
}

/** Glob over ids: "DISC-*", "IDJAG-AUD-0?"; comma-separated alternatives. */
export function matchesIdGlob(id: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return true;
  return globs.some((glob) => {
    const pattern = glob
      .trim()
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    return new RegExp(`^${pattern}$`, "i").test(id);
  });
}
