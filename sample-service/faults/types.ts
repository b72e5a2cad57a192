/** One named fault switch: which requirement(s) it breaks and how. */
export interface FaultDefinition {
  name: string;
  requirementIds: string[];
  description: string;
}

/** Shape the per-flow fault tables are written in (kept `as const` so names become a type). */
export interface FaultTableEntry {
  readonly name: string;
  readonly requirementIds: readonly string[];
  readonly description: string;
}
