// ID-JAGs with an auth_time chosen relative to the service's max_age (v0.7.md §4.1, AT-01…06;
// A7 Step 3 "Login required"; S6 "auth_time freshness").
import { epochSeconds } from "./ids.ts";
import type { IdJagInput, Minter } from "./mint.ts";

export const AUTH_TIME_VARIANTS = ["fresh", "absent", "stale", "future", "boundary"] as const;
export type AuthTimeVariant = (typeof AUTH_TIME_VARIANTS)[number];

/** One year, for the far-future case (AT-04). */
export const FUTURE_OFFSET_SECONDS = 365 * 24 * 3600;
/** Past max_age by more than any reasonable skew (AT-02; the reference allows 60 s). */
export const DEFAULT_STALE_MARGIN_SECONDS = 120;
/** Inside max_age by this much (AT-06). */
export const BOUNDARY_INSIDE_SECONDS = 30;

export interface AuthTimeOptions {
  variant: AuthTimeVariant;
  /** The service's max_age in seconds (learnt from a login_required answer, §15 P18). */
  maxAge: number;
  /** stale: how far beyond max_age; default 120. */
  marginSeconds?: number;
  /** Epoch seconds; default now. */
  now?: number;
}

/**
 * The auth_time a variant carries, or undefined for "absent":
 * fresh now − 5; stale now − max_age − margin; future now + 1 year; boundary now − max_age + 30.
 */
export function authTimeFor(opts: AuthTimeOptions): number | undefined {
  const now = opts.now ?? epochSeconds();
  switch (opts.variant) {
    case "absent":
      return undefined;
    case "fresh":
      return now - 5;
    case "stale":
      return now - opts.maxAge - (opts.marginSeconds ?? DEFAULT_STALE_MARGIN_SECONDS);
    case "future":
      return now + FUTURE_OFFSET_SECONDS;
    case "boundary":
      return now - opts.maxAge + BOUNDARY_INSIDE_SECONDS;
  }
}

/** An otherwise valid ID-JAG whose auth_time follows the variant (absent: no auth_time claim). */
export function mintIdJagWithAuthTime(minter: Minter, input: IdJagInput, opts: AuthTimeOptions): Promise<string> {
  // One clock for both: auth_time is placed relative to the token's own iat.
  const now = input.now ?? opts.now ?? epochSeconds();
  const authTime = authTimeFor({ ...opts, now });
  const claims = { ...input.claims, auth_time: authTime };
  const omitClaims = authTime === undefined ? [...(input.omitClaims ?? []), "auth_time"] : input.omitClaims;
  return minter.idJag({ ...input, now, claims, ...(omitClaims ? { omitClaims } : {}) });
}
