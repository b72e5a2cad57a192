import type { ProfileVocabulary } from "../types.ts";

// v0.7.md §1–§3, §7, §9 (AUTH.md v0.7.0 Step 1b, CL v0.2.0–v0.6.0).
export const REVOKED_EVENT_V07 = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
export const ID_JAG_ASSERTION_V07 = "urn:ietf:params:oauth:token-type:id-jag";
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
export const CLAIM_GRANT = "urn:workos:agent-auth:grant-type:claim";
/** typ of the ID-JAG and of the service-signed identity_assertion (REG-04). */
export const ID_JAG_TYP = "oauth-id-jag+jwt";
/** Assertion type removed in v0.6.0 (CL "Removed"): service_auth + login_hint replaces it. */
export const REMOVED_VERIFIED_EMAIL = "verified_email";

export const vocabularyV07: ProfileVocabulary = {
  identityTypes: ["anonymous", "identity_assertion", "service_auth"],
  assertionTypes: [ID_JAG_ASSERTION_V07],
  // v0.7 registration returns no credential (CL v0.2.0): access tokens come from /oauth2/token.
  credentialTypes: ["access_token"],
  events: [REVOKED_EVENT_V07],
};
