/** One named fault switch: which requirement(s) it breaks and how. */
export interface FaultDefinition {
  name: string;
  requirementIds: string[];
  description: string;
  /**
   * Checks of other flows that fail too, because they rely on what the switch breaks (the model
   * run reads scopes, the input fuzzer meets the same 5xx): `npm run test:mutants` requires
   * exactly requirementIds plus these. Not counted as coverage: no switch is written for them.
   */
  alsoFails?: AlsoFails;
  /**
   * Checks that fail with the switch only by chance (a check that sees one random value where
   * the declared property samples many): allowed to fail, never required to. Not coverage.
   */
  mayAlsoFail?: AlsoFails;
  /**
   * v0.7 switches whose requirementIds name a v0.7.md row delegated to shared v0.1 ids
   * (DELEGATED_ROWS): the shared v0.1 check ids that must fail in a v0.7 run (the kill matrix
   * expects these in place of the delegated rows).
   */
  sharedCheckIds?: string[];
  /**
   * A conformant variant the switch must be run on (demo --variant): a switch that breaks how a
   * service behaves in a state the default service never reaches (its rate limit) needs it.
   */
  onVariant?: string;
}

/** Downstream ids and why they fail with the switch. */
export interface AlsoFails {
  readonly ids: readonly string[];
  readonly why: string;
}

/** Shape the per-flow fault tables are written in (kept `as const` so names become a type). */
export interface FaultTableEntry {
  readonly name: string;
  readonly requirementIds: readonly string[];
  readonly description: string;
  readonly alsoFails?: AlsoFails;
  readonly mayAlsoFail?: AlsoFails;
  readonly sharedCheckIds?: readonly string[];
  readonly onVariant?: string;
}
