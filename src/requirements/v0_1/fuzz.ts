import type { Requirement } from "../types.ts";

export const fuzzRequirements: readonly Requirement[] = [];
