// A strict reference verifier used only by these tests, to prove each forge case breaks what it
// claims. It is deliberately plain jose plus the auth.md checks jose does not do itself.
import { createLocalJWKSet, decodeJwt, errors, jwtVerify } from "jose";
import type { JSONWebKeySet } from "jose";
import type { ErrorKey } from "../../mock-provider/index.ts";
import { REVOKED_EVENT } from "../../mock-provider/index.ts";

export interface TrustedIssuer {
  issuer: string;
  jwksUri: string;
  clientIds: string[];
}

export type Verdict = { accept: true } | { accept: false; family: ErrorKey; reason: string };

class Refusal extends Error {
  constructor(readonly family: ErrorKey, reason: string) {
    super(reason);
  }
}

function familyOf(error: unknown): Verdict {
  if (error instanceof Refusal) return { accept: false, family: error.family, reason: error.message };
  if (error instanceof errors.JWTExpired) return { accept: false, family: "EXP", reason: error.message };
  if (error instanceof errors.JWTClaimValidationFailed) {
    const family: ErrorKey =
      error.claim === "typ" ? "TYP" : error.reason === "missing" ? "REQ" : error.claim === "nbf" || error.claim === "exp" ? "EXP" : "REQ";
    return { accept: false, family, reason: error.message };
  }
  return { accept: false, family: "SIG", reason: error instanceof Error ? error.message : String(error) };
}

export function referenceVerifier(opts: { audience: string; trusted: TrustedIssuer[]; skewSeconds?: number }) {
  const skew = opts.skewSeconds ?? 60;
  const seen = new Set<string>();
  const refuse = (family: ErrorKey, reason: string): never => {
    throw new Refusal(family, reason);
  };

  async function check(token: string, kind: "id-jag" | "logout"): Promise<void> {
    const iss = decodeJwt(token).iss;
    const trusted = opts.trusted.find((entry) => entry.issuer === iss) ?? refuse("ISS", `untrusted iss ${String(iss)}`);
    const jwks = createLocalJWKSet((await (await fetch(trusted.jwksUri)).json()) as JSONWebKeySet);
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: ["ES256", "RS256", "EdDSA"],
      typ: kind === "id-jag" ? "oauth-id-jag+jwt" : "logout+jwt",
      issuer: trusted.issuer,
      clockTolerance: skew,
      requiredClaims: kind === "id-jag" ? ["sub", "aud", "exp", "iat", "jti", "client_id"] : ["sub", "aud", "iat", "jti", "events"],
    });
    const aud = payload.aud;
    const audOk = aud === opts.audience || (Array.isArray(aud) && aud.length === 1 && aud[0] === opts.audience);
    if (!audOk) refuse("AUD", `aud ${JSON.stringify(aud)}`);
    if (typeof payload.sub !== "string" || payload.sub === "") refuse("REQ", "sub must be a non-empty string");
    if (typeof payload.jti !== "string" || payload.jti === "") refuse("REQ", "jti must be a non-empty string");
    if (typeof payload.iat !== "number" || payload.iat > Date.now() / 1000 + skew) refuse("REQ", "iat in the future");
    if (kind === "id-jag") {
      if (!trusted.clientIds.includes(payload.client_id as string)) refuse("CID", `client_id ${String(payload.client_id)}`);
      if (payload.email_verified !== true && payload.phone_number_verified !== true) refuse("VER", "no verified email or phone");
    } else {
      const events = payload.events as Record<string, unknown> | undefined;
      const member = events?.[REVOKED_EVENT];
      if (typeof member !== "object" || member === null || Array.isArray(member)) refuse("REQ", "events lacks the revoked event object");
      if (payload.nonce !== undefined) refuse("REQ", "nonce present");
    }
    const replayKey = `${kind}|${trusted.issuer}|${payload.jti as string}`;
    if (seen.has(replayKey)) refuse("RPL", "jti replayed");
    seen.add(replayKey);
  }

  return async function verify(token: string, kind: "id-jag" | "logout"): Promise<Verdict> {
    try {
      await check(token, kind);
      return { accept: true };
    } catch (error) {
      return familyOf(error);
    }
  };
}
