import { VerificationError } from "../../verify/errors.ts";
import { checkExpiry, checkIssuedAtNotFuture, optionalNumericDate, requireNonEmptyString, requireNumericDate } from "../../verify/claims.ts";
import type { JwksCache } from "../../verify/jwks.ts";
import type { ReplayCache } from "../../verify/replay-cache.ts";
import { verifySignedJwt } from "../../verify/signed-jwt.ts";
import type { FaultsV07 } from "../faults.ts";
import { SET_TYP } from "../protocol.ts";

/** A refused SET, with its RFC 8935 §2.4 error code. */
export class SetError extends Error {
  constructor(
    readonly err: "invalid_request" | "invalid_key" | "invalid_issuer" | "invalid_audience" | "authentication_failed" | "access_denied",
    readonly description: string,
  ) {
    super(description);
    this.name = "SetError";
  }
}

export interface VerifiedSet {
  iss: string;
  sub: string;
  /** Schema URIs of the events carried (possibly none, only under a fault). */
  events: string[];
}

export interface SetVerifierOptions {
  audience: string;
  trustedIssuers: readonly string[];
  clockSkewSeconds: number;
  /** How long a SET without exp stays in the replay cache. */
  replayWindowSeconds: number;
  jwks: JwksCache;
  replay: ReplayCache;
  now: () => number;
  faults: FaultsV07;
  /** §15 P14: the code for a signature or key failure (choices.setKeyFailureCode). */
  keyFailureCode: "authentication_failed" | "invalid_key";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Verifies a Security Event Token (RFC 8417 §2.2, §2.3) from a trusted provider. */
export class SetVerifier {
  constructor(private readonly o: SetVerifierOptions) {}

  async verify(token: string): Promise<VerifiedSet> {
    try {
      return await this.verifyOrThrow(token);
    } catch (error) {
      if (error instanceof VerificationError) throw this.map(error);
      throw error;
    }
  }

  private map(error: VerificationError): SetError {
    switch (error.code) {
      case "invalid_issuer":
        return new SetError(this.o.faults.has("v07-set-untrusted-issuer-auth-failed") ? "authentication_failed" : "invalid_issuer", error.message);
      case "invalid_audience":
        return new SetError(this.o.faults.has("v07-set-wrong-aud-auth-failed") ? "authentication_failed" : "invalid_audience", error.message);
      case "invalid_signature":
        return new SetError(this.o.keyFailureCode, error.message);
      case "expired":
        return new SetError("authentication_failed", error.message);
      default:
        return new SetError("invalid_request", `${error.field}: ${error.message}`);
    }
  }

  private async verifyOrThrow(token: string): Promise<VerifiedSet> {
    const { o } = this;
    const f = o.faults;
    const { claims, issuer } = await verifySignedJwt(token, SET_TYP, o.trustedIssuers, o.jwks, { ignoreTyp: f.has("v07-set-typ-ignored") });
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;
    const aud = claims.aud;
    if (!(aud === o.audience || (Array.isArray(aud) && aud.includes(o.audience)))) {
      throw new VerificationError("invalid_audience", "aud", `aud must name ${o.audience}`);
    }
    const iat = f.has("v07-set-iat-optional") ? (optionalNumericDate(claims, "iat") ?? now) : requireNumericDate(claims, "iat");
    checkIssuedAtNotFuture(iat, now, skew);
    const exp = optionalNumericDate(claims, "exp");
    if (exp !== undefined && !f.has("v07-set-expired-accepted")) checkExpiry(exp, now, skew);
    const jti = requireNonEmptyString(claims, "jti");
    const sub = requireNonEmptyString(claims, "sub");
    const events = claims.events;
    let schemas: string[];
    if (isObject(events) && Object.keys(events).length > 0) {
      schemas = Object.keys(events);
    } else if (events === undefined && f.has("v07-set-accepted-without-events")) {
      schemas = [];
    } else {
      throw new VerificationError("invalid_request", "events", "events must be a non-empty JSON object (RFC 8417 §2.2)");
    }
    const keepUntil = (Math.max(exp ?? 0, iat + o.replayWindowSeconds) + skew + 1) * 1000;
    if (!o.replay.remember(issuer, jti, keepUntil, nowMs) && !f.has("v07-set-replay-accepted")) {
      throw new VerificationError("invalid_request", "jti", "this SET (iss, jti) was already delivered");
    }
    return { iss: issuer, sub, events: schemas };
  }
}
