import type { Requirement } from "../types.ts";

export const claimRequirements: readonly Requirement[] = [];
