/**
 * Conformant choices of the v0.7 sample service: places where the sources allow more than one
 * behaviour (v0.7.md §15) or where a behaviour is only a SHOULD. The defaults are the service's
 * usual build; a tolerance variant (sample-service/v0_7/variants.ts) picks others, and the suite
 * must not report a MUST failure for any of them. Fault switches (faults.ts) break rules; choices
 * never do.
 */
export interface ConformantChoicesV07 {
  /**
   * §15 P2: the ID-JAG refusal codes at /agent/identity[/claim]. "guides": the services guide and
   * the reference (invalid_issuer, invalid_signature, expired, replay_detected, invalid_audience,
   * invalid_client_id, missing_verified_email). "auth.md": AUTH.md's Errors table
   * (issuer_not_enabled, and invalid_request for every other verification failure).
   */
  idJagErrorCodes: "guides" | "auth.md";
  /** §15 P2 / ERR-04: the description member of 400s at /agent/identity[/claim] (the reference says `message` on 400s). */
  profileErrorDescription: "error_description" | "message";
  /** §15 P4: an unknown claim_token at the claim grant; RFC 6749 §5.2 invalid_grant, or the reference's expired_token. */
  unknownClaimTokenCode: "invalid_grant" | "expired_token";
  /** §15 P3: the PRM lists the AS as `origin/` (AUTH.md's example) while the issuer has no trailing slash. */
  prmAuthorizationServerTrailingSlash: boolean;
  /** §15 P1: the aud the service expects on provider ID-JAGs and SETs: the AS issuer (S6, the code) or the PRM resource (A7 Step 3). */
  audience: "issuer" | "resource";
  /** §15 P11: verification_uri through `/login?return_to=` (the code) or straight to `/claim?claim_attempt_token=` (A7 4a-alt). */
  verificationUri: "via-login" | "direct";
  /** TOK-CLM-07 (SHOULD; §15 P15): answer slow_down to polls faster than `interval`. The reference never does. */
  slowDown: boolean;
  /** §15 P5 / REV7009-05 (SHOULD): which token_type_hint values the revocation endpoint takes; the reference: access_token only (400 otherwise). */
  tokenTypeHints: "any" | "access_token-only";
  /** §15 P14: the RFC 8935 code for a SET whose signature or key fails: authentication_failed (the reference) or invalid_key. */
  setKeyFailureCode: "authentication_failed" | "invalid_key";
  /** Name of the session cookie the sign-in sets (the sample `sid`, the reference `connect.sid`). */
  sessionCookie: string;
  /** Name of the sign-in form's account field. */
  signInField: string;
  /** Cache-Control value on responses that carry secrets (RFC 6749 §5.1 needs no-store; more directives are allowed). */
  cacheControl: string;
  /** Add members the protocol does not define to every 200 JSON object (JSON consumers ignore unknown members). */
  extraResponseFields: boolean;
  /** Content-Type of JSON responses (a charset parameter is allowed: RFC 8259 §11). */
  jsonContentType: string;
  /** Length of the registration rate-limit window (registrationsPerWindow per window per address); 429 with Retry-After past it. */
  rateLimitWindowSeconds: number;
}

export const DEFAULT_CHOICES_V07: Readonly<ConformantChoicesV07> = Object.freeze({
  idJagErrorCodes: "guides",
  profileErrorDescription: "error_description",
  unknownClaimTokenCode: "invalid_grant",
  prmAuthorizationServerTrailingSlash: false,
  audience: "issuer",
  verificationUri: "via-login",
  slowDown: true,
  tokenTypeHints: "any",
  setKeyFailureCode: "authentication_failed",
  sessionCookie: "sid",
  signInField: "email",
  cacheControl: "no-store",
  extraResponseFields: false,
  jsonContentType: "application/json",
  rateLimitWindowSeconds: 60,
});

/** Every ID-JAG refusal code the guides use, and what AUTH.md's Errors table says instead (§15 P2). */
export const AUTH_MD_IDJAG_CODES: Readonly<Record<string, string>> = Object.freeze({
  invalid_issuer: "issuer_not_enabled",
  invalid_signature: "invalid_request",
  expired: "invalid_request",
  replay_detected: "invalid_request",
  invalid_audience: "invalid_request",
  invalid_client_id: "invalid_request",
  missing_verified_email: "invalid_request",
});

export function resolveChoicesV07(choices: Partial<ConformantChoicesV07> = {}): ConformantChoicesV07 {
  return { ...DEFAULT_CHOICES_V07, ...choices };
}
