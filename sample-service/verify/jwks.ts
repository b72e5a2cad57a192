import { createRemoteJWKSet } from "jose";

export type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * One jose remote key set per trusted issuer, at `${iss}/.well-known/jwks.json`. jose refetches
 * once on an unknown `kid` (after the cooldown) and keeps keys for `cacheMaxAge`.
 */
export class JwksCache {
  private readonly sets = new Map<string, RemoteKeySet>();

  forIssuer(issuer: string): RemoteKeySet {
    let set = this.sets.get(issuer);
    if (set === undefined) {
      set = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
        cooldownDuration: 1000,
        cacheMaxAge: 10 * 60 * 1000,
        timeoutDuration: 5000,
      });
      this.sets.set(issuer, set);
    }
    return set;
  }
}
