import {
  checkAudience,
  checkExpiry,
  checkIssuedAtNotFuture,
  checkNotBefore,
  optionalNumericDate,
  requireNonEmptyString,
  requireNumericDate,
} from "./claims.ts";
import type { Faults } from "../faults.ts";
import { VerificationError } from "./errors.ts";
import { ID_JAG_TYP } from "./id-jag.ts";
import type { JwksCache } from "./jwks.ts";
import type { ReplayCache } from "./replay-cache.ts";
import { type JwtLeniency, typMatches, verifySignedJwt } from "./signed-jwt.ts";

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
  /** Fault switches (faults/id-jag.ts, revoke-*); the clean service has none on. */
  faults: Faults;
}

export interface VerifiedLogout {
  iss: string;
  sub: string;
  aud: string;
}

/** Verifies a logout token (OIDC Back-Channel Logout 1.0 §2.4/§2.6, agent-services README "Revocation"). */
export class LogoutTokenVerifier {
  private readonly lenient: JwtLeniency;

  constructor(private readonly options: LogoutVerifierOptions) {
    const f = options.faults;
    this.lenient = {
      ignoreTyp: f.has("revoke-ignore-typ"),
      skipSignature: f.has("revoke-no-signature-check"),
      trustAnyIssuer: f.has("revoke-trust-any-issuer"),
    };
  }

  async verify(token: string): Promise<VerifiedLogout> {
    const o = this.options;
    const f = o.faults;
    // Fault: an ID-JAG is taken for a revocation request of its own delegation.
    const idJagAsLogout = f.has("revoke-accepts-id-jag") && typMatches(peekTyp(token), ID_JAG_TYP);
    const expectedTyp = idJagAsLogout ? ID_JAG_TYP : LOGOUT_TYP;
    const { claims, issuer } = await verifySignedJwt(token, expectedTyp, o.trustedIssuers, o.jwks, this.lenient);
    const nowMs = o.now();
    const now = Math.floor(nowMs / 1000);
    const skew = o.clockSkewSeconds;

    if (!f.has("revoke-accept-any-aud")) checkAudience(claims.aud, o.audience);
    const iat = f.has("revoke-iat-optional") && claims.iat === undefined ? undefined : requireNumericDate(claims, "iat");
    if (iat !== undefined) {
      checkIssuedAtNotFuture(iat, now, skew);
      if (iat < now - o.maxAgeSeconds - skew) {
        throw new VerificationError("expired", "iat", `logout token is older than ${o.maxAgeSeconds} s`);
      }
    }
    // The v0.1 docs send no exp; Back-Channel Logout requires it. Accept its absence, enforce it when present.
    const exp = f.has("revoke-require-exp") ? requireNumericDate(claims, "exp") : optionalNumericDate(claims, "exp");
    if (exp !== undefined) checkExpiry(exp, now, skew);
    checkNotBefore(claims, now, skew);
    const jti = requireNonEmptyString(claims, "jti");
    const sub = f.has("revoke-sub-optional") && claims.sub === undefined ? "" : requireNonEmptyString(claims, "sub");
    if (!f.has("revoke-ignore-events") && !idJagAsLogout) checkEvents(claims.events);
    if (Object.hasOwn(claims, "nonce") && !f.has("revoke-allow-nonce")) {
      throw new VerificationError("invalid_request", "nonce", "a logout token must not carry nonce");
    }

    const keepUntil = Math.max((iat ?? now) + o.maxAgeSeconds, exp ?? 0) + skew + 1;
    if (!f.has("revoke-no-replay-check") && !o.replay.remember(issuer, jti, keepUntil * 1000, nowMs)) {
      throw new VerificationError("replay_detected", "jti", "this logout token (iss, jti) was already used");
    }
    return { iss: issuer, sub, aud: o.audience };
  }
}

function peekTyp(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as { typ?: unknown }).typ;
  } catch {
    return undefined;
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
