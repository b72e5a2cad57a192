/** The profiles every v0.1 requirement belongs to. */
export const V0_1_PROFILES = ["v0.1"] as const;

/**
 * How a note opens when the auth.md v0.1 docs state a rule by example or in prose, without a
 * BCP 14 keyword: the level given is then the suite's reading, and the note says why.
 */
export const DOCS_ONLY = "Stated by the auth.md docs without a BCP 14 keyword;";
