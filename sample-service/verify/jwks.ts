import { createRemoteJWKSet, errors } from "jose";
import type { JWTVerifyGetKey } from "jose";

export type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/** How the cache reacts to a kid it does not hold. Only "once" is correct; the others are fault switches. */
export type KidMissPolicy = "once" | "never" | "storm";

const CACHE_MAX_AGE_MS = 10 * 60 * 1000;
/** The "storm" fault's extra refetches per unknown kid, on top of jose's own one. */
const STORM_EXTRA_FETCHES = 2;

/**
 * One jose remote key set per trusted issuer, at `${iss}/.well-known/jwks.json`, kept for
 * 10 minutes. On a kid miss it refetches once before refusing (agent-services README, "JWKS
 * fetching"): no cooldown, so a rotation is seen at once; each unknown-kid token costs at most one
 * fetch of a trusted issuer's JWKS, so floods stay bounded by the request rate.
 */
export class JwksCache {
  private readonly sets = new Map<string, RemoteKeySet>();

  /**
   * `unknownKidCooldownMs` (policy "once"): after any fetch, no refetch on a kid miss for this long,
   * as jose (30 s by default) and other JWKS libraries (often 5 minutes) do. 0 = none.
   */
  constructor(
    private readonly onKidMiss: KidMissPolicy = "once",
    private readonly unknownKidCooldownMs = 0,
  ) {}

  /** The key set itself (for code that needs its JWKS document). */
  forIssuer(issuer: string): RemoteKeySet {
    let set = this.sets.get(issuer);
    if (set === undefined) {
      set = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
        cooldownDuration: this.onKidMiss === "never" ? CACHE_MAX_AGE_MS : this.unknownKidCooldownMs,
        cacheMaxAge: CACHE_MAX_AGE_MS,
        timeoutDuration: 5000,
      });
      this.sets.set(issuer, set);
    }
    return set;
  }

  /** The key resolver used to verify a token of `issuer`. */
  resolver(issuer: string): JWTVerifyGetKey {
    const set = this.forIssuer(issuer);
    if (this.onKidMiss !== "storm") return set;
    return async (header, token) => {
      try {
        return await set(header, token);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey) {
          for (let i = 0; i < STORM_EXTRA_FETCHES; i++) await set.reload();
        }
        throw error;
      }
    };
  }
}
