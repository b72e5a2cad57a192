// Security Event Tokens (RFC 8417) for the auth.md v0.7 revocation event, as a provider pushes them
// to a service's agent_auth.events_endpoint (RFC 8935). Shape per v0.7.md §9 (SET-01): typ
// secevent+jwt, iss, sub, aud = the service's AS issuer, jti, iat, and
// events { <revoked schema>: {} }. The reference receiver (b53c9ed verify.ts) requires a top-level
// sub and revokes by (iss, sub, aud); the RFC 9493 subject identifier `sub_id` (format iss_sub)
// names the same (iss, sub) for receivers that read subject identifiers instead.
import { epochSeconds, randomId } from "./ids.ts";
import type { KeySet, ProviderKey } from "./keys.ts";
import { applyOverrides, REVOKED_EVENT } from "./mint.ts";
import type { Minter, TokenOverrides, TokenParts } from "./mint.ts";

/** RFC 8417 §2.3 explicit typing. */
export const SET_TYP = "secevent+jwt";
/** RFC 8935 §2.2 / RFC 8417 §7.2 media type of a delivered SET. */
export const SET_CONTENT_TYPE = "application/secevent+jwt";
/** The auth.md revocation event (A7 Step 1b events_supported; CL v0.3.0). */
export const REVOKED_EVENT_SCHEMA = REVOKED_EVENT;

export interface SecEventInput extends TokenOverrides {
  /** The service's AS issuer (the receiver). */
  audience: string;
  /** The provider-side subject whose delegation is revoked. */
  subject: string;
  /** Event URIs to carry, each with an empty payload; default the revoked event only. */
  events?: string[];
  /** exp − iat; default 120. Pass `omitClaims: ["exp"]` for a SET without exp (the reference accepts it). */
  lifetimeSeconds?: number;
  /** Add the RFC 9493 `sub_id` {format "iss_sub", iss, sub}; default true. */
  subjectIdentifier?: boolean;
}

/** Header and claims of a valid SET (with overrides applied), signed by nobody yet. */
export function secEventParts(issuer: string, key: Pick<ProviderKey, "alg" | "kid">, input: SecEventInput): TokenParts {
  const iat = input.now ?? epochSeconds();
  const events = Object.fromEntries((input.events ?? [REVOKED_EVENT_SCHEMA]).map((uri) => [uri, {}]));
  const claims: Record<string, unknown> = {
    iss: issuer,
    sub: input.subject,
    aud: input.audience,
    jti: randomId(16),
    iat,
    exp: iat + (input.lifetimeSeconds ?? 120),
    events,
  };
  if (input.subjectIdentifier ?? true) claims.sub_id = { format: "iss_sub", iss: issuer, sub: input.subject };
  return {
    header: applyOverrides({ typ: SET_TYP, alg: key.alg, kid: key.kid }, input.header, input.omitHeader),
    claims: applyOverrides(claims, input.claims, input.omitClaims),
  };
}

/** Mints SETs with the provider's current key. */
export class SecEventMinter {
  readonly #minter: Minter;
  readonly #keys: KeySet;

  constructor(minter: Minter, keys: KeySet) {
    this.#minter = minter;
    this.#keys = keys;
  }

  parts(input: SecEventInput): TokenParts {
    return secEventParts(this.#minter.issuer, this.#keys.current(), input);
  }

  mint(input: SecEventInput): Promise<string> {
    return this.#minter.sign(this.parts(input));
  }
}
