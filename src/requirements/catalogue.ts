import type { Requirement } from "./types.ts";
import { claimRequirements } from "./v0_1/claim.ts";
import { discoveryRequirements } from "./v0_1/discovery.ts";
import { fuzzRequirements } from "./v0_1/fuzz.ts";
import { idJagRequirements } from "./v0_1/id-jag.ts";
import { rateLimitRequirements } from "./v0_1/rate-limit.ts";
import { revocationRequirements } from "./v0_1/revocation.ts";
import { catalogueV07, DELEGATED_ROWS, rowIdsV07, SHARED_WITH_V0_1 } from "./v0_7/index.ts";
import { CHECKED_V07 } from "../profiles/v0_7/checked.ts";
import { SHARED_IDS_V07 } from "../profiles/v0_7/shared.ts";
import { UNCHECKED_ROWS_V07 } from "./v0_7/unchecked-rows.ts";

/** Every v0.1 requirement. Add a flow's file here, nowhere else. (v0.7's own entries: v0_7/index.ts.) */
export const catalogue: readonly Requirement[] = [
  ...discoveryRequirements,
  ...idJagRequirements,
  ...revocationRequirements,
  ...claimRequirements,
  ...fuzzRequirements,
  ...rateLimitRequirements,
];

/**
 * Profile-scoped catalogues. v0.7.md reuses some v0.1 ids for other rules (ID_REUSE), so an id
 * means one rule only inside one profile: every lookup names its profile.
 * - v0.1: the v0.1 catalogue.
 * - v0.7 (preview): the v0.7 entries that have an implemented check (CHECKED_V07), then the v0.1
 *   requirements shared with v0.7 whose check runs in v0.7 (SHARED_IDS_V07; same id, the level
 *   v0.7.md gives the rule). The rest of the v0.7 catalogue is counted as unchecked
 *   (coverageOfProfile), never planned nor passed.
 */
const checkedV07 = new Set(CHECKED_V07);
const sharedV07: Requirement[] = SHARED_IDS_V07.map((id) => {
  const v01 = catalogue.find((r) => r.id === id);
  const shared = SHARED_WITH_V0_1[id];
  if (!v01 || !shared) throw new Error(`SHARED_IDS_V07: ${id} is not a v0.1 requirement shared with v0.7`);
  const level = shared.levelInV07 ?? v01.level;
  const note = [v01.note, shared.change ? `v0.7: ${shared.change}.` : undefined, shared.levelInV07 ? `v0.7.md grades it ${shared.levelInV07}.` : undefined].filter(Boolean).join(" ");
  return { ...v01, level, profiles: [...v01.profiles, "v0.7"], ...(note ? { note } : {}) };
});
const scoped: Readonly<Record<string, readonly Requirement[]>> = {
  "v0.1": catalogue.filter((r) => r.profiles.includes("v0.1")),
  "v0.7": [...catalogueV07.filter((r) => checkedV07.has(r.id)), ...sharedV07],
};
// v0.7's total is every v0.7.md row (§16: 136), including the rows delegated to shared v0.1 ids:
// a delegated row counts as checked when every shared id implementing it is planned.
const allIdsOfProfile: Readonly<Record<string, readonly string[]>> = { "v0.1": scoped["v0.1"]!.map((r) => r.id), "v0.7": rowIdsV07() };
const byProfileAndId = new Map(Object.entries(scoped).map(([p, list]) => [p, new Map(list.map((r) => [r.id, r]))]));

/** The v0.7.md rows the plan covers: own entries with a check, and delegated rows all of whose shared ids run. */
function coveredRowsV07(planned: ReadonlySet<string>): Set<string> {
  const covered = new Set(catalogueV07.filter((r) => planned.has(r.id)).map((r) => r.id));
  // A planned fuzz property covers the rows it restates (ERR-06 is tested by fuzzing).
  for (const r of catalogueV07) if (r.restates && planned.has(r.id)) for (const row of r.restates) covered.add(row);
  for (const row of Object.keys(DELEGATED_ROWS)) {
    const implementers = Object.entries(SHARED_WITH_V0_1).filter(([, s]) => s.rows.includes(row)).map(([id]) => id);
    if (implementers.length > 0 && implementers.every((id) => planned.has(id))) covered.add(row);
  }
  return covered;
}

/** The requirement an id names in a profile (default v0.1), if the profile plans it. */
export function findRequirement(id: string, profile = "v0.1"): Requirement | undefined {
  return byProfileAndId.get(profile)?.get(id);
}

/** The requirements a run of the profile plans (for v0.7: those with an implemented check). */
export function requirementsForProfile(profile: string): Requirement[] {
  return [...(scoped[profile] ?? [])];
}

/** How much of a profile's catalogue has checks: a preview profile certifies only `checked`. */
export interface ProfileCoverage {
  checked: number;
  total: number;
  preview: boolean;
  /** Ids of the profile's catalogue without a check (preview, or excluded in writing). */
  unchecked: string[];
  /** Unchecked ids with a written exclusion (src/requirements/v0_7/unchecked-rows.ts). */
  excluded: string[];
}

export function coverageOfProfile(profile: string): ProfileCoverage {
  const all = allIdsOfProfile[profile] ?? [];
  const planned = new Set((scoped[profile] ?? []).map((r) => r.id));
  // Rows only: v0.7's fuzz properties are planned but restate rows (no row of their own); a
  // delegated row counts once every shared v0.1 id implementing it runs.
  const covered = profile === "v0.7" ? coveredRowsV07(planned) : planned;
  const unchecked = all.filter((id) => !covered.has(id));
  // A row without a check but with a written exclusion (not observable black-box) does not make
  // the profile a preview: every other row is checked.
  const excluded = unchecked.filter((id) => profile === "v0.7" && UNCHECKED_ROWS_V07[id] !== undefined);
  return { checked: all.length - unchecked.length, total: all.length, preview: unchecked.length > excluded.length, unchecked, excluded };
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
