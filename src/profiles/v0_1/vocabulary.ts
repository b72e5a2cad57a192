import type { ProfileVocabulary } from "../types.ts";

export const REVOKED_EVENT = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
export const ID_JAG_ASSERTION = "urn:ietf:params:oauth:token-type:id-jag";
export const VERIFIED_EMAIL_ASSERTION = "verified_email";

export const vocabularyV01: ProfileVocabulary = {
  identityTypes: ["anonymous", "identity_assertion"],
  assertionTypes: [ID_JAG_ASSERTION, VERIFIED_EMAIL_ASSERTION],
  credentialTypes: ["access_token", "api_key"],
  events: [REVOKED_EVENT],
};
