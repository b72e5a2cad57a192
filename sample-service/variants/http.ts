import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: http. See types.ts. */
export const HTTP_VARIANTS = [] as const satisfies readonly VariantTableEntry[];
