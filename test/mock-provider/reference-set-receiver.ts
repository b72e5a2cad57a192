// A strict RFC 8935 / RFC 8417 SET receiver used only by these tests, to prove each SET forge case
// breaks what it claims and nothing else: every check can be switched off by its SetFault name.
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors } from "jose";
import type { JSONWebKeySet } from "jose";
import { REVOKED_EVENT_SCHEMA, SET_CONTENT_TYPE } from "../../mock-provider/index.ts";
import type { Rfc8935Err, SetFault } from "../../mock-provider/index.ts";

export type Receipt = { status: 202; revokes: boolean } | { status: 400; err: Rfc8935Err; reason: string };

export interface ReceiverOptions {
  audience: string;
  /** Trusted issuers and their JWKS. */
  trusted: Record<string, JSONWebKeySet>;
  /** JWKS of issuers that are not trusted, so the signature can still be checked with "issuer" off. */
  untrusted?: Record<string, JSONWebKeySet>;
  skewSeconds?: number;
}

class Refusal extends Error {
  constructor(readonly err: Rfc8935Err, reason: string) {
    super(reason);
  }
}

export function referenceSetReceiver(opts: ReceiverOptions) {
  const skew = opts.skewSeconds ?? 60;
  const seen = new Set<string>();

  async function check(token: string, contentType: string, off: ReadonlySet<SetFault>): Promise<boolean> {
    const on = (fault: SetFault): boolean => !off.has(fault);
    if (on("content-type") && contentType.split(";")[0]?.trim().toLowerCase() !== SET_CONTENT_TYPE) throw new Refusal("invalid_request", "content type");
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token) as Record<string, unknown>;
    } catch {
      throw new Refusal("invalid_request", "not a JWT");
    }
    const iss = typeof claims.iss === "string" ? claims.iss : "";
    const trustedJwks = opts.trusted[iss];
    if (on("issuer") && !trustedJwks) throw new Refusal("invalid_issuer", `untrusted ${iss}`);
    const typ = typeof header.typ === "string" ? header.typ.toLowerCase().replace(/^application\//, "") : "";
    if (on("typ") && typ !== "secevent+jwt") throw new Refusal("invalid_request", `typ ${String(header.typ)}`);
    if (on("signature")) {
      const jwks = trustedJwks ?? opts.untrusted?.[iss];
      if (!jwks) throw new Refusal("invalid_issuer", `no keys for ${iss}`);
      try {
        await compactVerify(token, createLocalJWKSet(jwks), { algorithms: ["ES256", "RS256", "EdDSA"] });
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey) throw new Refusal("invalid_key", "no matching key");
        throw new Refusal("authentication_failed", error instanceof Error ? error.message : String(error));
      }
    }
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (on("audience") && !aud.includes(opts.audience)) throw new Refusal("invalid_audience", "aud");
    const now = Math.floor(Date.now() / 1000);
    if (on("expiry") && typeof claims.exp === "number" && claims.exp + skew < now) throw new Refusal("authentication_failed", "expired");
    if (on("iat") && typeof claims.iat !== "number") throw new Refusal("invalid_request", "no iat");
    const events = claims.events;
    const eventsOk = typeof events === "object" && events !== null && !Array.isArray(events) && Object.keys(events).length > 0;
    if (on("events") && !eventsOk) throw new Refusal("invalid_request", "events");
    if (typeof claims.jti !== "string") throw new Refusal("invalid_request", "no jti");
    const replayKey = `${iss} ${claims.jti}`;
    if (on("replay") && seen.has(replayKey)) throw new Refusal("invalid_request", "replayed jti");
    seen.add(replayKey);
    return eventsOk && Object.keys(events as object).includes(REVOKED_EVENT_SCHEMA);
  }

  return async function receive(token: string, contentType = SET_CONTENT_TYPE, off: ReadonlySet<SetFault> = new Set()): Promise<Receipt> {
    try {
      return { status: 202, revokes: await check(token, contentType, off) };
    } catch (error) {
      if (error instanceof Refusal) return { status: 400, err: error.err, reason: error.message };
      throw error;
    }
  };
}
