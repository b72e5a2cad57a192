import {
  checkAudience,
  checkExpiry,
  checkIssuedAtNotFuture,
  checkNotBefore,
  optionalNumericDate,
  requireNonEmptyString,
  requireNumericDate,
} from "./claims.ts";
import { VerificationError } from "./errors.ts";
import type { JwksCache } from "./jwks.ts";
import type { ReplayCache } from "./replay-cache.ts";
import { verifySignedJwt } from "./signed-jwt.ts";

export const LOGOUT_TYP = "logout+jwt";
export const REVOKED_EVENT = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";

export interface LogoutVerifierOptions {
  audience: string;
  trustedIssuers: readonly string[];
  clockSkewSeconds: number;
  maxAgeSeconds: number;
  jwks: JwksCache;
  replay: ReplayCache;
  now: () => number;
}

export interface VerifiedLogout {
  iss: string;
  sub: string;
  aud: string;
}

/** Verifies a logout token (OIDC Back-Channel Logout 1.0 §2.4/§2.6, agent-services README "Revocation"). */
export class LogoutTokenVerifier {
  constructor(private readonly options: LogoutVerifierOptions) {}

  async verify(token: string): Promise<VerifiedLogout> {
    const o = this.options;
    const { claims, issuer } = await verifySignedJwt(token, LOGOUT_TYP, o.trustedIssuers, o.jwks);
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;

    checkAudience(claims.aud, o.audience);
    const iat = requireNumericDate(claims, "iat");
    checkIssuedAtNotFuture(iat, now, skew);
    if (iat < now - o.maxAgeSeconds - skew) {
      throw new VerificationError("expired", "iat", `logout token is older than ${o.maxAgeSeconds} s`);
    }
    // The v0.1 docs send no exp; Back-Channel Logout requires it. Accept its absence, enforce it when present.
    const exp = optionalNumericDate(claims, "exp");
    if (exp !== undefined) checkExpiry(exp, now, skew);
    checkNotBefore(claims, now, skew);
    const jti = requireNonEmptyString(claims, "jti");
    const sub = requireNonEmptyString(claims, "sub");
    checkEvents(claims.events);
    if (Object.hasOwn(claims, "nonce")) {
      throw new VerificationError("invalid_request", "nonce", "a logout token must not carry nonce");
    }

    const keepUntil = Math.max(iat + o.maxAgeSeconds, exp ?? 0) + skew + 1;
    if (!o.replay.remember(issuer, jti, keepUntil * 1000, nowMs)) {
      throw new VerificationError("replay_detected", "jti", "this logout token (iss, jti) was already used");
    }
    return { iss: issuer, sub, aud: o.audience };
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkEvents(events: unknown): void {
  if (!isJsonObject(events) || !Object.hasOwn(events, REVOKED_EVENT) || !isJsonObject(events[REVOKED_EVENT])) {
    throw new VerificationError("invalid_request", "events", `events must contain ${REVOKED_EVENT} with an object value`);
  }
}
