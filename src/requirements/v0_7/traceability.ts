import type { TraceStatement } from "../v0_1/traceability.ts";

/**
 * Traceability for profile v0.7: the normative statements of the v0.7 sources, quoted briefly or
 * paraphrased ("≈"), each mapped to the requirement ids that test it (v0.7 entries, or v0.1 ids
 * shared with v0.7: see shared-with-v0_1.ts), or excluded with a reason, or marked `todo`.
 * `requirements --profile v0.7 --coverage` can report covered / (total − excluded).
 *
 * Read from AUTH.md and agent-services/README.md at timothybrush/auth.md b53c9ed (A6/S6; A7 is the
 * same text except Step 4a, whose v0.7 statements are taken from v0.7.md §6) and the CHANGELOG
 * entries v0.7.md cites. Statement ids: A7-* AUTH.md, S6-* services guide, CL-* changelog, RFC<n>-*.
 * Ids are stable; add new ones at the end of a group.
 */
const AGENT = "instruction to the agent: no service behaviour to observe";
const INTERNAL = "internal to the service: not observable from outside";
const POLICY = "policy choice left to the service";
const PROVIDER = "obligation of the agent provider (the harness plays the provider)";
const AUDIT = "audit/observability recommendation: not exposed through the protocol";

type Mapping = Pick<TraceStatement, "checks" | "lint" | "excluded" | "todo">;

const A7 = "AUTH.md (v0.7)";
const S6 = "agent-services/README.md (v0.6+fix)";
const CL = "CHANGELOG.md (v0.7)";
const C6 = "agent-services code (v0.6+fix)";

const s = (id: string, source: string, section: string, quote: string, mapping: Mapping): TraceStatement => ({ id, source, section, quote, ...mapping });
const checks = (...ids: string[]): Mapping => ({ checks: ids });

