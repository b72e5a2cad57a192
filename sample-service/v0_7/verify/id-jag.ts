import { VerificationError } from "../../verify/errors.ts";
import { checkAudience, checkExpiry, checkIssuedAtNotFuture, checkNotBefore, requireNonEmptyString, requireNumericDate } from "../../verify/claims.ts";
import type { JwksCache } from "../../verify/jwks.ts";
import type { ReplayCache } from "../../verify/replay-cache.ts";
import { verifySignedJwt } from "../../verify/signed-jwt.ts";
import type { FaultsV07 } from "../faults.ts";
import { ID_JAG_TYP } from "../protocol.ts";

/** checkAudience, or the aud weaknesses of the shared-check switches (trailing "/" ignored, any array member). */
function checkAudienceV07(aud: unknown, expected: string, f: FaultsV07): void {
  const trim = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\/+$/, "") : v);
  if (f.has("v07-idjag-aud-trailing-slash-ignored")) return checkAudience(Array.isArray(aud) ? aud.map(trim) : trim(aud), expected.replace(/\/+$/, ""));
  if (f.has("v07-idjag-aud-array-any-member") && Array.isArray(aud) && aud.includes(expected)) return;
  checkAudience(aud, expected);
}

/** The ID-JAG's auth_time is missing, stale or in the future: the user must sign in at the provider again. */
export class LoginRequired extends Error {
  constructor(readonly maxAge: number, message: string) {
    super(message);
    this.name = "LoginRequired";
  }
}

export interface VerifiedProviderIdJag {
  iss: string;
  sub: string;
  /** The verified email (lower-cased) or phone number the service matches accounts on. */
  email?: string;
  phone?: string;
  /** The token's own `name` claim: attacker-influenced, shown nowhere (except under a fault). */
  claimedName?: string;
}

export interface IdJagV07Options {
  audience: string;
  trustedIssuers: readonly string[];
  clockSkewSeconds: number;
  maxLifetimeSeconds: number;
  maxAuthAgeSeconds: number;
  jwks: JwksCache;
  replay: ReplayCache;
  now: () => number;
  faults: FaultsV07;
}

/**
 * Verifies a provider ID-JAG for v0.7 (S6 "Verifying ID-JAGs"; v0.7.md §4, §4.1): trust list,
 * signature, typ, aud = issuer, exp/iat with skew, jti recorded before the email and auth_time
 * checks (a rejected token is burnt too), client_id, a verified email or phone, auth_time freshness.
 */
export class IdJagVerifierV07 {
  constructor(private readonly o: IdJagV07Options) {}

