import {
  checkAudience,
  checkExpiry,
  checkIssuedAtNotFuture,
  checkNotBefore,
  requireNonEmptyString,
  requireNumericDate,
} from "./claims.ts";
import { VerificationError } from "./errors.ts";
import type { JwksCache } from "./jwks.ts";
import type { ReplayCache } from "./replay-cache.ts";
import { verifySignedJwt } from "./signed-jwt.ts";

export const ID_JAG_TYP = "oauth-id-jag+jwt";

export interface IdJagVerifierOptions {
  /** This service's issuer; the only accepted `aud`. */
  audience: string;
  /** The protected resource identifier; a `resource` claim must name it. */
  resource: string;
  scopesSupported: readonly string[];
  trustedIssuers: readonly string[];
  clockSkewSeconds: number;
  maxLifetimeSeconds: number;
  jwks: JwksCache;
  replay: ReplayCache;
  now: () => number;
}

export interface VerifiedIdJag {
  iss: string;
  sub: string;
  aud: string;
  /** Scopes the assertion allows: all supported ones unless a `scope` claim narrows them. */
  scopes: string[];
}

/** Verifies an ID-JAG (draft-ietf-oauth-identity-assertion-authz-grant §3.1, §4.4.1; agent-services README). */
export class IdJagVerifier {
  constructor(private readonly options: IdJagVerifierOptions) {}

  async verify(token: string): Promise<VerifiedIdJag> {
    const o = this.options;
    const { claims, issuer } = await verifySignedJwt(token, ID_JAG_TYP, o.trustedIssuers, o.jwks);
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;

    checkAudience(claims.aud, o.audience);
    const exp = requireNumericDate(claims, "exp");
    const iat = requireNumericDate(claims, "iat");
    checkExpiry(exp, now, skew);
    checkIssuedAtNotFuture(iat, now, skew);
    checkNotBefore(claims, now, skew);
    if (exp < iat || exp - iat > o.maxLifetimeSeconds) {
      throw new VerificationError("invalid_request", "exp", `assertion lifetime (exp - iat) must be between 0 and ${o.maxLifetimeSeconds} s`);
    }
    const sub = requireNonEmptyString(claims, "sub");
    const jti = requireNonEmptyString(claims, "jti");
    // v0.1 has no CIMD support here: the only known client is the issuer itself (agent-providers README).
    if (claims.client_id !== issuer) {
      throw new VerificationError("invalid_client_id", "client_id", "client_id is not a known client of this service");
    }
    if (!hasVerifiedContact(claims)) {
      throw new VerificationError("missing_verified_email", "email_verified", "assertion carries no verified email or phone number");
    }
    if (claims.cnf !== undefined) {
      throw new VerificationError("invalid_request", "cnf", "sender-constrained (cnf) assertions are not supported");
    }
    checkResource(claims.resource, o.resource, o.audience);
    const scopes = grantedScopes(claims.scope, o.scopesSupported);

    // Last, so a rejected assertion does not burn its jti. Kept past exp + skew, when it would fail anyway.
    if (!o.replay.remember(issuer, jti, (exp + skew + 1) * 1000, nowMs)) {
      throw new VerificationError("replay_detected", "jti", "this assertion (iss, jti) was already used");
    }
    return { iss: issuer, sub, aud: o.audience, scopes };
  }
}

/** OIDC Core §5.1: *_verified are booleans; the string "true" does not count. */
function hasVerifiedContact(claims: Record<string, unknown>): boolean {
  const email = claims.email_verified === true && typeof claims.email === "string" && claims.email.length > 0;
  const phone = claims.phone_number_verified === true && typeof claims.phone_number === "string" && claims.phone_number.length > 0;
  return email || phone;
}

function checkResource(resource: unknown, resourceId: string, issuer: string): void {
  if (resource === undefined) return;
  // RFC 9728 §3.3: "U" and "U/" name the same root resource.
  if (resource !== resourceId && resource !== issuer) {
    throw new VerificationError("invalid_target", "resource", `resource must be ${resourceId}`);
  }
}

/** RFC 6749 §3.3 scope string; the grant is narrowed to what the assertion names. */
function grantedScopes(scope: unknown, supported: readonly string[]): string[] {
  if (scope === undefined) return [...supported];
  if (typeof scope !== "string") throw new VerificationError("invalid_request", "scope", "scope must be a space-separated string");
  const requested = new Set(scope.split(" ").filter((s) => s.length > 0));
  const granted = supported.filter((s) => requested.has(s));
  if (granted.length === 0) throw new VerificationError("invalid_scope", "scope", "none of the requested scopes is supported");
  return granted;
}
