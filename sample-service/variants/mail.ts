import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: mail. See types.ts. */
export const MAIL_VARIANTS = [] as const satisfies readonly VariantTableEntry[];
