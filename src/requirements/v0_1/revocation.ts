import type { Requirement } from "../types.ts";

export const revocationRequirements: readonly Requirement[] = [];
