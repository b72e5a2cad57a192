import { SampleServiceError } from "../errors.ts";
import type { FaultDefinition, FaultTableEntry } from "../faults/types.ts";

export type { FaultDefinition } from "../faults/types.ts";

/**
 * Fault switches of the v0.7 sample service: each one plants a realistic bug confined to one rule
 * of /work/shared/protocol/v0.7.md (ids as there). The clean service has none on.
 */
const FAULT_TABLE = [
  // --- discovery ---
  { name: "v07-as-metadata-no-issuer", requirementIds: ["DISC-AS-01"], description: "The AS metadata omits the top-level issuer." },
  { name: "v07-grant-types-no-claim", requirementIds: ["DISC-AS-03"], description: "grant_types_supported lists jwt-bearer only, not the claim polling grant." },
  { name: "v07-events-supported-missing", requirementIds: ["DISC-AA-03"], description: "agent_auth.events_supported is omitted although events_endpoint is advertised." },
  { name: "v07-auth-md-html", requirementIds: ["DISC-AUTHMD-01"], sharedCheckIds: ["DISC-AUTHMD-01"], description: "/auth.md is served as text/html." },
  { name: "v07-api-401-no-resource-metadata", requirementIds: ["DISC-401-01"], sharedCheckIds: ["DISC-401-01", "DISC-401-02"], description: "A 401 from the API says WWW-Authenticate: Bearer without resource_metadata." },
  { name: "v07-issuer-trailing-slash", requirementIds: ["DISC-AS-02"], sharedCheckIds: ["DISC-AS-02"], description: "The AS metadata issuer carries a trailing slash the metadata URL does not have." },
  { name: "v07-old-agent-auth-names", requirementIds: ["DISC-AA-01"], description: "agent_auth still uses the v0.1 names register_uri and claim_uri instead of identity_endpoint and claim_endpoint." },
  { name: "v07-prm-no-authorization-servers", requirementIds: ["DISC-PRM-01"], sharedCheckIds: ["DISC-PRM-03"], description: "The PRM document has no authorization_servers." },
  { name: "v07-prm-no-bearer-methods", requirementIds: ["DISC-PRM-02"], description: "The PRM document omits bearer_methods_supported." },
  { name: "v07-auth-md-v01-steps", requirementIds: ["DISC-AUTHMD-02"], description: "auth.md still has the v0.1 outline: five steps, no \"Use the access_token\" step." },
  { name: "v07-assertion-types-verified-email", requirementIds: ["DISC-AA-02"], description: "identity_assertion.assertion_types_supported still lists verified_email." },
  { name: "v07-relative-endpoints", requirementIds: ["DISC-AA-05"], description: "agent_auth endpoints are advertised as relative paths." },
  { name: "v07-resource-metadata-wrong-url", requirementIds: ["DISC-401-02"], sharedCheckIds: ["DISC-401-03"], description: "The 401's resource_metadata points at a path that serves no PRM." },
  // --- registration ---
  { name: "v07-registration-returns-access-token", requirementIds: ["REG-02"], description: "The anonymous registration response also carries an access_token." },
  { name: "v07-missing-type-anonymous", requirementIds: ["REG-01"], description: "A registration body without type is taken as anonymous." },
  { name: "v07-requested-credential-type-honoured", requirementIds: ["REG-03"], description: "requested_credential_type: \"api_key\" on an anonymous registration returns an api_key credential." },
  { name: "v07-assertion-typ-jwt", requirementIds: ["REG-04"], description: "The service signs its identity_assertion with typ JWT instead of oauth-id-jag+jwt." },
  { name: "v07-anon-no-claim-token-expires", requirementIds: ["ANON-01"], description: "The anonymous registration response omits claim_token_expires." },
  { name: "v07-anon-full-scope", requirementIds: ["ANON-02", "ANON-04"], sharedCheckIds: ["SCO-02"], description: "jwt-bearer with an unclaimed anonymous assertion yields the full scope set.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-idjag-old-registration-type", requirementIds: ["IDJ-02"], description: "A clean ID-JAG registration is labelled registration_type \"agent-provider\" (the v0.1 label)." },
  { name: "v07-idjag-signature-not-checked", requirementIds: ["IDJ-04", "FUZZ-MUTATE-01"], sharedCheckIds: ["SIG-01", "SIG-03", "SIG-05", "SIG-08", "SIG-10", "SIG-11"], description: "An ID-JAG's signature is not verified (decoded only)." },
  { name: "v07-idjag-client-id-not-checked", requirementIds: ["IDJ-09"], sharedCheckIds: ["IDJAG-CID-01", "IDJAG-CID-02"], description: "An ID-JAG's client_id is not resolved; any value passes." },
  { name: "v07-removed-error-code", requirementIds: ["ERR-05"], description: "The removed assertion_type verified_email is refused with the removed code verified_email_not_enabled." },
  { name: "v07-rate-limit-403", requirementIds: ["REG-06"], description: "When the configured registration limit is hit the service answers 403 forbidden instead of 429 rate_limited.", onVariant: "v07-registration-429" },
  { name: "v07-verified-email-type-accepted", requirementIds: ["IDJ-01", "SA-04"], description: "The removed assertion_type verified_email is still accepted (as a service_auth login_hint)." },
  { name: "v07-idjag-jti-recorded-last", requirementIds: ["IDJ-07"], sharedCheckIds: ["RPL-01"], description: "An ID-JAG's jti is recorded only when the whole verification succeeds, so a rejected token can be replayed." },
  { name: "v07-idjag-verified-email-not-required", requirementIds: ["IDJ-08"], sharedCheckIds: ["IDJAG-VER-01", "IDJAG-VER-02"], description: "An ID-JAG without a verified email or phone is accepted.", mayAlsoFail: { ids: ["FUZZ-MUTATE-01"], why: "FUZZ-MUTATE-01 meets it when its sampled mutations include an ID-JAG with email_verified false (by chance, not every seed)" } },
  { name: "v07-idjag-new-registration-each-time", requirementIds: ["IDJ-11"], description: "Every presentation of a bound (iss, sub) creates a new registration_id.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-claim-token-short", requirementIds: ["REG-05"], sharedCheckIds: ["FUZZ-CT-ENTROPY-01"], description: "claim_token carries only 64 bits of randomness." },
  { name: "v07-idjag-trust-any-issuer", requirementIds: ["IDJ-03"], sharedCheckIds: ["IDJAG-ISS-01"], description: "An ID-JAG from an issuer not on the trust list is verified against its own JWKS and accepted." },
  { name: "v07-idjag-aud-not-checked", requirementIds: ["IDJ-05"], sharedCheckIds: ["IDJAG-AUD-01", "IDJAG-AUD-02", "IDJAG-AUD-03", "IDJAG-AUD-04", "SIG-12"], description: "An ID-JAG's aud is not compared with the issuer.", alsoFails: { ids: ["FUZZ-MUTATE-01"], why: "FUZZ-MUTATE-01 sends an ID-JAG with another aud among its mutations" } },
  { name: "v07-idjag-expired-accepted", requirementIds: ["IDJ-06"], sharedCheckIds: ["IDJAG-EXP-01"], description: "An ID-JAG past its exp is accepted." },
  { name: "v07-idjag-typ-ignored", requirementIds: ["IDJ-10"], sharedCheckIds: ["IDJAG-TYP-01"], description: "An ID-JAG's typ header is not checked." },
  { name: "v07-max-age-stricter-than-advertised", requirementIds: ["AT-06"], description: "auth_time is held to max_age − 300 s (a safety margin on the wrong side) while 401s advertise max_age, so a value inside the advertised window is refused." },
  { name: "v07-login-required-missing", requirementIds: ["AT-01"], description: "An ID-JAG without auth_time is accepted." },
  { name: "v07-auth-time-stale-accepted", requirementIds: ["AT-02", "AT-05"], description: "auth_time is never compared with max_age." },
  { name: "v07-auth-time-future-accepted", requirementIds: ["AT-04"], description: "An auth_time far in the future is accepted." },
  { name: "v07-login-required-no-header", requirementIds: ["AT-03"], description: "The login_required 401 has no WWW-Authenticate header and no max_age in the body." },
  { name: "v07-interaction-required-skipped", requirementIds: ["STEP-01", "STEP-02"], description: "An ID-JAG matching an existing account with no (iss, sub) link is bound at once (200, no confirmation)." },
  { name: "v07-interaction-required-no-ceremony", requirementIds: ["STEP-02"], description: "The interaction_required 401 carries no claim block (no user_code or verification_uri)." },
  { name: "v07-step-up-link-not-bound", requirementIds: ["STEP-06", "CLMEP-IDJ-03"], description: "A confirmed first link is not recorded, so the next ID-JAG for the same (iss, sub) asks for confirmation again." },
  { name: "v07-step-up-mints-while-pending", requirementIds: ["STEP-03"], description: "A second ID-JAG for a pending step-up (iss, sub) gets a 200 identity_assertion before the user confirms.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-superseded-attempt-still-valid", requirementIds: ["CLMEP-05", "STEP-04"], description: "A re-initiated ceremony leaves the previous attempt's link and user_code working." },
  { name: "v07-service-auth-hint-not-validated", requirementIds: ["SA-02"], description: "service_auth accepts any login_hint string, even one that is no email." },
  { name: "v07-service-auth-returns-assertion", requirementIds: ["SA-01", "REG-02"], description: "The service_auth registration already returns an identity_assertion before any confirmation." },
  // --- claim endpoint ---
  { name: "v07-claim-type-optional", requirementIds: ["CLMEP-01"], description: "POST /agent/identity/claim without type is taken as the login_hint body." },
  { name: "v07-claim-reinit-anonymous-only", requirementIds: ["CLMEP-04"], description: "Re-initiation at /agent/identity/claim is refused (409) for service_auth and step-up registrations.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-claim-expired-as-invalid-token", requirementIds: ["CLMEP-03"], description: "A registration past its claim window answers 401 invalid_claim_token instead of 410 claim_expired." },
  { name: "v07-claim-idjag-non-anonymous-accepted", requirementIds: ["CLMEP-IDJ-05"], description: "The ID-JAG body is accepted on a service_auth registration and claims it." },
  { name: "v07-claim-idjag-during-ceremony", requirementIds: ["CLMEP-IDJ-06"], description: "A clean ID-JAG claims the registration although a login_hint ceremony is pending." },
  { name: "v07-claim-idjag-jti-not-consumed", requirementIds: ["CLMEP-IDJ-07"], description: "An ID-JAG presented at /agent/identity/claim does not burn its jti." },
  { name: "v07-claim-no-attempt-id", requirementIds: ["CLMEP-02"], description: "The /agent/identity/claim response omits claim_attempt_id." },
  { name: "v07-claim-hint-not-validated", requirementIds: ["CLMEP-07"], description: "/agent/identity/claim accepts a login_hint that is no email." },
  { name: "v07-claim-idjag-no-auth-time-check", requirementIds: ["CLMEP-IDJ-04"], description: "The ID-JAG body at /agent/identity/claim skips the auth_time freshness check." },
  { name: "v07-provider-named-from-token", requirementIds: ["STEP-07"], description: "The claim page names the provider from the ID-JAG's own name claim instead of the service's trust list." },
  { name: "v07-claim-token-not-found-code", requirementIds: ["ERR-02", "CLMEP-03"], description: "An unknown claim_token at /agent/identity/claim answers 404 not_found, a code outside the profile's vocabulary." },
  { name: "v07-claim-idjag-new-registration", requirementIds: ["CLMEP-IDJ-01"], description: "The ID-JAG body creates a new registration instead of claiming the anonymous one (another registration_id)." },
  { name: "v07-claim-hint-immutable", requirementIds: ["CLMEP-06"], description: "A re-initiation keeps the first attempt's login_hint (the v0.4 rule), so the newly named account is refused." },
  { name: "v07-claim-idjag-step-up-401", requirementIds: ["CLMEP-IDJ-03"], description: "The ID-JAG body matching another existing account answers 401 interaction_required instead of 200 initiated." },
  // --- token endpoint ---
  { name: "v07-unsupported-grant-invalid-request", requirementIds: ["TOK-01"], description: "An unknown grant_type answers invalid_request instead of unsupported_grant_type." },
  { name: "v07-assertion-one-time", requirementIds: ["TOK-JWTB-02"], description: "jwt-bearer consumes the identity_assertion: a second exchange answers invalid_grant.", alsoFails: { ids: ["FUZZ-MUTATE-01"], why: "FUZZ-MUTATE-01 re-exchanges its victim's assertion around every SET, which a one-time assertion refuses" }, mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-jwt-bearer-accepts-provider-idjag", requirementIds: ["TOK-JWTB-03"], description: "A provider's ID-JAG presented directly at jwt-bearer mints a token for its bound registration." },
  { name: "v07-v1-assertion-not-superseded", requirementIds: ["TOK-JWTB-08"], description: "After the claim the v1 anonymous assertion still mints (now at post-claim scopes)." },
  { name: "v07-v2-assertion-no-email", requirementIds: ["TOK-CLM-04"], description: "The post-claim assertion carries no email / email_verified of the confirming user." },
  { name: "v07-service-auth-pre-claim-scope", requirementIds: ["SA-06"], description: "A confirmed service_auth registration gets only the pre-claim scopes.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-expired-registration-stays-pending", requirementIds: ["TOK-CLM-06"], description: "Past the registration's claim window the claim grant keeps answering authorization_pending." },
  { name: "v07-token-error-message-field", requirementIds: ["TOK-02"], description: "Token and revocation errors say {error, message} instead of RFC 6749's {error, error_description}." },
  { name: "v07-claim-grant-no-assertion", requirementIds: ["TOK-CLM-02", "STEP-06", "SA-06"], description: "The successful claim grant returns the access_token without identity_assertion / assertion_expires." },
  { name: "v07-unknown-claim-token-pending", requirementIds: ["TOK-CLM-09"], description: "An unknown claim_token at the claim grant answers authorization_pending." },
  { name: "v07-token-json-500", requirementIds: ["TOK-05"], description: "A JSON body at the token endpoint crashes it (500) instead of 400 invalid_request." },
  { name: "v07-token-no-scope", requirementIds: ["TOK-JWTB-01", "TOK-CLM-02"], description: "Token responses (jwt-bearer and the claim grant) omit scope." },
  { name: "v07-token-custom-error-code", requirementIds: ["ERR-01"], description: "A bad assertion at jwt-bearer answers invalid_assertion, a code outside RFC 6749/7523/8628." },
  { name: "v07-pending-poll-200", requirementIds: ["TOK-CLM-01"], description: "While the user has not confirmed, the claim grant answers 200 {status: \"pending\"} (the v0.1 /view habit) instead of authorization_pending.", alsoFails: { ids: ["FUZZ-UCODE-WRONG-01"], why: "FUZZ-UCODE-WRONG-01 polls after its wrong codes and expects authorization_pending" }, mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-token-no-store-missing", requirementIds: ["TOK-03"], description: "Token responses lack Cache-Control: no-store and Pragma: no-cache." },
  { name: "v07-refresh-token-issued", requirementIds: ["TOK-04"], description: "The jwt-bearer response carries a refresh_token." },
  { name: "v07-pre-claim-cap-ignored-while-pending", requirementIds: ["ANON-03", "TOK-JWTB-05"], description: "Once a claim ceremony is pending, jwt-bearer with the anonymous assertion yields the full scope set.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-revoked-registration-can-mint", requirementIds: ["SET-10", "TOK-JWTB-06", "TOK-CLM-11", "API-02", "FUZZ-MODEL-01", "FUZZ-REVOKED-01"], description: "A SET revokes the tokens but not the registration: its assertion and claim_token still mint.", alsoFails: { ids: ["SET-11"], why: "SET-11 presents a fresh ID-JAG for the existing account after the SET: the registration and its delegation survived, so it is a clean match (200) instead of a new first-link confirmation" } },
  { name: "v07-slow-down-never-sent", requirementIds: ["TOK-CLM-07", "FUZZ-POLL-01"], description: "The claim grant never answers slow_down, however fast it is polled." },
  { name: "v07-expired-attempt-stays-pending", requirementIds: ["TOK-CLM-05"], description: "After the user_code window closes the claim grant keeps answering authorization_pending." },
  { name: "v07-pre-claim-tokens-survive-claim", requirementIds: ["TOK-CLM-03", "CLMEP-IDJ-02", "FUZZ-MODEL-01"], description: "Completing an anonymous claim leaves the pre-claim access tokens working." },
  { name: "v07-claim-token-multi-use", requirementIds: ["TOK-CLM-10"], description: "After a successful claim grant, every repeat poll mints another access token." },
  { name: "v07-deny-ignored", requirementIds: ["TOK-CLM-08"], description: "The user's refusal is dropped: the claim grant keeps answering authorization_pending." },
  // --- revocation ---
  { name: "v07-revoke-unknown-token-400", requirementIds: ["REV7009-02"], description: "Revoking an unknown token answers 400 invalid_grant (token enumeration).", alsoFails: { ids: ["REV7009-06"], why: "REV7009-06 revokes the identity_assertion, a token the revocation endpoint does not know, and reports the same 400" } },
  { name: "v07-revoke-no-token-200", requirementIds: ["REV7009-04"], description: "A revocation request without token answers 200 instead of 400 invalid_request." },
  { name: "v07-revoke-noop", requirementIds: ["REV7009-01"], description: "The revocation endpoint answers 200 but does not revoke the access_token.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-revoke-hint-strict", requirementIds: ["REV7009-05"], description: "token_type_hint other than access_token is refused with 400 invalid_request (the reference's behaviour)." },
  { name: "v07-revoke-kills-registration", requirementIds: ["REV7009-03", "API-02"], description: "Revoking one access_token also revokes the registration, so jwt-bearer fails afterwards.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  // --- events (SET) ---
  { name: "v07-set-200-body", requirementIds: ["SET-01"], description: "An accepted SET answers 200 with a JSON body instead of 202 with an empty one." },
  { name: "v07-set-tokens-survive", requirementIds: ["SET-09"], description: "A revoked event stops the registration minting but leaves its live access tokens working.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-set-no-revival", requirementIds: ["SET-11"], description: "After a revocation, a fresh ID-JAG re-registers but the registration stays revoked, so its new assertion never mints.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  { name: "v07-set-accepted-without-events", requirementIds: ["SET-06"], description: "A SET without events is accepted (202) and taken as a revocation.", alsoFails: { ids: ["FUZZ-MUTATE-01"], why: "FUZZ-MUTATE-01 sends a SET without events among its mutations" } },
  { name: "v07-set-unknown-event-revokes", requirementIds: ["SET-07", "FUZZ-MUTATE-01"], description: "Any SET revokes, whatever event schema it carries." },
  { name: "v07-set-replay-accepted", requirementIds: ["SET-08"], description: "A replayed SET jti is accepted again (202)." },
  { name: "v07-set-wrong-aud-auth-failed", requirementIds: ["SET-04"], description: "A SET with the wrong aud is refused as authentication_failed instead of invalid_audience." },
  { name: "v07-set-error-oauth-shape", requirementIds: ["SET-02"], description: "SET errors answer {error, error_description} instead of RFC 8935's {err, description}." },
  { name: "v07-set-untrusted-issuer-auth-failed", requirementIds: ["SET-03"], description: "A SET from an untrusted issuer is refused as authentication_failed instead of invalid_issuer." },
  { name: "v07-set-expired-accepted", requirementIds: ["SET-05"], description: "A SET past its exp is accepted.", alsoFails: { ids: ["FUZZ-MUTATE-01"], why: "FUZZ-MUTATE-01 sends a SET past its exp among its mutations" } },
  { name: "v07-set-iat-optional", requirementIds: ["SET-14"], description: "A SET without iat is accepted." },
  { name: "v07-set-json-content-type", requirementIds: ["SET-12"], description: "A SET posted as application/json is accepted." },
  { name: "v07-set-typ-ignored", requirementIds: ["SET-13"], description: "A SET's typ header is not checked (a logout+jwt passes)." },
  // --- API ---
  { name: "v07-expired-access-token-accepted", requirementIds: ["API-01"], description: "The API accepts an access_token past its expires_in." },
  { name: "v07-write-scope-not-checked", requirementIds: ["ANON-04"], sharedCheckIds: ["SCO-02"], description: "The write route accepts any live access token, even one without api.write.", mayAlsoFail: { ids: ["FUZZ-MODEL-01"], why: "the FUZZ-MODEL-01 model meets the same break when its generated lives reach it (found by search: allowed, not required)" } },
  // --- user pages ---
  { name: "v07-user-code-in-verification-uri", requirementIds: ["PAGE-01"], description: "verification_uri carries the user_code as a query parameter (pre-filled form)." },
  { name: "v07-user-code-five-digits", requirementIds: ["PAGE-02", "FUZZ-UCODE-FORMAT-01"], description: "user_codes have 5 digits (and the form accepts 5-digit codes)." },
  { name: "v07-user-code-any-registration", requirementIds: ["PAGE-05", "FUZZ-BIND-01"], description: "The form action accepts a user_code that is live for any attempt, not only this link's." },
  { name: "v07-advisories-missing", requirementIds: ["PAGE-09"], description: "The claim page shows no first_time_account / first_time_provider advisory." },
  { name: "v07-claim-page-no-login", requirementIds: ["PAGE-03"], description: "The claim page shows the code form to a visitor with no session." },
  { name: "v07-wrong-account-on-submit", requirementIds: ["PAGE-04", "STEP-05", "SA-05", "FUZZ-MODEL-01"], description: "The form action skips the same-account check (the GET page still refuses), so a wrong account confirms by posting directly." },
  { name: "v07-wrong-code-limit-missing", requirementIds: ["PAGE-06", "FUZZ-UCODE-LOCK-01"], description: "No per-attempt limit on wrong user_codes." },
  { name: "v07-expired-user-code-accepted", requirementIds: ["PAGE-07"], description: "The form action accepts a user_code past its expiry." },
  { name: "v07-claim-complete-replayable", requirementIds: ["PAGE-08"], description: "A completed ceremony's form can be submitted again with 200." },
  { name: "v07-cookie-not-httponly", requirementIds: ["PAGE-10"], description: "The session cookie lacks HttpOnly." },
  { name: "v07-return-to-open-redirect", requirementIds: ["PAGE-12"], description: "/login redirects to any return_to, also another origin." },
  // --- v0.7 input fuzzing (issue 16) ---
  { name: "v07-token-long-field-500", requirementIds: ["FUZZ-IN-5XX-01"], description: "A token-endpoint form field longer than 8 KiB overflows a fixed buffer (500) instead of 400 invalid_request." },
  { name: "v07-events-not-jws-500", requirementIds: ["FUZZ-IN-5XX-01"], description: "An events body that is not a three-part compact JWS crashes the SET parser (500) instead of 400 invalid_request." },
  { name: "v07-claim-error-echoes-token", requirementIds: ["FUZZ-IN-ECHO-01"], description: "The 401 invalid_claim_token at /agent/identity/claim quotes the claim_token it was sent in error_description." },
  { name: "v07-user-code-bruteforceable", requirementIds: ["FUZZ-UC-BRUTE-01"], description: "user_codes come from randomInt(0, 1000) padded to 6 digits (always 000xyz) and the form action has no wrong-code limit: a signed-in guesser who learnt the bias takes the ceremony in seconds (needs --prove-otp-bruteforce).", alsoFails: { ids: ["FUZZ-UCODE-ENTROPY-01", "FUZZ-UCODE-LOCK-01"], why: "the same two weaknesses are what the entropy property (biased digits) and the lockout property (no limit) sample for" } },
  // --- user ceremony (suites/v0.7/ceremony: checks through the user actor) ---
  { name: "v07-wrong-account-confirms", requirementIds: ["PAGE-04", "STEP-05", "SA-05"], description: "Neither the claim page nor the form action compares the signed-in account with the ceremony's: any signed-in user confirms." },
  { name: "v07-wrong-account-page-allowed", requirementIds: ["PAGE-04", "STEP-05"], description: "The claim page shows the code form to a wrong signed-in account (only the form action refuses it)." },
  { name: "v07-revoked-claim-grant-mints", requirementIds: ["SET-10", "TOK-CLM-11"], description: "The claim grant does not look at a provider revocation: a revoked registration's claim_token still collects its tokens." },
  { name: "v07-session-cookie-samesite-none", requirementIds: ["PAGE-10", "PAGE-11"], description: "The session cookie is SameSite=None, so a cross-site POST to the form action carries it." },
  // --- the v0.1 checks shared with v0.7 (driver slice): each switch plants the weakness of a v0.1
  // switch in the v0.7 service; requirementIds name the v0.7.md row, sharedCheckIds the shared
  // v0.1 check ids (SHARED_IDS_V07) that must catch it in a v0.7 run (test/mutants/kill-matrix.ts).
  { name: "v07-idjag-alg-none-accepted", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-02"], description: "An ID-JAG with alg none (any letter case) is accepted unsigned." },
  { name: "v07-idjag-empty-signature-accepted", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-03"], description: "An ID-JAG with an empty signature segment is accepted unverified." },
  { name: "v07-idjag-hmac-with-public-key", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-04"], description: "HS256 keyed with the provider's public key is accepted (key/algorithm confusion)." },
  { name: "v07-idjag-zero-signature-accepted", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-05"], description: "An all-zero ES256 signature is accepted (psychic signature)." },
  { name: "v07-idjag-embedded-jwk-trusted", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-06"], description: "A key embedded in the header (jwk) verifies the token." },
  { name: "v07-idjag-crit-ignored", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-11"], description: "Unknown crit header extensions are ignored." },
  { name: "v07-idjag-first-duplicate-wins", requirementIds: ["IDJ-04"], sharedCheckIds: ["SIG-12"], description: "With duplicate claim names the first one routes the issuer while the verifier reads the last." },
  { name: "v07-idjag-typ-case-sensitive", requirementIds: ["IDJ-10"], sharedCheckIds: ["IDJAG-TYP-02"], description: "typ must be exactly \"oauth-id-jag+jwt\": the application/ form and other letter cases are refused." },
  { name: "v07-idjag-issuer-trailing-slash-normalised", requirementIds: ["IDJ-03"], sharedCheckIds: ["IDJAG-ISS-02"], description: "iss is matched against the trust list after stripping a trailing \"/\"." },
  { name: "v07-idjag-aud-trailing-slash-ignored", requirementIds: ["IDJ-05"], sharedCheckIds: ["IDJAG-AUD-02", "IDJAG-AUD-03"], description: "aud is compared after stripping trailing slashes, so the issuer with \"/\" (here also the PRM resource) is accepted." },
  { name: "v07-idjag-aud-array-any-member", requirementIds: ["IDJ-05"], sharedCheckIds: ["IDJAG-AUD-04"], description: "An aud array is accepted when any member is this service." },
  { name: "v07-idjag-exp-optional", requirementIds: ["IDJ-06"], sharedCheckIds: ["IDJAG-EXP-03"], description: "exp is only checked when it is a number: missing or non-numeric exp is accepted." },
  { name: "v07-idjag-future-iat-accepted", requirementIds: ["IDJ-06"], sharedCheckIds: ["IDJAG-IAT-02"], description: "iat in the future is not checked." },
  { name: "v07-idjag-nbf-ignored", requirementIds: ["IDJ-06"], sharedCheckIds: ["IDJAG-NBF-01"], description: "nbf is ignored." },
  { name: "v07-idjag-jti-replay-allowed", requirementIds: ["IDJ-07"], sharedCheckIds: ["RPL-01", "RPL-02"], description: "No replay cache: the same (iss, jti) is accepted again." },
  { name: "v07-idjag-email-verified-truthy", requirementIds: ["IDJ-08"], sharedCheckIds: ["IDJAG-VER-02"], description: "email_verified is tested for truthiness, so the string \"true\" counts." },
  { name: "v07-api-401-no-error-code", requirementIds: ["DISC-401-01"], sharedCheckIds: ["DISC-401-04"], description: "The 401 for a presented but dead token says no error=\"invalid_token\" (RFC 6750 §3.1)." },
  // A pre-claim token that cannot read is also a live token the API refuses (API-01 reads with one).
  { name: "v07-pre-claim-read-refused", requirementIds: ["ANON-04", "API-01"], sharedCheckIds: ["SCO-01"], description: "The read route also requires api.write, so a pre-claim access_token (api.read) cannot read.", alsoFails: { ids: ["API-02"], why: "API-02 reads with the access_token of a retried Step 5, a pre-claim token, which this switch refuses" } },
  { name: "v07-insufficient-scope-forbidden", requirementIds: ["ANON-04"], sharedCheckIds: ["SCO-03"], description: "A write refused for scope answers 403 {error: \"forbidden\"} without error=\"insufficient_scope\"." },
  { name: "v07-idjag-scope-not-advertised", requirementIds: ["IDJ-02"], sharedCheckIds: ["IDJAG-BASE-03"], description: "ID-JAG registrations are also granted the scope \"admin\" (response scopes and token scope), which scopes_supported does not list." },
  { name: "v07-prm-no-resource", requirementIds: ["DISC-PRM-01"], sharedCheckIds: ["DISC-PRM-01"], description: "The PRM document omits resource." },
  // --- agent-side checks without a user actor (helper "agentside") ---
  { name: "v07-claim-attempt-id-reused", requirementIds: ["CLMEP-05"], description: "A re-initiated claim answers the registration's first claim_attempt_id instead of the new attempt's." },
  { name: "v07-claim-idjag-no-poll-grant", requirementIds: ["CLMEP-IDJ-02"], description: "A claim completed with the ID-JAG body leaves nothing for the claim grant: the poll answers invalid_grant." },
  { name: "v07-service-auth-disabled-wrong-code", requirementIds: ["SA-03", "DISC-AA-04"], description: "service_auth is switched off (dropped from identity_types_supported) and refused with 400 invalid_request instead of service_auth_not_enabled." },
  { name: "v07-anonymous-disabled-403", requirementIds: ["ANON-05", "ANON-01"], description: "Anonymous registration is switched off but still advertised, and refused with 403 forbidden instead of 400 anonymous_not_enabled." },
  { name: "v07-assertion-cache-ignores-header", requirementIds: ["TOK-JWTB-04"], description: "jwt-bearer caches verified assertions by payload and signature only, so a copy with another JOSE header (typ JWT) passes from the cache." },
  { name: "v07-expired-registration-assertion-mints", requirementIds: ["TOK-JWTB-06"], description: "jwt-bearer ignores the claim window: the assertion of an anonymous registration that expired unclaimed still mints." },
  { name: "v07-resource-trailing-slash-strict", requirementIds: ["TOK-JWTB-07"], description: "jwt-bearer compares resource with the origin without normalising the trailing slash, so the PRM's own resource value is refused as invalid_target." },
  { name: "v07-set-revokes-before-aud-check", requirementIds: ["SET-15"], description: "A SET addressed to another audience is refused with invalid_audience, but the (iss, sub) is revoked before the audience check." },
  { name: "v07-idjag-error-code-outside-vocabulary", requirementIds: ["ERR-03"], description: "An ID-JAG with a bad signature is refused with token_invalid, a code in neither AUTH.md's table nor the services guide's aliases." },
  { name: "v07-identity-errors-no-description", requirementIds: ["ERR-04"], description: "identity_endpoint's 400 for an unknown type carries only {error}, no error_description or message." },
  { name: "v07-revoke-jwt-500", requirementIds: ["REV7009-06"], description: "The revocation endpoint decodes a JWT-shaped token it does not know and crashes (500) on the identity_assertion." },
  // --- fuzz properties (issue 16, slice fuzzmodel; the model and the other properties also reuse switches above) ---
  { name: "v07-user-code-sequential", requirementIds: ["FUZZ-UCODE-ENTROPY-01"], description: "user_codes come from a counter (000001, 000002, …) instead of a CSPRNG: well-formed, never repeated, guessable." },
  { name: "v07-user-code-last-digit-ignored", requirementIds: ["FUZZ-UCODE-WRONG-01"], description: "The claim form compares all but the last digit of the user_code (a typo tolerance), so a near miss in the last place confirms." },
] as const satisfies readonly FaultTableEntry[];

/** Every v0.7 fault name; `FaultsV07.has` only accepts these, so a typo fails to compile. */
export type FaultNameV07 = (typeof FAULT_TABLE)[number]["name"];

export const FAULTS_V07: readonly FaultDefinition[] = Object.freeze(
  FAULT_TABLE.map((entry: FaultTableEntry) => ({
    name: entry.name,
    requirementIds: [...entry.requirementIds],
    description: entry.description,
    ...(entry.sharedCheckIds ? { sharedCheckIds: [...entry.sharedCheckIds] } : {}),
    ...(entry.alsoFails ? { alsoFails: entry.alsoFails } : {}),
    ...(entry.mayAlsoFail ? { mayAlsoFail: entry.mayAlsoFail } : {}),
    ...(entry.onVariant ? { onVariant: entry.onVariant } : {}),
  })),
);

const KNOWN_NAMES: ReadonlySet<string> = new Set(FAULTS_V07.map((fault) => fault.name));

/** The v0.7 fault switches enabled for one running service. */
export class FaultsV07 {
  private constructor(private readonly enabled: ReadonlySet<string>) {}

  /** Validates names; an unknown name throws SampleServiceError code "unknown_fault", field "faults". */
  static from(names: readonly string[] = []): FaultsV07 {
    for (const name of names) {
      if (!KNOWN_NAMES.has(name)) throw new SampleServiceError("unknown_fault", "faults", `unknown v0.7 fault name: ${JSON.stringify(name)}`);
    }
    return new FaultsV07(new Set(names));
  }

  has(name: FaultNameV07): boolean {
    return this.enabled.has(name);
  }

  list(): string[] {
    return [...this.enabled];
  }
}
