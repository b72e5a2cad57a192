import { HarnessError } from "../errors.ts";
import type { Profile } from "./types.ts";
import { profileV01 } from "./v0_1/index.ts";
import { profileV07 } from "./v0_7/index.ts";

export const profiles: readonly Profile[] = [profileV01, profileV07];

/** What `profile` may say in the config: a revision, or `auto` (detect it from the discovery documents). */
export const PROFILE_CHOICES = ["auto", ...profiles.map((p) => p.id)] as const;

export function getProfile(id: string): Profile {
  const profile = profiles.find((p) => p.id === id);
  if (!profile) {
    throw new HarnessError(
      "usage",
      `Unknown profile "${id}"; known: ${profiles.map((p) => p.id).join(", ")}`,
      "profile",
    );
  }
  return profile;
}

export type { Profile } from "./types.ts";
