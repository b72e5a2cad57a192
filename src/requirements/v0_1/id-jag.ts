import type { Requirement } from "../types.ts";

export const idJagRequirements: readonly Requirement[] = [];
