import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: errors. See types.ts. */
export const ERRORS_VARIANTS = [] as const satisfies readonly VariantTableEntry[];