  /** Both options stay true except under the /agent/identity/claim faults that skip a step there. */
  async verify(token: string, options: { consumeJti?: boolean; checkAuthTime?: boolean } = {}): Promise<VerifiedProviderIdJag> {
    const consumeJti = options.consumeJti ?? true;
    const { o } = this;
    const f = o.faults;
    const { claims, issuer } = await verifySignedJwt(token, ID_JAG_TYP, o.trustedIssuers, o.jwks, {
      trustAnyIssuer: f.has("v07-idjag-trust-any-issuer"),
      skipSignature: f.has("v07-idjag-signature-not-checked"),
      ignoreTyp: f.has("v07-idjag-typ-ignored"),
      // The weaknesses of the v0.1 switches, for the v0.1 checks shared with v0.7 (faults.ts).
      typCaseSensitive: f.has("v07-idjag-typ-case-sensitive"),
      issuerIgnoresTrailingSlash: f.has("v07-idjag-issuer-trailing-slash-normalised"),
      acceptAlgNone: f.has("v07-idjag-alg-none-accepted"),
      acceptEmptySignature: f.has("v07-idjag-empty-signature-accepted"),
      hmacWithPublicKey: f.has("v07-idjag-hmac-with-public-key"),
      trustEmbeddedJwk: f.has("v07-idjag-embedded-jwk-trusted"),
      acceptZeroSignature: f.has("v07-idjag-zero-signature-accepted"),
      ignoreCrit: f.has("v07-idjag-crit-ignored"),
      firstDuplicateWins: f.has("v07-idjag-first-duplicate-wins"),
    });
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;
    if (!f.has("v07-idjag-aud-not-checked")) checkAudienceV07(claims.aud, o.audience, f);
    const iat = requireNumericDate(claims, "iat");
    // v07-idjag-exp-optional: exp is only checked when it is a number (kept in the replay cache for the longest lifetime).
    const exp = f.has("v07-idjag-exp-optional") && typeof claims.exp !== "number" ? iat + o.maxLifetimeSeconds : requireNumericDate(claims, "exp");
    if (!f.has("v07-idjag-expired-accepted")) checkExpiry(exp, now, skew);
    if (!f.has("v07-idjag-future-iat-accepted")) checkIssuedAtNotFuture(iat, now, skew);
    if (!f.has("v07-idjag-nbf-ignored")) checkNotBefore(claims, now, skew);
    if (exp < iat || exp - iat > o.maxLifetimeSeconds) {
      throw new VerificationError("invalid_request", "exp", `assertion lifetime (exp - iat) must be between 0 and ${o.maxLifetimeSeconds} s`);
    }
    const sub = requireNonEmptyString(claims, "sub");
    const jti = requireNonEmptyString(claims, "jti");
    const remember = (): void => {
      if (!consumeJti || f.has("v07-idjag-jti-replay-allowed")) return;
      if (!o.replay.remember(issuer, jti, (exp + skew + 1) * 1000, nowMs)) {
        throw new VerificationError("replay_detected", "jti", "this assertion (iss, jti) was already used");
      }
    };
    if (!f.has("v07-idjag-jti-recorded-last")) remember();
    if (claims.client_id !== issuer && !f.has("v07-idjag-client-id-not-checked")) {
      // No CIMD support: the only known client of a provider is the provider itself.
      throw new VerificationError("invalid_client_id", "client_id", "client_id is not a known client of this service");
    }
    const emailVerified = f.has("v07-idjag-email-verified-truthy") ? Boolean(claims.email_verified) : claims.email_verified === true;
    const email = emailVerified && typeof claims.email === "string" && claims.email.length > 0 ? claims.email.toLowerCase() : undefined;
    const phone = claims.phone_number_verified === true && typeof claims.phone_number === "string" && claims.phone_number.length > 0 ? claims.phone_number : undefined;
    if (email === undefined && phone === undefined && !f.has("v07-idjag-verified-email-not-required")) {
      throw new VerificationError("missing_verified_email", "email_verified", "assertion carries no verified email or phone number");
    }
    if (options.checkAuthTime ?? true) this.checkAuthTime(claims.auth_time, now);
    if (f.has("v07-idjag-jti-recorded-last")) remember();
    const claimedName = typeof claims.name === "string" ? claims.name : undefined;
    return { iss: issuer, sub, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(claimedName ? { claimedName } : {}) };
  }

  /** v0.7.md AT-01/02/04: auth_time present, not older than max_age (+skew), not beyond skew in the future. */
  private checkAuthTime(authTime: unknown, now: number): void {
    const { maxAuthAgeSeconds: maxAge, clockSkewSeconds: skew, faults: f } = this.o;
    if (authTime === undefined) {
      if (f.has("v07-login-required-missing")) return;
      throw new LoginRequired(maxAge, "the ID-JAG carries no auth_time");
    }
    if (typeof authTime !== "number" || !Number.isFinite(authTime)) throw new LoginRequired(maxAge, "auth_time must be a numeric date");
    const enforced = f.has("v07-max-age-stricter-than-advertised") ? maxAge - 300 : maxAge;
    if (authTime < now - enforced - skew && !f.has("v07-auth-time-stale-accepted")) {
      throw new LoginRequired(maxAge, `the user signed in more than ${maxAge} s ago`);
    }
    if (authTime > now + skew && !f.has("v07-auth-time-future-accepted")) throw new LoginRequired(maxAge, "auth_time is in the future");
  }
}
