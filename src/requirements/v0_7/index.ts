// The v0.7 requirement catalogue (issue 14). Not part of the global `catalogue` the v0.1 runner
// uses: the v0.7 profile will combine these entries with the v0.1 ids shared with v0.7.
//
// Counts: v0.7.md §16 has 136 rows (101 MUST, 30 SHOULD, 5 MAY). 121 are entries here; the other
// 15 are the same rules as v0.1 requirements (v0.7.md Δ "same", §4's carry-over) and are
// DELEGATED_ROWS, run under their v0.1 ids (SHARED_WITH_V0_1), so no rule has two ids.
import type { RequirementV07 } from "./common.ts";
import { apiErrorRequirementsV07 } from "./api-errors.ts";
import { claimEndpointRequirementsV07 } from "./claim-endpoint.ts";
import { claimPageRequirementsV07 } from "./claim-page.ts";
import { discoveryRequirementsV07 } from "./discovery.ts";
import { fuzzInputRequirementsV07 } from "./fuzz-input.ts";
import { fuzzRequirementsV07 } from "./fuzz.ts";
import { idJagRequirementsV07 } from "./id-jag.ts";
import { registrationRequirementsV07 } from "./registration.ts";
import { revocationRequirementsV07 } from "./revocation.ts";
import { serviceAuthRequirementsV07 } from "./service-auth.ts";
import { DELEGATED_ROWS, SHARED_WITH_V0_1 } from "./shared-with-v0_1.ts";
import { tokenRequirementsV07 } from "./token.ts";

/** v0.7 entries of their own, in v0.7.md order. */
export const catalogueV07: readonly RequirementV07[] = [
  ...discoveryRequirementsV07,
  ...registrationRequirementsV07,
  ...idJagRequirementsV07,
  ...serviceAuthRequirementsV07,
  ...claimEndpointRequirementsV07,
  ...tokenRequirementsV07,
  ...revocationRequirementsV07,
  ...apiErrorRequirementsV07,
  ...claimPageRequirementsV07,
  // the suite's own fuzz properties (issue 16; not v0.7.md rows): the model and properties, input fuzzing and the user_code brute-force proof
  ...fuzzRequirementsV07,
  ...fuzzInputRequirementsV07,
];

const byId = new Map(catalogueV07.map((r) => [r.id, r]));

export function findRequirementV07(id: string): RequirementV07 | undefined {
  return byId.get(id);
}

/** Every id the v0.7 profile runs: its own entries, then the v0.1 ids shared with it. */
export function profileIdsV07(): string[] {
  return [...catalogueV07.map((r) => r.id), ...Object.keys(SHARED_WITH_V0_1)];
}

/** Every v0.7.md row id (§1–§12): own entries plus rows delegated to shared v0.1 ids (the fuzz properties are no rows). */
export function rowIdsV07(): string[] {
  return [...catalogueV07.filter((r) => r.flow !== "fuzz").map((r) => r.id), ...Object.keys(DELEGATED_ROWS)];
}

export type { Actor, DeltaFromV01, RequirementV07 } from "./common.ts";
export { BASIS_KINDS, V0_7_PROFILES } from "./common.ts";
export { DELEGATED_ROWS, ID_REUSE, REMOVED_IN_V0_7, SECTION_4_CARRY_OVER, SHARED_WITH_V0_1 } from "./shared-with-v0_1.ts";
export type { DelegatedRow, RemovedV01, SharedV01 } from "./shared-with-v0_1.ts";
export { DISAGREEMENTS_V07 } from "./disagreements.ts";
export type { Disagreement } from "./disagreements.ts";
export { traceabilityV07 } from "./traceability.ts";
