import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: provider. See types.ts. */
export const PROVIDER_VARIANTS = [] as const satisfies readonly VariantTableEntry[];
