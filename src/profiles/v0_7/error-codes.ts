import type { ErrorAliases } from "../types.ts";

/** v0.7.md §11 ERR-01: the only codes /oauth2/token may speak (RFC 6749 §5.2, RFC 7523, RFC 8628). */
export const TOKEN_ERROR_CODES_V07 = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unsupported_grant_type",
  "invalid_scope",
  "authorization_pending",
  "slow_down",
  "access_denied",
  "expired_token",
] as const;

/**
 * v0.7.md §11 ERR-02: the profile codes at /agent/identity and /agent/identity/claim (A7 Errors,
 * CL v0.6.0). The ID-JAG refusal codes of §4 (invalid_issuer/issuer_not_enabled, invalid_audience,
 * replay_detected, …) are carried over from v0.1 (§15 P2) and listed too.
 */
export const IDENTITY_ERROR_CODES_V07 = [
  "anonymous_not_enabled",
  "service_auth_not_enabled",
  "issuer_not_enabled",
  "invalid_request",
  "interaction_required",
  "login_required",
  "invalid_claim_token",
  "claimed_or_in_flight",
  "claim_expired",
  "invalid_login_hint",
  "rate_limited",
  // §4 (carried over from v0.1; §15 P2 names the code disagreement)
  "invalid_issuer",
  "invalid_signature",
  "invalid_audience",
  "expired",
  "replay_detected",
  "invalid_client_id",
  "missing_verified_email",
] as const;

/** v0.7.md §11 ERR-05: codes removed in v0.6.0 that must never be emitted any more. */
export const REMOVED_ERROR_CODES_V07 = ["verified_email_not_enabled", "credential_expired", "audience_mismatch"] as const;

/** RFC 7009 §2.2.1 codes at the revocation endpoint (plus RFC 6749 §5.2's). */
export const REVOCATION_ERROR_CODES_V07 = ["invalid_request", "invalid_client", "unsupported_token_type"] as const;

/**
 * The profile's error keys (the shape the v0.1 harness reads). §15 P2: A7's Errors table names no
 * code of its own for a bad signature, jti, aud, exp, client_id or unverified email: they are all
 * `invalid_request` there, while S6 and the code use the specific names. Both are accepted; ERR-03
 * reports which vocabulary the target speaks. Keys of the v0.1 ceremony that
 * v0.7 removed (OTP, credential types, verified_email) have no alias here.
 */
export const errorAliasesV07: ErrorAliases = {
  ISS: { "auth.md": ["issuer_not_enabled"], guides: ["invalid_issuer"], "spec-native": ["invalid_grant"] },
  SIG: { "auth.md": ["invalid_request"], guides: ["invalid_signature"], "spec-native": ["invalid_grant"] },
  EXP: { "auth.md": ["invalid_request"], guides: ["expired"], "spec-native": ["invalid_grant"] },
  AUD: { "auth.md": ["invalid_request"], guides: ["invalid_audience"], "spec-native": ["invalid_grant"] },
  RPL: { "auth.md": ["invalid_request"], guides: ["replay_detected"], "spec-native": ["invalid_grant"] },
  CID: { "auth.md": ["invalid_request"], guides: ["invalid_client_id"], "spec-native": ["invalid_grant"] },
  VER: { "auth.md": ["invalid_request"], guides: ["missing_verified_email"] },
  CRED: {},
  OFF: { "auth.md": ["anonymous_not_enabled", "service_auth_not_enabled"] },
  RATE: { "auth.md": ["rate_limited"] },
  CLM: { "auth.md": ["invalid_claim_token"] },
  DONE: { "auth.md": ["claimed_or_in_flight"] },
  OTP_INVALID: {},
  OTP_EXPIRED: {},
  CLAIM_EXPIRED: { "auth.md": ["claim_expired"] },
  REQ: { "auth.md": ["invalid_request"], "spec-native": ["invalid_request"] },
  TYP: { guides: ["invalid_request"], "spec-native": ["invalid_grant", "invalid_request"] },
};