export const traceabilityV07: readonly TraceStatement[] = [
  // ── AUTH.md ────────────────────────────────────────────────────────────────────────────────
  s("A7-INTRO-01", A7, "# auth.md", "discover → register → (claim if needed) → exchange for an access_token → call API → handle revocation", checks("DISC-AUTHMD-01", "DISC-AUTHMD-02")),
  s("A7-INTRO-02", A7, "# auth.md", "Follow the steps in order; do not skip ahead", { excluded: AGENT }),
  s("A7-1-01", A7, "Step 1 — Discover", "The 401 response … carries a WWW-Authenticate header with the PRM URL", checks("DISC-401-01", "DISC-401-02", "API-01")),
  s("A7-1-02", A7, "Step 1 — Discover", "the conventional path on the resource server is /.well-known/oauth-protected-resource", checks("DISC-PRM-01")),
  s("A7-1A-01", A7, "1a", "≈ PRM: resource, authorization_servers, scopes_supported, bearer_methods_supported, resource_name, resource_logo_uri", checks("DISC-PRM-01", "DISC-PRM-03", "DISC-PRM-02")),
  s("A7-1B-01", A7, "1b", "≈ GET <authorization_servers[0]>/.well-known/oauth-authorization-server", checks("DISC-AS-01")),
  s("A7-1B-02", A7, "1b", "The outer fields restate the PRM", { todo: "v0.1 DISC-AS-03 checked it; v0.7.md has no row for it (the id is reused)" }),
  s("A7-1B-03", A7, "1b", "issuer, token_endpoint, revocation_endpoint, grant_types_supported are standard RFC 8414 / RFC 7009 / RFC 7523 fields", checks("DISC-AS-01", "DISC-AS-02")),
  s("A7-1B-04", A7, "1b", "`issuer` — … Validate the `iss` claim of any token the AS signs against this", checks("REG-04")),
  s("A7-1B-05", A7, "1b", "grant_types_supported: jwt-bearer (Step 5) and urn:workos:agent-auth:grant-type:claim (Step 4c)", checks("DISC-AS-03")),
  s("A7-1B-06", A7, "1b", "agent_auth: skill, identity_endpoint, claim_endpoint, events_endpoint, identity_types_supported, assertion_types_supported, events_supported", checks("DISC-AA-01", "DISC-AA-02", "DISC-AA-03", "DISC-AA-05", "DISC-EP-01")),
  s("A7-1B-07", A7, "1b", "`claim_endpoint` — … where the agent polls for ceremony completion at `/view`", { excluded: "v0.1 prose leftover (§15 P12): the poll is the claim grant at token_endpoint (TOK-CLM-01)" }),
  s("A7-2-01", A7, "Step 2 — Pick a method", "Use this decision tree: ID-JAG → identity_assertion; only email → service_auth; neither → anonymous", { excluded: AGENT }),
  s("A7-2-02", A7, "Step 2 — Pick a method", "For service_auth and anonymous, identity_types_supported is informational — … fall back on the *_not_enabled error", checks("DISC-AA-04", "ANON-05", "SA-03")),
  s("A7-3-01", A7, "Step 3 — Register", "surface resource_name and resource_logo_uri … and confirm with the user", { excluded: AGENT }),
  s("A7-3-02", A7, "identity_assertion + id-jag", "confirm your provider is on this service's trust list", checks("IDJAG-ISS-01")),
  s("A7-3-03", A7, "identity_assertion + id-jag", "`aud` = the `resource` from the PRM", checks("IDJAG-AUD-03")),
  s("A7-3-04", A7, "identity_assertion + id-jag", "`iss` = your provider's issuer URL (must be on the trust list above)", checks("IDJAG-ISS-01", "IDJAG-ISS-02")),
  s("A7-3-05", A7, "identity_assertion + id-jag", "`email_verified: true` OR `phone_number_verified: true`", checks("IDJAG-VER-01", "IDJAG-VER-03")),
  s("A7-3-06", A7, "identity_assertion + id-jag", "≈ Fresh `jti`; near-term `exp` (~5 minutes)", checks("RPL-01", "RPL-02", "IDJAG-EXP-01")),
  s("A7-3-07", A7, "identity_assertion + id-jag", "`auth_time` … Required. The service rejects ID-JAGs whose underlying user authentication is older than its window", checks("AT-01", "AT-02", "AT-05")),
  s("A7-3-08", A7, "identity_assertion + id-jag", "≈ Body {type identity_assertion, assertion_type urn:ietf:params:oauth:token-type:id-jag, assertion}", checks("IDJ-01", "REG-01")),
  s("A7-3-09", A7, "identity_assertion — No confirmation needed", "≈ 200 {registration_id, registration_type identity_assertion, identity_assertion, assertion_expires, scopes}", checks("IDJ-02", "REG-04")),
  s("A7-3-10", A7, "Confirmation required (401)", "(iss, sub) unknown but the verified email or phone matched an existing account … The service won't silently bind the delegation", checks("STEP-01", "STEP-03")),
  s("A7-3-11", A7, "Confirmation required (401)", "≈ WWW-Authenticate: AgentAuth error=\"interaction_required\" and the body with the claim block", checks("STEP-02")),
  s("A7-3-12", A7, "Confirmation required (401)", "a confirmation page that names your provider", checks("STEP-07")),
  s("A7-3-13", A7, "Confirmation required (401)", "≈ After the user confirms, the next presentation … for the same (iss, sub, aud) is accepted directly", checks("STEP-06", "IDJ-11")),
  s("A7-3-14", A7, "Login required (401)", "auth_time is missing or older than the service's max-age", checks("AT-01", "AT-02", "AT-04", "AT-06")),
  s("A7-3-15", A7, "Login required (401)", "≈ WWW-Authenticate: AgentAuth error=\"login_required\", max_age=…; body {error, error_description, max_age}", checks("AT-03")),
  s("A7-3-16", A7, "Login required (401)", "The agent has to go back to its own provider … and re-mint a fresh ID-JAG", { excluded: AGENT }),
  s("A7-3-17", A7, "service_auth", "≈ 200 {registration_id, registration_type service_auth, claim_url, claim_token, claim_token_expires, post_claim_scopes, claim{…}}; no identity_assertion yet", checks("SA-01", "REG-02")),
  s("A7-3-18", A7, "service_auth", "≈ login_hint names the user; an invalid hint → invalid_login_hint", checks("SA-02")),
  s("A7-3-19", A7, "anonymous", "≈ 200 {registration_id, registration_type anonymous, identity_assertion, assertion_expires, pre_claim_scopes, claim_url, claim_token, claim_token_expires, post_claim_scopes}", checks("ANON-01", "REG-02")),
  s("A7-3-20", A7, "anonymous", "The identity_assertion exchanges at /oauth2/token for an access_token with pre_claim_scopes immediately", checks("ANON-02", "SCO-01", "SCO-02")),
  s("A7-3-21", A7, "Step 3", "≈ claim_token is returned once; do not persist it past Step 4", checks("FUZZ-CT-ENTROPY-01", "TOK-CLM-10")),
  s("A7-4A-01", A7, "4a (v0.7)", "≈ POST claim_endpoint {type login_hint, claim_token, login_hint} → 200 {registration_id, claim_attempt_id, status initiated, expires_at, claim_attempt{…}}", checks("CLMEP-01", "CLMEP-02")),
  s("A7-4A-02", A7, "4a", "The email/login_hint you supply on /claim binds the registration … only that signed-in user can complete the ceremony", checks("SA-05", "PAGE-04", "CLMEP-06")),
  s("A7-4A-03", A7, "4a-alt (v0.7)", "≈ {type identity_assertion, claim_token, assertion}: clean match → 200 status claimed with identity_assertion", checks("CLMEP-IDJ-01", "CLMEP-IDJ-02")),
  s("A7-4A-04", A7, "4a-alt (v0.7)", "≈ Confirmation required (200): status initiated with a claim_attempt block", checks("CLMEP-IDJ-03")),
  s("A7-4A-05", A7, "4a-alt (v0.7)", "≈ Failures: ID-JAG verification applies unchanged", checks("CLMEP-IDJ-04", "CLMEP-IDJ-07")),
  s("A7-4B-01", A7, "4b", "Surface verification_uri + user_code to the user", { excluded: AGENT }),
  s("A7-4B-02", A7, "4b", "≈ the verification_uri routes through the service's sign-in; the user types the user_code on the service's page", checks("PAGE-01", "PAGE-03")),
  s("A7-4C-01", A7, "4c", "≈ poll the token endpoint with the claim grant; authorization_pending until the user confirms", checks("TOK-CLM-01", "STEP-03")),
  s("A7-4C-02", A7, "4c", "≈ on success {access_token, token_type, expires_in, scope, identity_assertion, assertion_expires}", checks("TOK-CLM-02", "SA-06", "STEP-06")),
  s("A7-4C-03", A7, "4c", "≈ for anonymous, the pre-claim access_tokens are revoked; the v1 assertion gets superseded", checks("TOK-CLM-03", "TOK-JWTB-08")),
  s("A7-4C-04", A7, "4c", "≈ the v2 assertion carries the confirming user's email and email_verified", checks("TOK-CLM-04")),
  s("A7-4C-05", A7, "4c", "≈ a closed user_code window → expired_token; re-call /claim to mint a fresh user_code (works for anonymous and service_auth)", checks("TOK-CLM-05", "CLMEP-04", "CLMEP-05")),
  s("A7-4C-06", A7, "4c", "≈ honour interval; slow_down adds 5 s", checks("TOK-CLM-07")),
  s("A7-5-01", A7, "Step 5 — Exchange the assertion", "≈ grant_type jwt-bearer, assertion=<identity_assertion>, optional resource → {access_token, token_type Bearer, expires_in, scope}", checks("TOK-JWTB-01", "TOK-01", "TOK-JWTB-07")),
  s("A7-5-02", A7, "Step 5", "≈ the same identity_assertion can be re-used until it expires", checks("TOK-JWTB-02")),
  s("A7-6-01", A7, "Step 6 — Use the access_token", "≈ Authorization: Bearer <access_token>", checks("API-01", "SCO-01")),
  s("A7-6-02", A7, "Step 6 — Refresh", "≈ There is no OAuth refresh_token; re-run Step 5", checks("TOK-04", "TOK-JWTB-02")),
  s("A7-ERR-01", A7, "Errors", "Errors at /agent/identity and /agent/identity/claim/* use profile-specific codes; /oauth2/token uses OAuth-standard vocabulary", checks("ERR-01", "ERR-02")),
  s("A7-ERR-02", A7, "Errors", "≈ anonymous_not_enabled / service_auth_not_enabled / issuer_not_enabled", checks("ANON-05", "SA-03", "IDJAG-ISS-01")),
  s("A7-ERR-03", A7, "Errors", "≈ invalid_request: body shape, missing claims, signature/jti/aud problems, or unverified identity", checks("REG-01", "ERR-03", "SIG-01", "IDJAG-VER-01")),
  s("A7-ERR-04", A7, "Errors", "≈ interaction_required (401) / login_required (401)", checks("STEP-01", "AT-01")),
  s("A7-ERR-05", A7, "Errors", "≈ invalid_claim_token / claimed_or_in_flight / claim_expired at /agent/identity/claim", checks("CLMEP-03", "CLMEP-IDJ-05")),
  s("A7-ERR-06", A7, "Errors", "≈ invalid_grant: assertion expired, revoked, replayed, or otherwise failed verification", checks("TOK-JWTB-03", "TOK-JWTB-06", "SET-10")),
  s("A7-ERR-07", A7, "Errors", "≈ invalid_client (client_id not recognized) / unsupported_grant_type", checks("TOK-01", "TOK-02")),
  s("A7-ERR-08", A7, "Errors", "≈ authorization_pending / expired_token / slow_down at the claim grant", checks("TOK-CLM-01", "TOK-CLM-05", "TOK-CLM-06", "TOK-CLM-07")),
  s("A7-ERR-09", A7, "Errors", "≈ rate_limited (429) — any", checks("REG-06")),
  s("A7-ERR-10", A7, "Errors", "user_code errors are surfaced to the user on the claim page — they never reach you", checks("PAGE-05")),
  s("A7-ERR-11", A7, "Errors", "Your poll keeps returning \"status\": \"pending\" … (\"status\": \"expired\")", { excluded: "v0.1 prose leftover (§15 P12): the poll speaks RFC 8628 errors (TOK-CLM-01, TOK-CLM-05)" }),
  s("A7-ERR-12", A7, "Errors — retry policy", "≈ 5xx → backoff and retry; 4xx → do not retry; 401 → retry Step 5 once", { excluded: AGENT }),
  s("A7-REV-01", A7, "Revocation", "≈ Credential layer (RFC 7009): POST token=<access_token>&token_type_hint=access_token to revocation_endpoint", checks("REV7009-01", "REV7009-02", "REV7009-04", "REV7009-05")),
  s("A7-REV-02", A7, "Revocation", "≈ revoking the access_token leaves the identity_assertion usable", checks("REV7009-03", "API-02")),
  s("A7-REV-03", A7, "Revocation", "≈ Registration layer (RFC 8935 SET at events_endpoint): the provider … invalidates the identity assertion", checks("SET-01", "SET-09", "SET-10", "TOK-JWTB-06")),
  s("A7-REV-04", A7, "Revocation", "On a 401 for a previously-working access_token: try Step 5 once", { excluded: AGENT }),

  // ── agent-services/README.md ──────────────────────────────────────────────────────────────
  s("S6-MIN-01", S6, "Minimum Consumer Implementation", "≈ publish PRM and AS metadata with agent_auth", checks("DISC-PRM-01", "DISC-AS-01", "DISC-AA-01")),
  s("S6-MIN-02", S6, "Minimum Consumer Implementation", "≈ return WWW-Authenticate: Bearer resource_metadata=\"…\" on 401 responses", checks("DISC-401-01", "DISC-401-02")),
  s("S6-HOST-01", S6, "Hosting the /agent/identity Endpoint", "The endpoint dispatches on the type field", checks("REG-01")),
  s("S6-HOST-02", S6, "Hosting the /agent/identity Endpoint", "Every path through this endpoint returns a service-signed identity_assertion", { excluded: "contradicted by A7 for service_auth and step-up (§15 P13); the suite follows A7 (REG-02, SA-01)" }),
  s("S6-IA-01", S6, "type: identity_assertion, step 2", "Look up the issuer (iss) in your trusted providers list. Reject if unknown", checks("IDJAG-ISS-01")),
  s("S6-IA-02", S6, "type: identity_assertion, step 5", "≈ claim checks: aud = AS issuer, exp, iat not future, client_id resolves, verified email/phone", checks("IDJAG-AUD-01", "IDJAG-EXP-01", "IDJAG-IAT-02", "IDJAG-CID-02", "IDJAG-VER-01")),
  s("S6-IA-03", S6, "type: identity_assertion, step 7", "≈ mint a service-signed identity_assertion (sub = registration_id) verifiable with the AS JWKS", checks("REG-04")),
  s("S6-AT-01", S6, "auth_time freshness", "Reject ID-JAGs whose auth_time is missing or older than your configured idJagMaxAuthAgeSeconds (default 1h) with HTTP 401", checks("AT-01", "AT-02", "AT-03", "AT-05")),
  s("S6-STEP-01", S6, "First-link step-up", "≈ a verified email match with no (iss, sub) delegation → step-up ceremony; nothing mints before the user confirms", checks("STEP-01", "STEP-03", "STEP-04")),
  s("S6-STEP-02", S6, "First-link step-up", "≈ name the provider from the service's trust list (or CIMD), never from ID-JAG claims", checks("STEP-07")),
  s("S6-STEP-03", S6, "First-link step-up", "The claim ceremony is your primary place to enforce authorization policies", { excluded: POLICY }),
  s("S6-ANON-01", S6, "type: anonymous", "≈ a prefixed, high-entropy claim_token returned once and stored hashed", checks("FUZZ-CT-ENTROPY-01")),
  s("S6-SA-01", S6, "type: service_auth", "≈ login_hint classified (today an email); no identity_assertion until the ceremony completes", checks("SA-01", "SA-02")),
  s("S6-TOK-01", S6, "JWT-bearer grant, step 2", "It must be typ: \"oauth-id-jag+jwt\", with iss and aud equal to your AS, a valid exp, and a sub resolving to a registration", checks("TOK-JWTB-03", "TOK-JWTB-04")),
  s("S6-TOK-02", S6, "JWT-bearer grant, step 4", "≈ scope by registration state: anonymous unclaimed or pending → pre_claim_scopes", checks("TOK-JWTB-05", "ANON-03")),
  s("S6-TOK-03", S6, "JWT-bearer grant", "The token endpoint should never issue a refresh_token", checks("TOK-04")),
  s("S6-REV7009-01", S6, "POST /oauth2/revoke", "≈ RFC 7009: 200 for unknown tokens; invalid_request for a malformed body", checks("REV7009-02", "REV7009-04")),
  s("S6-VER-01", S6, "Verifying ID-JAGs", "≈ keys from {iss}/.well-known/jwks.json; refetch once on an unknown kid; handle rotation", checks("SIG-01", "SIG-07", "SIG-08", "SIG-09")),
  s("S6-VER-02", S6, "Verifying ID-JAGs — Replay protection", "Keep a cache of seen jti values with a TTL of at least exp − iat plus clock skew … Reject", checks("RPL-01", "RPL-02", "IDJAG-JTI-01", "CLMEP-IDJ-07")),
  s("S6-VER-03", S6, "Verifying ID-JAGs — Clock skew", "≈ allow about a minute of clock skew", checks("IDJAG-EXP-02", "IDJAG-IAT-02")),
  s("S6-MATCH-01", S6, "User Matching and JIT Provisioning", "Reject ID-JAGs with neither a verified email nor a verified phone", checks("IDJAG-VER-01")),
  s("S6-MATCH-02", S6, "User Matching and JIT Provisioning", "Verified email/phone match → step-up … the user must confirm linking", checks("STEP-01")),
  s("S6-CLAIM-01", S6, "POST /agent/identity/claim — Anonymous claim entry", "Reject if not found (invalid_claim_token), already claimed (claimed_or_in_flight), or expired (claim_expired)", checks("CLMEP-03")),
  s("S6-CLAIM-02", S6, "POST /agent/identity/claim — Anonymous claim entry", "The verification_uri should route through your sign-in flow first", checks("PAGE-01", "PAGE-03")),
  s("S6-CLAIM-03", S6, "POST /agent/identity/claim — claim_attempt_id", "≈ a new attempt mints a new claim_attempt_id and supersedes the prior one", checks("CLMEP-05")),
  s("S6-CLAIM-04", S6, "POST /agent/identity/claim", "≈ Anonymous-only", { excluded: "contradicted by CL v0.4.0, A7 Step 4c and the code (§15 P7); the suite follows CLMEP-04" }),
  s("S6-FORM-01", S6, "User-facing claim form", "≈ the page requires a signed-in user; same-account check on the page and again on submit", checks("PAGE-03", "PAGE-04", "STEP-05", "SA-05")),
  s("S6-FORM-02", S6, "User-facing claim form", "This is a service-owned UX surface — agents never see it", { excluded: "describes who sees the page; PAGE-* test its behaviour" }),
  s("S6-POLL-01", S6, "POST /oauth2/token (claim grant)", "For anonymous, on completion the pre-claim access_tokens … should be revoked", checks("TOK-CLM-03", "CLMEP-IDJ-02")),
  s("S6-POLL-02", S6, "POST /oauth2/token (claim grant)", "≈ unknown claim_token → expired_token; pending → authorization_pending", checks("TOK-CLM-09", "TOK-CLM-01")),
  s("S6-SET-01", S6, "POST /agent/event/notify — RFC 8935 SET receiver", "≈ verify the SET like an ID-JAG (trust list, signature, aud), enforce jti uniqueness, 202 on success", checks("SET-01", "SET-03", "SET-04", "SET-05", "SET-08")),
  s("S6-SET-02", S6, "POST /agent/event/notify, step 3", "≈ revoke every access_token of (iss, sub, aud); ignore unknown event schemas", checks("SET-07", "SET-09", "SET-15")),
  s("S6-RATE-01", S6, "Rate Limiting", "≈ per-IP limits (5/h anonymous, 60/h assertion) answered 429 rate_limited", checks("REG-06")),
  s("S6-AUDIT-01", S6, "Recommended Audit Events", "≈ record registration, claim and revocation events", { excluded: AUDIT }),
  s("S6-AUDIT-02", S6, "Recommended Audit Events", "should consider tagging those events with created_by_agent: true", { excluded: AUDIT }),
  s("S6-SEC-01", S6, "Security Considerations", "≈ 6-digit user_code from a CSPRNG with a short TTL; tight per-attempt retry limits", checks("PAGE-02", "PAGE-06")),
  s("S6-SEC-02", S6, "Security Considerations — Token hashing", "≈ claim_token and claim_attempt_token stored hashed; plaintext leaves the server once", { excluded: INTERNAL }),
  s("S6-SEC-03", S6, "Security Considerations — Scope on /claim and /complete", "must resolve to a tenant / environment, and reject tokens that don't belong to that scope", { todo: "needs a multi-tenant target; no check" }),
  s("S6-SEC-04", S6, "Security Considerations — Trust list discipline", "Changes should be audited and rolled out with the same care as any auth config change", { excluded: POLICY }),
  s("S6-SEC-05", S6, "Security Considerations", "≈ never echo token material in errors", checks("ERR-06")),

  // ── CHANGELOG.md ──────────────────────────────────────────────────────────────────────────────
  s("CL-020-01", CL, "v0.2.0", "≈ registration returns identity_assertion; credentials come from /oauth2/token; requested_credential_type removed", checks("REG-02", "REG-03", "TOK-JWTB-01")),
  s("CL-020-02", CL, "v0.2.0 [bug fix]", "≈ pre-claim scope cap holds while a claim is pending", checks("ANON-03", "TOK-JWTB-05")),
  s("CL-020-03", CL, "v0.2.0", "≈ token responses carry Cache-Control: no-store and Pragma: no-cache; RFC 7009 revocation_endpoint", checks("TOK-03", "REV7009-01")),
  s("CL-030-01", CL, "v0.3.0", "≈ revocation_uri → events_endpoint; logout+jwt → SET (RFC 8417) delivered per RFC 8935", checks("SET-01", "SET-02", "SET-12", "DISC-AA-03")),
  s("CL-040-01", CL, "v0.4.0", "≈ the OTP ceremony is replaced by user_code + verification_uri and the claim polling grant", checks("TOK-CLM-01", "PAGE-01")),
  s("CL-040-02", CL, "v0.4.0 Changed", "≈ wrong-account check on the claim page; session cookie secure", checks("STEP-05", "PAGE-10")),
  s("CL-050-01", CL, "v0.5.0", "≈ auth_time required; login_required when stale or in the future beyond skew", checks("AT-01", "AT-04")),
  s("CL-050-02", CL, "v0.5.0 Added", "≈ first-link step-up (interaction_required)", checks("STEP-01", "STEP-06")),
  s("CL-060-01", CL, "v0.6.0", "≈ service_auth + login_hint replaces verified_email; invalid_login_hint; service_auth_not_enabled", checks("SA-01", "SA-02", "SA-03", "SA-04", "IDJ-01")),
  s("CL-060-02", CL, "v0.6.0 Removed", "≈ verified_email_not_enabled, credential_expired, audience_mismatch are gone", checks("ERR-05", "DISC-AA-02")),
  s("CL-060-03", CL, "v0.6.0 Added", "≈ first_time_account / first_time_provider advisories", checks("PAGE-09")),
  s("CL-070-01", CL, "v0.7.0 Changed", "≈ /claim body is a union on type (login_hint | identity_assertion)", checks("CLMEP-01", "CLMEP-07")),
  s("CL-070-02", CL, "v0.7.0 Added", "≈ ID-JAG body on /agent/identity/claim", checks("CLMEP-IDJ-01", "CLMEP-IDJ-03")),
  s("CL-040-03", CL, "v0.4.0 Removed", "≈ services send no mail (the ceremony is agent → user; SA-07)", { excluded: "SA-07 is informative: that a service sends no mail is not observable black-box without a mail catcher on the service's outbound mail; the v0.7 harness starts none" }),
  s("CL-050-03", CL, "v0.5.0 (commit 70afc36)", "≈ a step-up that races a concurrent confirmation answers the clean match, not an error (STEP-08)", { excluded: "STEP-08 is not tested: the race needs a confirmation landing between the service's delegation lookup and its step-up write, which a black-box harness cannot time; an actor that interleaves could, none does" }),

  // ── The user ceremony: rules only the reference code or a commit states (v0.7.md §4.2, §12) ──
  s("C6-PAGE-01", C6, "routes/claim.ts", "≈ a completed ceremony answers \"Already claimed\" (409 on submit); a superseded or unknown claim_attempt_token answers \"Link invalid\" (404)", checks("PAGE-08", "CLMEP-05", "STEP-04")),
  s("C6-PAGE-02", C6, "store.ts completeClaim", "≈ an expired user_code is refused on submit (410)", checks("PAGE-07")),
  s("C6-PAGE-03", C6, "routes/claim.ts, index.ts", "≈ no CSRF token on the claim form: a cross-site POST is kept out by the SameSite=Lax session cookie", checks("PAGE-11", "PAGE-10")),
  s("C6-PAGE-04", C6, "routes/claim.ts hintMismatch", "≈ the signed-in account must be the attempt's login_hint, on the page and on submit (403 Wrong account)", checks("PAGE-04", "STEP-05", "SA-05", "CLMEP-06")),
  s("COMMIT-b53c9ed-01", "commit b53c9ed", "Revive / clear revocation on step-up", "≈ a revoked registration never mints again (assertion or claim grant); a fresh ID-JAG re-establishes access: a JIT user cleanly, an existing account through a new confirmation", checks("SET-10", "SET-11", "TOK-CLM-11")),
  s("COMMIT-70afc36-01", "commit 70afc36", "step-up race", "≈ when a concurrent confirmation already bound the delegation, the step-up path answers 200 (clean), not an error", { excluded: "STEP-08 (SHOULD): a race between two confirmations of one ceremony; black-box it needs the service's requests interleaved at a point the suite cannot reach, so it is not tested" }),

  // ── RFCs the profile composes ──────────────────────────────────────────────────────────────
  s("RFC6749-5.1-01", "RFC 6749", "§5.1", "≈ The authorization server MUST include Cache-Control: no-store … and Pragma: no-cache", checks("TOK-03")),
  s("RFC6749-5.2-01", "RFC 6749", "§5.2", "≈ error response {error, error_description}, 400 (invalid_client 401)", checks("TOK-02", "ERR-01", "TOK-05")),
  s("RFC7009-2.2-01", "RFC 7009", "§2.2", "≈ 200 whether or not the token was valid", checks("REV7009-02")),
  s("RFC7009-2.1-01", "RFC 7009", "§2.1", "≈ the AS may ignore token_type_hint", checks("REV7009-05", "REV7009-06")),
  s("RFC7523-3.1-01", "RFC 7523", "§3.1", "≈ an invalid JWT assertion → invalid_grant", checks("TOK-JWTB-03")),
  s("RFC8414-3.3-01", "RFC 8414", "§3.3", "The issuer value returned MUST be identical to the authorization server's issuer identifier", checks("DISC-AS-02")),
  s("RFC8417-2.2-01", "RFC 8417", "§2.2", "≈ iss, iat, jti, events are REQUIRED", checks("SET-06", "SET-14", "SET-08")),
  s("RFC8417-2.3-01", "RFC 8417", "§2.3", "≈ explicit typing secevent+jwt", checks("SET-13")),
  s("RFC8628-3.5-01", "RFC 8628", "§3.5", "≈ authorization_pending, slow_down, access_denied, expired_token", checks("TOK-CLM-01", "TOK-CLM-05", "TOK-CLM-07", "TOK-CLM-08")),
  s("RFC8935-2.2-01", "RFC 8935", "§2.2", "≈ POST with Content-Type application/secevent+jwt; 202 Accepted", checks("SET-01", "SET-12")),
  s("RFC8935-2.3-01", "RFC 8935", "§2.3–§2.4", "≈ 400 with JSON {err, description}: invalid_request, invalid_key, invalid_issuer, invalid_audience, authentication_failed, access_denied", checks("SET-02", "SET-03", "SET-04", "SET-05")),
  s("RFC9728-5.1-01", "RFC 9728", "§5.1", "≈ WWW-Authenticate resource_metadata points at the PRM", checks("DISC-401-01", "DISC-401-03")),
  s("IDJAG-DRAFT-PROV-01", "draft-ietf-oauth-identity-assertion-authz-grant", "§3.1", "≈ the provider mints iss, sub, aud, client_id, jti, iat, exp", { excluded: PROVIDER }),
];
