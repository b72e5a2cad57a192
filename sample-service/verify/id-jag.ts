import { createHash } from "node:crypto";
import type { Faults } from "../faults.ts";
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
import { type JwtLeniency, verifySignedJwt } from "./signed-jwt.ts";

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
  /** Fault switches (faults/id-jag.ts); the clean service has none on. */
  faults: Faults;
  /** Variant typ-exact-string: typ must be the docs' exact string (conformant, unlike the RFC 7515 reading). */
  typExactString?: boolean;
}

export interface VerifiedIdJag {
  iss: string;
  sub: string;
  aud: string;
  /** Scopes the assertion allows: all supported ones unless a `scope` claim narrows them. */
  scopes: string[];
}

/** The signature-level weaknesses the ID-JAG fault switches plant. */
function leniency(faults: Faults): JwtLeniency {
  return {
    ignoreTyp: faults.has("idjag-ignore-typ"),
    typCaseSensitive: faults.has("idjag-typ-case-sensitive"),
    trustAnyIssuer: faults.has("idjag-trust-any-issuer"),
    issuerIgnoresTrailingSlash: faults.has("idjag-issuer-trailing-slash-normalised"),
    acceptAlgNone: faults.has("sig-accept-alg-none"),
    acceptEmptySignature: faults.has("sig-accept-empty-signature"),
    hmacWithPublicKey: faults.has("sig-hmac-with-public-key"),
    trustEmbeddedJwk: faults.has("sig-trust-embedded-jwk"),
    followJku: faults.has("sig-follow-jku"),
    acceptZeroSignature: faults.has("sig-psychic-signature"),
    skipSignature: faults.has("sig-decode-only"),
    anyTrustedIssuerKey: faults.has("sig-any-trusted-issuer-key"),
    ignoreCrit: faults.has("sig-ignore-crit"),
    firstDuplicateWins: faults.has("sig-first-duplicate-wins"),
  };
}

const trimSlash = (s: string): string => s.replace(/\/+$/, "");

/** Verifies an ID-JAG (draft-ietf-oauth-identity-assertion-authz-grant §3.1, §4.4.1; agent-services README). */
export class IdJagVerifier {
  private readonly lenient: JwtLeniency;

  constructor(private readonly options: IdJagVerifierOptions) {
    this.lenient = { ...leniency(options.faults), ...(options.typExactString ? { typCaseSensitive: true } : {}) };
  }

  async verify(token: string): Promise<VerifiedIdJag> {
    const o = this.options;
    const f = o.faults;
    const { claims, issuer } = await verifySignedJwt(token, ID_JAG_TYP, o.trustedIssuers, o.jwks, this.lenient);
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;

    this.checkAud(claims.aud);
    const exp = f.has("idjag-exp-optional") && typeof claims.exp !== "number" ? undefined : requireNumericDate(claims, "exp");
    const iat = f.has("idjag-iat-optional") && claims.iat === undefined ? undefined : requireNumericDate(claims, "iat");
    if (exp !== undefined && !f.has("idjag-ignore-exp")) checkExpiry(exp, now, f.has("idjag-no-clock-skew") ? 0 : skew);
    if (iat !== undefined && !f.has("idjag-accept-future-iat")) checkIssuedAtNotFuture(iat, now, skew);
    if (!f.has("idjag-ignore-nbf")) checkNotBefore(claims, now, skew);
    if (exp !== undefined && iat !== undefined && (exp < iat || exp - iat > o.maxLifetimeSeconds)) {
      throw new VerificationError("invalid_request", "exp", `assertion lifetime (exp - iat) must be between 0 and ${o.maxLifetimeSeconds} s`);
    }
    const sub = f.has("idjag-sub-optional") ? (typeof claims.sub === "string" ? claims.sub : "") : requireNonEmptyString(claims, "sub");
    const jti = f.has("idjag-jti-optional") && claims.jti === undefined ? undefined : requireNonEmptyString(claims, "jti");
    this.checkClientId(claims.client_id, issuer);
    if (!this.hasVerifiedContact(claims)) {
      throw new VerificationError("missing_verified_email", "email_verified", "assertion carries no verified email or phone number");
    }
    if (claims.cnf !== undefined) {
      throw new VerificationError("invalid_request", "cnf", "sender-constrained (cnf) assertions are not supported");
    }
    checkResource(claims.resource, o.resource, o.audience);
    const scopes = grantedScopes(claims.scope, o.scopesSupported);

    // Last, so a rejected assertion does not burn its jti. Kept past exp + skew, when it would fail anyway.
    if (jti !== undefined && !f.has("rpl-no-replay-check")) {
      const key = f.has("rpl-cache-keyed-on-token") ? createHash("sha256").update(token).digest("hex") : jti;
      const cacheIssuer = f.has("rpl-cache-keyed-on-jti-only") ? "" : issuer;
      const keepUntil = ((exp ?? now + o.maxLifetimeSeconds) + skew + 1) * 1000;
      if (!o.replay.remember(cacheIssuer, key, keepUntil, nowMs)) {
        throw new VerificationError("replay_detected", "jti", "this assertion (iss, jti) was already used");
      }
    }
    return { iss: issuer, sub, aud: o.audience, scopes };
  }

  private checkAud(aud: unknown): void {
    const f = this.options.faults;
    const expected = this.options.audience;
    if (aud === undefined && f.has("idjag-aud-optional")) return;
    if (Array.isArray(aud) && f.has("idjag-aud-string-only")) throw new VerificationError("invalid_audience", "aud", "aud must be a string");
    if (Array.isArray(aud) && f.has("idjag-aud-array-any-member") && aud.includes(expected)) return;
    if (typeof aud === "string" && f.has("idjag-aud-ignores-trailing-slash") && trimSlash(aud) === trimSlash(expected)) return;
    checkAudience(aud, expected);
  }

  private checkClientId(clientId: unknown, issuer: string): void {
    const f = this.options.faults;
    if (clientId === undefined && f.has("idjag-client-id-optional")) return;
    if (typeof clientId === "string" && f.has("idjag-accept-any-client-id")) return;
    // v0.1 has no CIMD support here: the only known client is the issuer itself (agent-providers README).
    if (clientId !== issuer) {
      throw new VerificationError("invalid_client_id", "client_id", "client_id is not a known client of this service");
    }
  }

  /** OIDC Core §5.1: *_verified are booleans; the string "true" does not count. */
  private hasVerifiedContact(claims: Record<string, unknown>): boolean {
    const f = this.options.faults;
    if (f.has("idjag-contact-claims-optional") && claims.email === undefined && claims.phone_number === undefined) return true;
    const verified = (value: unknown): boolean => (f.has("idjag-email-verified-truthy") ? Boolean(value) : value === true);
    const email = verified(claims.email_verified) && typeof claims.email === "string" && claims.email.length > 0;
    const phone = claims.phone_number_verified === true && typeof claims.phone_number === "string" && claims.phone_number.length > 0;
    return f.has("idjag-email-required") ? email : email || phone;
  }
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
