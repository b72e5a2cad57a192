import type { Flow, RequirementLevel, SpecSource } from "../types.ts";
import { V0_7_PROFILES } from "./common.ts";
import type { RequirementV07 } from "./common.ts";

type Extras = Omit<RequirementV07, "id" | "level" | "flow" | "title" | "sources" | "profiles">;

/** One v0.7 requirement; every entry belongs to the v0.7 profile only. */
export function req(id: string, level: RequirementLevel, flow: Flow, title: string, sources: SpecSource[], extras: Extras): RequirementV07 {
  return { id, level, flow, title, profiles: V0_7_PROFILES, sources, ...extras };
}
