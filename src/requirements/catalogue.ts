import type { Requirement } from "./types.ts";
import { claimRequirements } from "./v0_1/claim.ts";
import { discoveryRequirements } from "./v0_1/discovery.ts";
import { fuzzRequirements } from "./v0_1/fuzz.ts";
import { idJagRequirements } from "./v0_1/id-jag.ts";
import { rateLimitRequirements } from "./v0_1/rate-limit.ts";
import { revocationRequirements } from "./v0_1/revocation.ts";

/** Every requirement the suite knows, across profiles. Add a flow's file here, nowhere else. */
export const catalogue: readonly Requirement[] = [
  ...discoveryRequirements,
  ...idJagRequirements,
  ...revocationRequirements,
  ...claimRequirements,
  ...fuzzRequirements,
  ...rateLimitRequirements,
];

const byId = new Map(catalogue.map((r) => [r.id, r]));

export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}

export function requirementsForProfile(profile: string): Requirement[] {
  return catalogue.filter((r) => r.profiles.includes(profile));
}

/** Whether a run selects a requirement: its id matches --only, and under --passive it only reads. */
export function isSelected(requirement: Requirement, selection: { only: readonly string[]; skip?: readonly string[]; passive: boolean }): boolean {
  const skipped = (selection.skip?.length ?? 0) > 0 && matchesIdGlob(requirement.id, selection.skip!);
  return matchesIdGlob(requirement.id, selection.only) && !skipped && (!selection.passive || requirement.passive === true);
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
