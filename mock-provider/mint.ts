// Mints valid ID-JAGs (PR "Minting the Identity Assertion"; ID-JAG §3.1) and logout tokens
// (PR "Tracking and Revocation"; OIDC Back-Channel Logout §2.4) signed with the provider's current key.
import { epochSeconds, randomId } from "./ids.ts";
import type { KeySet, ProviderKey } from "./keys.ts";

export const ID_JAG_TYP = "oauth-id-jag+jwt";
export const LOGOUT_TYP = "logout+jwt";
export const REVOKED_EVENT = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";

export interface TokenOverrides {
  /** Extra or replacing claims; a value of `undefined` deletes the claim. */
  claims?: Record<string, unknown>;
  /** Extra or replacing header parameters; a value of `undefined` deletes the parameter. */
  header?: Record<string, unknown>;
  /** Claim names to delete (the JSON-friendly form of `claims: { name: undefined }`). */
  omitClaims?: string[];
  /** Header parameter names to delete. */
  omitHeader?: string[];
  /** Epoch seconds used as iat; defaults to the current time. */
  now?: number;
}

export interface IdJagInput extends TokenOverrides {
  /** The service's AS issuer (the `aud`). */
  audience: string;
  /** Default: a random "user_…". */
  subject?: string;
  /** Default: `${subject}@example.com`. */
  email?: string;
  /** Default: the issuer. */
  clientId?: string;
  /** exp − iat; default 300. */
  lifetimeSeconds?: number;
}

export interface LogoutInput extends TokenOverrides {
  audience: string;
  subject: string;
  /** exp − iat; default 120. */
  lifetimeSeconds?: number;
}

/** Header and claims of a token before signing. */
export interface TokenParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** A copy of `base` with `overrides` set (undefined deletes) and the `omit` names removed. */
export function applyOverrides(base: Record<string, unknown>, overrides: Record<string, unknown> | undefined, omit: string[] | undefined): Record<string, unknown> {
  const result = { ...base };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  for (const name of omit ?? []) delete result[name];
  return result;
}

export function randomSubject(): string {
  return `user_${randomId(9)}`;
}

export class Minter {
  readonly issuer: string;
  readonly #keys: KeySet;

  constructor(issuer: string, keys: KeySet) {
    this.issuer = issuer;
    this.#keys = keys;
  }

  /** Header and claims of a valid ID-JAG (with the input's overrides applied), signed by nobody yet. */
  idJagParts(input: IdJagInput, key: Pick<ProviderKey, "alg" | "kid"> = this.#keys.current()): TokenParts {
    const iat = input.now ?? epochSeconds();
    const subject = input.subject ?? randomSubject();
    const header = { typ: ID_JAG_TYP, alg: key.alg, kid: key.kid };
    const claims = {
      iss: this.issuer,
      sub: subject,
      aud: input.audience,
      client_id: input.clientId ?? this.issuer,
      jti: randomId(16),
      iat,
      exp: iat + (input.lifetimeSeconds ?? 300),
      email: input.email ?? `${subject}@example.com`,
      email_verified: true,
    };
    return {
      header: applyOverrides(header, input.header, input.omitHeader),
      claims: applyOverrides(claims, input.claims, input.omitClaims),
    };
  }

  /** Header and claims of a valid logout token. exp is included (BCL §2.4 requires it; PR's example omits it). */
  logoutParts(input: LogoutInput, key: Pick<ProviderKey, "alg" | "kid"> = this.#keys.current()): TokenParts {
    const iat = input.now ?? epochSeconds();
    const header = { typ: LOGOUT_TYP, alg: key.alg, kid: key.kid };
    const claims = {
      iss: this.issuer,
      sub: input.subject,
      aud: input.audience,
      jti: randomId(16),
      iat,
      exp: iat + (input.lifetimeSeconds ?? 120),
      events: { [REVOKED_EVENT]: {} },
    };
    return {
      header: applyOverrides(header, input.header, input.omitHeader),
      claims: applyOverrides(claims, input.claims, input.omitClaims),
    };
  }

  /** Sign parts with `key` (default: the current key). The header's alg defaults to the key's alg. */
  async sign(parts: TokenParts, key: ProviderKey = this.#keys.current(), crit: readonly string[] = []): Promise<string> {
    const payload = new TextEncoder().encode(JSON.stringify(parts.claims));
    return key.sign(parts.header, payload, crit);
  }

  async idJag(input: IdJagInput): Promise<string> {
    return this.sign(this.idJagParts(input));
  }

  async logoutToken(input: LogoutInput): Promise<string> {
    return this.sign(this.logoutParts(input));
  }

  toJSON(): { issuer: string } {
    return { issuer: this.issuer };
  }
}
