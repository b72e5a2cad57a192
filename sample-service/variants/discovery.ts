import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: discovery. See types.ts. */
export const DISCOVERY_VARIANTS = [] as const satisfies readonly VariantTableEntry[];
