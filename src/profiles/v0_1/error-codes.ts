import type { ErrorAliases } from "../types.ts";

/**
 * v0.1 error codes by meaning. AUTH.md and the two guides name the same failure differently
 * (see shared/protocol/test-catalogue.md §0); a check accepts any documented alias of its key and
 * reports the vocabulary the target spoke. `--strict-codes` pins one vocabulary.
 */
export const errorAliasesV01: ErrorAliases = {
  ISS: { "auth.md": ["issuer_not_enabled"], guides: ["invalid_issuer"], "spec-native": ["invalid_grant"] },
  SIG: { "auth.md": ["invalid_signature"], guides: ["invalid_signature"], "spec-native": ["invalid_grant"] },
  EXP: { "auth.md": ["credential_expired"], guides: ["expired"], "spec-native": ["invalid_grant"] },
  AUD: { "auth.md": ["audience_mismatch"], guides: ["invalid_audience"], "spec-native": ["invalid_grant"] },
  RPL: { "auth.md": ["replay_detected"], guides: ["replay_detected"], "spec-native": ["invalid_grant"] },
  CID: { guides: ["invalid_client_id"], "spec-native": ["invalid_grant"] },
  VER: { guides: ["missing_verified_email"] },
  CRED: { "auth.md": ["unsupported_credential_type"], guides: ["unsupported_credential_type"] },
  OFF: { "auth.md": ["anonymous_not_enabled", "verified_email_not_enabled"] },
  RATE: { "auth.md": ["rate_limited"] },
  CLM: { "auth.md": ["invalid_claim_token"], guides: ["invalid_claim_token", "claim_superseded"] },
  DONE: {
    "auth.md": ["previously_claimed"],
    guides: ["previously_claimed", "claimed_or_in_flight", "claim_completed"],
  },
  OTP_INVALID: { "auth.md": ["otp_invalid"], guides: ["otp_invalid"] },
  OTP_EXPIRED: { "auth.md": ["otp_expired"], guides: ["otp_expired"] },
  CLAIM_EXPIRED: { "auth.md": ["claim_expired"], guides: ["claim_expired"] },
  REQ: { guides: ["invalid_request"], "spec-native": ["invalid_request"] },
  TYP: { guides: ["invalid_request"], "spec-native": ["invalid_grant", "invalid_request"] },
};
