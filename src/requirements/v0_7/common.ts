import type { Requirement, RequirementLevel } from "../types.ts";

/** The profiles every v0.7 requirement belongs to. */
export const V0_7_PROFILES = ["v0.7"] as const;

/** How a rule relates to the v0.1 profile (v0.7.md "Δ" column). */
export type DeltaFromV01 = "new" | "chg" | "same" | "rem";

/**
 * What a black-box test of the rule needs (v0.7.md "test" column): A agent requests only, P a mint
 * by the mock provider, U the user actor, T a wait on the clock (slow tier).
 */
export type Actor = "A" | "P" | "U" | "T";

/**
 * A v0.7 requirement. `basis` says why it has its level and opens with its kind:
 * - "BCP 14:"  an RFC the profile composes states it with an upper-case keyword. The auth.md
 *   documents use none: AUTH.md has no BCP 14 keyword, and the guide's lower-case "must"/"should"
 *   are not keywords (RFC 8174), so rules resting on them are "(docs)" even where v0.7.md grades
 *   them MUST without its "(docs)" marker;
 * - "(docs)"   the auth.md docs state it by example or in prose: the level is the suite's reading;
 * - "(reference)" only the changelog, the reference code or a commit message states it: the level
 *   is the suite's reading of a fix whose loss re-opens the bug;
 * - "(conflict …)" an RFC or a guide is stricter than the docs or the reference: SHOULD (or MAY),
 *   with the conflict named (a §15 disagreement "Pn" where v0.7.md lists one);
 * - "(derived)" follows from other rows (a boundary, robustness), no source states it.
 */
export type RequirementV07 = Requirement & {
  basis: string;
  delta: DeltaFromV01;
  /** Protocol version whose changelog introduced the rule, where a changelog entry is cited. */
  since?: string;
  /** Profile in which the rule first applies to the suite: "v0.1" for carried-over rules. */
  introducedIn: "v0.1" | "v0.7";
  /** v0.1 requirement ids this rule changes or replaces (the v0.1 ids do not run in v0.7). */
  replacesV01?: readonly string[];
  actors: readonly Actor[];
  /** §15 disagreements that parameterise this rule. */
  disagreements?: readonly string[];
  /** Present in v0.7.0 only, not in the runnable v0.6+fix reference (b53c9ed). */
  v07Only?: true;
  /** How a black-box harness can test it (v0.7.md "test" column). */
  howToTest: string;
  /**
   * A suite property (flow "fuzz", no v0.7.md row of its own) that tests these rows: a planned
   * property covers them (v0.7.md ERR-06's test is "fuzz").
   */
  restates?: readonly string[];
};

export const BASIS_KINDS = ["BCP 14:", "(docs)", "(reference)", "(conflict", "(derived)"] as const;

export type { RequirementLevel };
