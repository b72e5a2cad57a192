/**
 * Traceability for profile v0.1: every normative statement of the v0.1 sources (AUTH.md, the two
 * guides at workos/auth.md 0910d09) and of the RFC sections the catalogue relies on, quoted briefly
 * with its section, mapped to the checks that test it, or excluded with a reason, or marked `todo`
 * (observable, but no check yet). `requirements --coverage` reports the share covered:
 * covered / (total − excluded). A test asserts every check id and lint rule named here exists.
 *
 * Statement ids: AM-* AUTH.md, SR-* agent-services/README.md, PR-* agent-providers/README.md,
 * RFC<n>-*, IDJAG-DRAFT-*, BCL-*, NIST-*. Ids are stable; add new ones at the end of a group.
 */
export interface TraceStatement {
  id: string;
  source: string;
  section: string;
  /** A brief quote (or close paraphrase, marked "≈") of the statement. */
  quote: string;
  /** Conformance checks that test it. */
  checks?: readonly string[];
  /** `lint` rules that check it (document-quality statements). */
  lint?: readonly string[];
  /** Why no check can or should test it. */
  excluded?: string;
  /** Observable but not covered yet: what a check would need. */
  todo?: string;
}

const AGENT = "instruction to the agent: no service behaviour to observe";
const INTERNAL = "internal to the service: not observable from outside";
const POLICY = "policy choice left to the service";
const PROVIDER = "obligation of the agent provider (the harness plays the provider)";
const OPERATOR = "operator-facing: not reachable through the protocol";
const AUDIT = "audit/observability recommendation: not exposed through the protocol";

type Mapping = Pick<TraceStatement, "checks" | "lint" | "excluded" | "todo">;

const AM = "AUTH.md";
const SR = "agent-services/README.md";
const PR = "agent-providers/README.md";

const s = (id: string, source: string, section: string, quote: string, mapping: Mapping): TraceStatement => ({ id, source, section, quote, ...mapping });
const checks = (...ids: string[]): Mapping => ({ checks: ids });

export const traceabilityV01: readonly TraceStatement[] = [
  // ── AUTH.md ────────────────────────────────────────────────────────────────────────────────
  s("AM-INTRO-01", AM, "# auth.md", "This service supports agentic registration: discover → register → (claim) → call API → handle revocation", checks("DISC-AUTHMD-01", "DISC-AUTHMD-02", "DISC-AUTHMD-03")),
  s("AM-INTRO-02", AM, "# auth.md", "Examples use placeholder hosts … Real services substitute their own", { lint: ["LINT-PLACEHOLDER", "LINT-META-URLS"] }),
  s("AM-INTRO-03", AM, "# auth.md", "Follow the steps in order; do not skip ahead", { excluded: AGENT }),
  s("AM-STRUCT-01", AM, "Steps 1–5, Errors, Revocation", "≈ the document is organised as Step 1–5, Errors and Revocation", { checks: ["DISC-AUTHMD-04"], lint: ["LINT-SECTIONS"] }),
  s("AM-1-01", AM, "Step 1 — Discover", "The 401 response … carries a WWW-Authenticate header with the PRM URL", checks("DISC-401-01", "DISC-401-02", "DISC-401-03")),
  s("AM-1-02", AM, "Step 1 — Discover", "the conventional path on the resource server is /.well-known/oauth-protected-resource", checks("DISC-PRM-01")),
  s("AM-1A-01", AM, "1a", "PRM response shape: resource, authorization_servers, scopes_supported, bearer_methods_supported", checks("DISC-PRM-02", "DISC-PRM-03", "DISC-PRM-05")),
  s("AM-1A-02", AM, "1a", "`resource` — … Use this as the aud when minting an ID-JAG", checks("IDJAG-AUD-03")),
  s("AM-1A-03", AM, "1a", "`resource_name` / `resource_logo_uri` — … Surface these to the user when asking for consent", { excluded: AGENT }),
  s("AM-1A-04", AM, "1a", "`scopes_supported` — … The credential you receive will be scoped to some subset", checks("IDJAG-BASE-03")),
  s("AM-1A-05", AM, "1a", "`bearer_methods_supported` — how you'll send the credential (\"header\" = Authorization: Bearer)", checks("DISC-PRM-05", "IDJAG-BASE-02")),
  s("AM-1B-01", AM, "1b", "GET <authorization_servers[0]>/.well-known/oauth-authorization-server", checks("DISC-AS-01")),
  s("AM-1B-02", AM, "1b", "The outer fields restate the PRM", checks("DISC-AS-03")),
  s("AM-1B-03", AM, "1b", "`skill` — the URL of this document", checks("DISC-AA-01", "DISC-AUTHMD-01")),
  s("AM-1B-04", AM, "1b", "`register_uri` — where you POST to register", checks("DISC-AA-01", "DISC-AA-02", "DISC-EP-01")),
  s("AM-1B-05", AM, "1b", "`claim_uri` — where you POST the claim invite (anonymous flow only)", checks("DISC-AA-01", "DISC-EP-01", "ANON-02")),
  s("AM-1B-06", AM, "1b", "`revocation_uri` — where the provider POSTs a logout+jwt", checks("DISC-AA-01", "DISC-EP-01", "REV-01")),
  s("AM-1B-07", AM, "1b", "`identity_types_supported` — which registration methods this service accepts", checks("DISC-AA-03", "DISC-AA-04", "IDJAG-OFF-01")),
  s("AM-1B-08", AM, "1b", "`anonymous.credential_types_supported` — credential shapes available when registering anonymously", checks("DISC-AA-03", "ANON-06")),
  s("AM-1B-09", AM, "1b", "`identity_assertion.assertion_types_supported` — which assertion types this service accepts", checks("DISC-AA-04", "IDJAG-OFF-01")),
  s("AM-1B-10", AM, "1b", "`identity_assertion.credential_types_supported` — credential shapes available with an assertion", checks("IDJAG-BASE-01", "IDJAG-CRED-01")),
  s("AM-1B-11", AM, "1b", "`events_supported` — security event schemas this service can ingest (currently revocation)", checks("DISC-AA-04")),
  s("AM-2-01", AM, "Step 2 — Pick a method", "Use this decision tree: ID-JAG → identity_assertion + id-jag; only email → + email; neither → anonymous", { excluded: AGENT }),
  s("AM-2-02", AM, "Step 2 — Pick a method", "If the matching *_supported array doesn't list your method, this service won't accept that registration shape", checks("IDJAG-OFF-01", "ANON-06")),
  s("AM-2-03", AM, "Step 2 — Pick a method", "≈ the document describes each method the metadata advertises", { checks: ["DISC-AA-05"], lint: ["LINT-META-FLOWS"] }),
  s("AM-3-01", AM, "Step 3 — Register", "Before sending an identity_assertion … confirm with the user. This is the user's only consent gate", { excluded: AGENT }),
  s("AM-3-02", AM, "identity_assertion + id-jag", "confirm your provider is on this service's trust list (publishing format is service-specific)", checks("IDJAG-ISS-01")),
  s("AM-3-03", AM, "identity_assertion + id-jag", "`aud` = the `resource` from the PRM", checks("IDJAG-AUD-03")),
  s("AM-3-04", AM, "identity_assertion + id-jag", "`iss` = your provider's issuer URL (must be on the trust list above)", checks("IDJAG-ISS-01", "IDJAG-ISS-02")),
  s("AM-3-05", AM, "identity_assertion + id-jag", "`email_verified: true` OR `phone_number_verified: true`", checks("IDJAG-VER-01", "IDJAG-VER-03")),
  s("AM-3-06", AM, "identity_assertion + id-jag", "Fresh `jti`", checks("RPL-01", "RPL-02")),
  s("AM-3-07", AM, "identity_assertion + id-jag", "Near-term `exp` (~5 minutes)", checks("IDJAG-EXP-01")),
  s("AM-3-08", AM, "identity_assertion + id-jag", "Response (200): registration_id, registration_type agent-provider, credential_type, credential, credential_expires, scopes", checks("IDJAG-BASE-01")),
  s("AM-3-09", AM, "identity_assertion + email", "Response (200): registration_type email-verification, claim_url, claim_token, claim_token_expires, post_claim_scopes", checks("VEM-01")),
  s("AM-3-10", AM, "identity_assertion + email", "There is no credential yet. The service has already emailed the user", checks("VEM-02", "MAIL-01")),
  s("AM-3-11", AM, "identity_assertion + email / anonymous", "`claim_token` is returned exactly once", { todo: "no check asserts that no later response (claim, complete, API) repeats a claim_token" }),
  s("AM-3-12", AM, "anonymous", "Response (200): api_key credential, scopes, claim_url, claim_token, claim_token_expires, post_claim_scopes", checks("ANON-01")),
  s("AM-3-13", AM, "anonymous", "You have a usable credential immediately at pre-claim scopes", checks("SCO-01", "SCO-02", "SCO-07")),
  s("AM-4A-01", AM, "4a", "Skip this for email registrations — the email was sent during Step 3", checks("VEM-06", "MAIL-01")),
  s("AM-4A-02", AM, "4a", "POST /agent/auth/claim {claim_token, email} → 200 {registration_id, claim_attempt_id, status initiated, expires_at}", checks("ANON-02", "MAIL-02")),
  s("AM-4B-01", AM, "4b", "The user receives an email, clicks the link, sees a 6-digit OTP", checks("MAIL-02", "OTP-01")),
  s("AM-4B-02", AM, "4b", "Surface this in your agent UI: \"Check your email and tell me the 6-digit code.\"", { excluded: AGENT }),
  s("AM-4C-01", AM, "4c", "Response on success (anonymous): { registration_id, status: claimed }", checks("ANON-04")),
  s("AM-4C-02", AM, "4c", "Your existing pre-claim API key keeps working — its scope set is upgraded in place. No new credential is issued", checks("SCO-05", "ANON-04")),
  s("AM-4C-03", AM, "4c", "Response on success (email-verification): status claimed with credential_type, credential, credential_expires, scopes", checks("VEM-03", "VEM-04")),
  s("AM-5-01", AM, "Step 5", "Whether access_token or api_key, present as a bearer token", checks("IDJAG-BASE-02", "SCO-01", "VEM-04")),
  s("AM-5-02", AM, "Step 5", "access_token from an ID-JAG: … There is no refresh flow", checks("IDJAG-BASE-04")),
  s("AM-5-03", AM, "Step 5", "access_token from a claim ceremony: when it expires, re-run the ceremony", { todo: "an access_token past credential_expires answers 401 (needs clock control; test catalogue SCO-05)" }),
  s("AM-5-04", AM, "Step 5", "api_key: typically no expiry (credential_expires: null), but still subject to revocation", checks("REV-01")),
  s("AM-5-05", AM, "Step 5", "If you get a 401 on a previously-working credential: drop it, restart at Step 1", { excluded: AGENT }),
  s("AM-ERR-01", AM, "Errors", "`invalid_signature` — Signature didn't verify", checks("SIG-01", "SIG-03", "IDJAG-VOC-01")),
  s("AM-ERR-02", AM, "Errors", "`replay_detected` — jti already used", checks("RPL-01", "RPL-02")),
  s("AM-ERR-03", AM, "Errors", "`audience_mismatch` — aud wrong (this service's AS base URL)", checks("IDJAG-AUD-01", "IDJAG-AUD-03", "IDJAG-CODE-01")),
  s("AM-ERR-04", AM, "Errors", "`credential_expired` — ID-JAG exp is past", checks("IDJAG-EXP-01", "IDJAG-CODE-01")),
  s("AM-ERR-05", AM, "Errors", "`anonymous_not_enabled` — This service doesn't accept anonymous", checks("IDJAG-OFF-01")),
  s("AM-ERR-06", AM, "Errors", "`verified_email_not_enabled` — Email verification disabled here", checks("IDJAG-OFF-01")),
  s("AM-ERR-07", AM, "Errors", "`issuer_not_enabled` — Provider not on this service's trust list", checks("IDJAG-ISS-01", "IDJAG-CODE-01")),
  s("AM-ERR-08", AM, "Errors", "`unsupported_credential_type` — Requested credential not supported for this method", checks("IDJAG-CRED-01", "ANON-06")),
  s("AM-ERR-09", AM, "Errors", "`rate_limited` (429) — any: Back off and retry", checks("RATE-01")),
  s("AM-ERR-10", AM, "Errors", "`invalid_claim_token` — claim_token wrong or expired", checks("CLM-02", "VEM-05")),
  s("AM-ERR-11", AM, "Errors", "`otp_invalid` — OTP mismatch", checks("OTP-06")),
  s("AM-ERR-12", AM, "Errors", "`otp_expired` — OTP window passed", { todo: "correct OTP after its expiry → otp_expired (needs clock control; test catalogue OTP-04)" }),
  s("AM-ERR-13", AM, "Errors", "`claim_expired` — The whole registration expired", { todo: "claim after claim_token_expires → claim_expired (needs clock control; test catalogue CT-01)" }),
  s("AM-ERR-14", AM, "Errors", "`previously_claimed` — Someone already finished this claim", checks("OTP-05", "VEM-05", "ANON-05")),
  s("AM-ERR-15", AM, "Errors", "≈ the manifest's error table lists these codes", { lint: ["LINT-ERRORS-TABLE"] }),
  s("AM-ERR-16", AM, "Errors — retry policy", "5xx → backoff and retry; 4xx → do not retry the same payload", { excluded: AGENT }),
  s("AM-REV-01", AM, "Revocation", "the provider … can POST a logout+jwt to this service's revocation_uri. Your credential will be invalidated … next API call returning 401", checks("REV-01")),
  s("AM-REV-02", AM, "Revocation", "Email / anonymous flows: there is no agent-facing revoke endpoint", { excluded: "states the absence of an endpoint; nothing to test" }),

  // ── agent-services/README.md ───────────────────────────────────────────────────────────────
  s("SR-MIN-1", SR, "Minimum Consumer Implementation", "Publish .well-known/oauth-protected-resource (resource + authorization_servers) and .well-known/oauth-authorization-server (agent_auth)", checks("DISC-PRM-01", "DISC-AS-01", "DISC-AA-01")),
  s("SR-MIN-2", SR, "Minimum Consumer Implementation", "Return WWW-Authenticate: Bearer resource_metadata=\"...\" on 401 responses", checks("DISC-401-01", "DISC-401-02")),
  s("SR-MIN-3", SR, "Minimum Consumer Implementation", "Host a /agent/auth endpoint that dispatches on type", checks("IDJAG-BASE-01", "VEM-01", "ANON-01")),
  s("SR-MIN-4", SR, "Minimum Consumer Implementation", "Maintain a trust list of agent providers", checks("IDJAG-ISS-01")),
  s("SR-MIN-5", SR, "Minimum Consumer Implementation", "Verify ID-JAG signatures against the provider's JWKS and enforce claim checks", checks("SIG-01", "SIG-10")),
  s("SR-MIN-6", SR, "Minimum Consumer Implementation", "Issue credentials of the configured type (access_token or api_key)", checks("IDJAG-BASE-01", "VEM-03")),
  s("SR-MIN-7", SR, "Minimum Consumer Implementation", "Accept revocation logout tokens at the advertised revocation_uri", checks("REV-01")),
  s("SR-MIN-8", SR, "Minimum Consumer Implementation", "Record audit events for every state change in the flow", { excluded: AUDIT }),
  s("SR-PUB-01", SR, "Publishing the Discovery Documents", "The PRM (per RFC 9728) advertises the resource and points at the Authorization Server", checks("DISC-PRM-02", "DISC-PRM-03")),
  s("SR-PUB-02", SR, "Publishing the Discovery Documents", "The Authorization Server metadata … carries the agent_auth block describing supported flows", checks("DISC-AA-01")),
  s("SR-PUB-03", SR, "Publishing the Discovery Documents", "Advertise the identity types and assertion types your service accepts", checks("DISC-AA-03", "IDJAG-OFF-01")),
  s("SR-PUB-04", SR, "Publishing the Discovery Documents", "On any 401 from your API, include the discovery hint", checks("DISC-401-01", "DISC-401-02")),
  s("SR-PUB-05", SR, "Publishing the Discovery Documents", "Consider also publishing an auth.md at your root … that points back at the PRM", checks("DISC-AUTHMD-01", "DISC-AUTHMD-05")),
  s("SR-HOST-01", SR, "Hosting the /agent/auth Endpoint", "All requests scope to a single tenant / environment; how the service resolves that scope is up to the implementation", { excluded: POLICY }),
  s("SR-IA-1", SR, "type: identity_assertion, step 1", "Decode the ID-JAG header to obtain kid and alg", checks("SIG-02", "SIG-06")),
  s("SR-IA-2", SR, "type: identity_assertion, step 2", "Look up the issuer (iss) in your trusted providers list. Reject if unknown", checks("IDJAG-ISS-01", "IDJAG-ISS-02")),
  s("SR-IA-3", SR, "type: identity_assertion, step 3", "Fetch JWKS from the provider", checks("SIG-09")),
  s("SR-IA-4", SR, "type: identity_assertion, step 4", "Verify the signature using the key matching kid", checks("SIG-01", "SIG-03", "SIG-04", "SIG-05", "SIG-10")),
  s("SR-IA-5A", SR, "type: identity_assertion, step 5", "aud matches your auth server", checks("IDJAG-AUD-01", "IDJAG-AUD-02", "IDJAG-AUD-04")),
  s("SR-IA-5B", SR, "type: identity_assertion, step 5", "exp is future", checks("IDJAG-EXP-01", "IDJAG-EXP-03")),
  s("SR-IA-5C", SR, "type: identity_assertion, step 5", "iat is not unreasonably future", checks("IDJAG-IAT-02")),
  s("SR-IA-5D", SR, "type: identity_assertion, step 5", "jti has not been seen recently", checks("RPL-01", "RPL-02")),
  s("SR-IA-5E", SR, "type: identity_assertion, step 5", "client_id resolves to a known provider identity", checks("IDJAG-CID-01", "IDJAG-CID-02")),
  s("SR-IA-5F", SR, "type: identity_assertion, step 5", "at least one of email_verified or phone_number_verified is true", checks("IDJAG-VER-01", "IDJAG-VER-02", "IDJAG-VER-03")),
  s("SR-IA-6", SR, "type: identity_assertion, step 6", "Match or provision the user", { excluded: `${POLICY} (user matching and JIT provisioning)` }),
  s("SR-IA-7", SR, "type: identity_assertion, step 7", "Issue credentials of the requested type", checks("IDJAG-BASE-01")),
  s("SR-IA-8", SR, "type: identity_assertion", "Access tokens issued from ID-JAG verification must not include a refresh token", checks("IDJAG-BASE-04")),
  s("SR-IA-9", SR, "type: identity_assertion", "Error response (400) { error, message }; supported codes invalid_issuer … unsupported_credential_type", checks("IDJAG-VOC-01", "IDJAG-ISS-01", "IDJAG-AUD-01", "IDJAG-EXP-01", "IDJAG-CID-02", "IDJAG-VER-01", "IDJAG-CODE-01")),
  s("SR-IA-10", SR, "type: identity_assertion", "insufficient_user_authentication (RFC 9470 — auth context didn't meet policy)", { excluded: `${POLICY} (authentication-context policy)` }),
  s("SR-AN-1", SR, "type: anonymous, step 1", "Apply rate limits", checks("RATE-01")),
  s("SR-AN-2", SR, "type: anonymous, step 2", "Create the principal … Flag it as agent-created", { excluded: INTERNAL }),
  s("SR-AN-3", SR, "type: anonymous, step 3", "Issue an API key scoped to your configured pre-claim (untrusted) permissions", checks("ANON-01", "SCO-01", "SCO-02", "SCO-07")),
  s("SR-AN-4A", SR, "type: anonymous, step 4", "Generate a claim token (prefixed, high-entropy — e.g. clm_ + 25 chars base62)", checks("FUZZ-CT-ENTROPY-01")),
  s("SR-AN-4B", SR, "type: anonymous, step 4", "Store only its SHA-256 hash. Return the plaintext exactly once", { excluded: INTERNAL }),
  s("SR-AN-5", SR, "type: anonymous, step 5", "Schedule an expiration job at the registration's TTL to revoke the API key and mark the claim expired", { todo: "unclaimed key refused after claim_token_expires (needs clock control; test catalogue CT-01)" }),
  s("SR-VE-1", SR, "type: identity_assertion (verified email), step 1", "Create a registration row marked as email-verification", checks("VEM-01")),
  s("SR-VE-2", SR, "type: identity_assertion (verified email), step 2", "Generate a claim_token and a claim_attempt_token (delivered in the email link). Store SHA-256 hashes of both", checks("MAIL-01", "MAIL-04")),
  s("SR-VE-3", SR, "type: identity_assertion (verified email), step 3", "Email the user a link to a server-rendered claim page. The page POSTs to /agent/auth/claim/attempt/challenge", checks("MAIL-01", "OTP-01")),
  s("SR-VE-4", SR, "type: identity_assertion (verified email), step 4", "Return the claim handles — but no credential", checks("VEM-02")),
  s("SR-VER-01", SR, "Verifying ID-JAGs", "A compliant ID-JAG header is { typ: oauth-id-jag+jwt, alg, kid }", checks("IDJAG-TYP-01", "IDJAG-TYP-02")),
  s("SR-VER-02", SR, "Verifying ID-JAGs", "The body includes iss, sub, aud, client_id, jti, iat, exp, and identity claims", checks("IDJAG-ISS-02", "IDJAG-SUB-01", "IDJAG-AUD-01", "IDJAG-CID-01", "IDJAG-JTI-01", "IDJAG-IAT-01", "IDJAG-EXP-03")),
  s("SR-VER-03", SR, "Verifying ID-JAGs — Trust list", "Treat this list as security-critical configuration", { excluded: OPERATOR }),
  s("SR-VER-04", SR, "Verifying ID-JAGs — JWKS fetching", "On kid cache miss, refetch once before rejecting", checks("SIG-08", "SIG-09")),
  s("SR-VER-05", SR, "Verifying ID-JAGs — JWKS fetching", "cache per the response's Cache-Control, with a floor (10 min) and ceiling (24 h)", { todo: "a key removed from the JWKS stops verifying within the ceiling (needs clock control; test catalogue SIG-10)" }),
  s("SR-VER-06", SR, "Verifying ID-JAGs — CIMD resolution", "If client_id is a URL, fetch it as a CIMD and verify its jwks_uri matches", { todo: "CIMD checks (test catalogue IDJAG-CID-02..05) are not in the catalogue yet" }),
  s("SR-VER-07", SR, "Verifying ID-JAGs — Replay protection", "Keep a cache of seen jti values … Reject on collision with replay_detected", checks("RPL-01", "RPL-02", "RPL-03")),
  s("SR-VER-08", SR, "Verifying ID-JAGs — Clock skew", "Accept iat up to ~1–2 minutes in the future", checks("IDJAG-IAT-02", "IDJAG-EXP-02")),
  s("SR-UM-01", SR, "User Matching and JIT Provisioning", "Recommended resolution order: delegation record, verified email, verified phone, JIT", { excluded: POLICY }),
  s("SR-UM-02", SR, "User Matching and JIT Provisioning", "Reject ID-JAGs with neither a verified email nor a verified phone", checks("IDJAG-VER-01")),
  s("SR-OTP-01", SR, "OTP Claim Flow", "Anonymous: email at /agent/auth/claim, /complete returns status only; verified-email: email at registration, /complete returns a fresh credential", checks("ANON-04", "VEM-03", "MAIL-01", "MAIL-02")),
  s("SR-CLM-01", SR, "POST /agent/auth/claim", "Anonymous-only. Verified-email registrations skip this step", checks("VEM-06")),
  s("SR-CLM-02", SR, "POST /agent/auth/claim", "Response (200): registration_id, claim_attempt_id, status initiated, expires_at", checks("ANON-02")),
  s("SR-CLM-03", SR, "POST /agent/auth/claim", "A new claim_attempt_id is minted each time a fresh attempt is initiated; registration_id stays stable", checks("ANON-03")),
  s("SR-CLM-04", SR, "POST /agent/auth/claim", "Reject if not found (invalid_claim_token)", checks("CLM-02")),
  s("SR-CLM-05", SR, "POST /agent/auth/claim", "Reject if already claimed (claimed_or_in_flight)", checks("ANON-05")),
  s("SR-CLM-06", SR, "POST /agent/auth/claim", "Reject if expired (claim_expired)", { todo: "needs clock control (test catalogue CT-01)" }),
  s("SR-CLM-07", SR, "POST /agent/auth/claim", "Mint a claim_attempt_token … email the user a link that includes the plaintext token", checks("MAIL-02")),
  s("SR-CLM-08", SR, "POST /agent/auth/claim", "Communicate to the user that an agent is requesting ownership, and make it easy to reject", { excluded: "wording of the mail and page for humans: not judged by the suite" }),
  s("SR-CH-01", SR, "POST /agent/auth/claim/attempt/challenge", "Gating OTP minting behind a POST keeps the email link safe to fetch", checks("OTP-04")),
  s("SR-CH-02", SR, "POST /agent/auth/claim/attempt/challenge", "Production deployments should gate this endpoint with a HAK session (or equivalent user-binding signal)", { excluded: "deployment policy; the harness plays the user without a session" }),
  s("SR-CH-03", SR, "POST /agent/auth/claim/attempt/challenge", "Response (200): { type: otp, challenge, expires_at }", checks("OTP-01", "OTP-02")),
  s("SR-CH-04", SR, "POST /agent/auth/claim/attempt/challenge", "400 invalid_request — Malformed body", checks("CLM-02")),
  s("SR-CH-05", SR, "POST /agent/auth/claim/attempt/challenge", "410 claim_superseded — Token invalid or rotated by a newer attempt", checks("CLM-05")),
  s("SR-CH-06", SR, "POST /agent/auth/claim/attempt/challenge", "409 claim_completed — Registration already claimed", checks("VEM-05")),
  s("SR-CH-07", SR, "POST /agent/auth/claim/attempt/challenge", "410 claim_expired — Claim window has closed", { todo: "needs clock control (test catalogue CT-01)" }),
  s("SR-CH-08", SR, "POST /agent/auth/claim/attempt/challenge", "Calling this endpoint again … mints a fresh OTP and invalidates the prior one", checks("OTP-03")),
  s("SR-CO-01", SR, "POST /agent/auth/claim/complete", "Response (200) for anonymous: { registration_id, status: claimed }; for verified-email: with a credential", checks("ANON-04", "VEM-03")),
  s("SR-CO-02", SR, "POST /agent/auth/claim/complete", "Reject with otp_invalid (401)", checks("OTP-06", "CLM-01")),
  s("SR-CO-03", SR, "POST /agent/auth/claim/complete", "Reject with previously_claimed (409)", checks("OTP-05", "VEM-05")),
  s("SR-CO-04", SR, "POST /agent/auth/claim/complete", "Reject with otp_expired (410)", { todo: "needs clock control (test catalogue OTP-04)" }),
  s("SR-CO-05", SR, "POST /agent/auth/claim/complete", "Reject with claim_expired (410)", { todo: "needs clock control (test catalogue CT-01)" }),
  s("SR-CO-06", SR, "POST /agent/auth/claim/complete", "For anonymous: … replace its scope set with post_claim_scopes, and don't rotate the token", checks("SCO-05", "ANON-04")),
  s("SR-CO-07", SR, "POST /agent/auth/claim/complete", "For verified-email: issue a fresh credential of the type requested at registration", checks("VEM-03", "SCO-06")),
  s("SR-CO-08", SR, "POST /agent/auth/claim/complete", "Emit claim.confirmed", { excluded: AUDIT }),
  s("SR-CO-09", SR, "POST /agent/auth/claim/complete", "For higher-security tenants, offer a forced-rotation opt-in", { excluded: POLICY }),
  s("SR-REV-01", SR, "Revocation", "Accept logout tokens at the revocation_uri advertised in your discovery document (Content-Type application/logout+jwt)", checks("REV-01", "DISC-EP-01")),
  s("SR-REV-02", SR, "Revocation", "Verify the logout token's signature against the issuer's JWKS", checks("REV-04", "REV-06")),
  s("SR-REV-03", SR, "Revocation", "Enforce jti uniqueness for replay protection", checks("REV-11")),
  s("SR-REV-04", SR, "Revocation", "Find all credentials issued for (iss, sub, aud) and invalidate them", checks("REV-01", "REV-02", "REV-03")),
  s("SR-REV-05", SR, "Revocation", "Return 200 on success, 400 on verification failure", checks("REV-01", "REV-04", "REV-05", "REV-06", "REV-07")),
  s("SR-RL-01", SR, "Rate Limiting", "Per-IP limit (checked first). Sensible default: 5/hour anonymous, 60/hour identity_assertion", checks("RATE-01")),
  s("SR-RL-02", SR, "Rate Limiting", "Per-tenant limit (checked second)", { excluded: "a tenant-wide cap cannot be reached politely from one client within the request budget" }),
  s("SR-RL-03", SR, "Rate Limiting", "Fail open on store errors … If no IP is available, skip the per-IP check", { excluded: INTERNAL }),
  s("SR-AUD-01", SR, "Recommended Audit Events", "Record registration.created, claim.requested, otp.generated, claim.confirmed, registration.expired, registration.revoked", { excluded: AUDIT }),
  s("SR-SEC-01", SR, "Security Considerations — Token hashing", "Plaintext leaves the server exactly once: claim_token in the response, claim_attempt_token in the email link, OTP on the view page", checks("CLM-03", "MAIL-04")),
  s("SR-SEC-02", SR, "Security Considerations — OTP entropy + TTL", "Default to a short TTL (≤10 min)", checks("OTP-02")),
  s("SR-SEC-03", SR, "Security Considerations — OTP entropy + TTL", "Use a CSPRNG for the OTP", checks("FUZZ-OTP-UNIFORM-01", "FUZZ-OTP-FORMAT-01")),
  s("SR-SEC-04", SR, "Security Considerations — OTP entropy + TTL", "tight per-claim retry limits — 6-digit codes are guess-bounded only by lockout", checks("FUZZ-OTP-LOCK-01", "FUZZ-OTP-WRONG-01")),
  s("SR-SEC-05", SR, "Security Considerations — IP logging", "Capture IPs at registration, claim, and complete for audit trail", { excluded: AUDIT }),
  s("SR-SEC-06", SR, "Security Considerations — Scope on /claim and /complete", "must resolve to a tenant / environment, and reject tokens that don't belong to that scope", { excluded: "needs two tenants of the target; the suite sees one" }),
  s("SR-SEC-07", SR, "Security Considerations — Key reuse across the claim boundary", "Offer forced rotation as an opt-in for security-sensitive tenants", { excluded: POLICY }),
  s("SR-SEC-08", SR, "Security Considerations — Bulk revocation", "Provide an operator-facing mechanism to revoke all outstanding agent credentials", { excluded: OPERATOR }),
  s("SR-SEC-09", SR, "Security Considerations — Assertion replay", "A shared store is required if /agent/auth runs across multiple replicas", { excluded: "replicas are not visible from outside (RPL-01/02 test the single entry point)" }),
  s("SR-SEC-10", SR, "Security Considerations — Trust list discipline", "Changes should be audited and rolled out with the same care as any auth config change", { excluded: OPERATOR }),

  // ── agent-providers/README.md ──────────────────────────────────────────────────────────────
  s("PR-MIN-1", PR, "Minimum Agent Provider Implementation", "Enable agents to exchange their sessions for ID-JAG tokens upon user consent", { excluded: PROVIDER }),
  s("PR-MIN-2", PR, "Minimum Agent Provider Implementation", "Host discovery documents (JWKS, CIMD) that enable downstream services to validate the ID-JAGs", { excluded: PROVIDER }),
  s("PR-MIN-3", PR, "Minimum Agent Provider Implementation", "Direct agents to introspect the agent_auth block", { excluded: PROVIDER }),
  s("PR-DISC-01", PR, "Discovering Agent Auth", "Services can also publish an auth.md document that includes at least a breadcrumb to the protected resource document", { checks: ["DISC-AUTHMD-05"], lint: ["LINT-PRM-LINK"] }),
  s("PR-DISC-02", PR, "Discovering Agent Auth", "On any 401, the resource server includes a WWW-Authenticate: Bearer resource_metadata=\"...\" header", checks("DISC-401-01", "DISC-401-02")),
  s("PR-DISC-03", PR, "Discovering Agent Auth", "AS metadata at <authorization_servers[0]>/.well-known/oauth-authorization-server — where the agent_auth block lives", checks("DISC-AS-01", "DISC-AA-01")),
  s("PR-MINT-01", PR, "Minting the Identity Assertion", "required: iss, sub, aud, client_id, jti, iat, exp (iat + 5m), email, email_verified", { excluded: `${PROVIDER}; the service side is SR-VER-02` }),
  s("PR-MINT-02", PR, "Minting the Identity Assertion", "\"aud\": \"https://auth.service.example.com\" (the authorization server)", checks("IDJAG-AUD-03")),
  s("PR-HOST-01", PR, "Hosted Discovery Documents", "agent providers must publish … JWKS, usually at .well-known/jwks.json", { excluded: PROVIDER }),
  s("PR-HOST-02", PR, "Hosted Discovery Documents", "Optional: … host a CIMD and use the URI as the client_id", { excluded: `${PROVIDER}; the service side is SR-VER-06` }),
  s("PR-ACQ-01", PR, "Acquiring Credentials", "200 Response (access_token | api_key): registration_type agent-provider, credential, credential_expires, scopes", checks("IDJAG-BASE-01")),
  s("PR-ACQ-02", PR, "Acquiring Credentials", "The spec supports both access_token and api_key credentials, with implementation up to the service", checks("IDJAG-CRED-01")),
  s("PR-ACQ-03", PR, "Acquiring Credentials", "access tokens returned from ID-JAG verification should not include a refresh token", checks("IDJAG-BASE-04")),
  s("PR-ERR-01", PR, "Errors", "`invalid_issuer` — Token iss isn't in the service's trusted providers list", checks("IDJAG-ISS-01", "IDJAG-CODE-01")),
  s("PR-ERR-02", PR, "Errors", "`invalid_signature` — JWKS lookup failed or the signature didn't verify", checks("SIG-01", "SIG-08")),
  s("PR-ERR-03", PR, "Errors", "`expired` — exp is in the past", checks("IDJAG-EXP-01", "IDJAG-CODE-01")),
  s("PR-ERR-04", PR, "Errors", "`replay_detected` — jti has already been seen within the replay window", checks("RPL-01")),
  s("PR-ERR-05", PR, "Errors", "`invalid_audience` — aud doesn't match the service's auth server", checks("IDJAG-AUD-01", "IDJAG-CODE-01")),
  s("PR-ERR-06", PR, "Errors", "`invalid_client_id` — client_id doesn't resolve to a known provider identity", checks("IDJAG-CID-02")),
  s("PR-ERR-07", PR, "Errors", "`missing_verified_email` — Neither email_verified nor phone_number_verified is true", checks("IDJAG-VER-01")),
  s("PR-ERR-08", PR, "Errors", "`unsupported_credential_type` — Requested credential type isn't offered by the service", checks("IDJAG-CRED-01")),
  s("PR-ERR-09", PR, "Errors", "`insufficient_user_authentication` — Auth context didn't meet policy", { excluded: POLICY }),
  s("PR-DOWN-01", PR, "Downstream Verification", "Services will maintain a list of trusted agent providers", checks("IDJAG-ISS-01")),
  s("PR-DOWN-02", PR, "Downstream Verification", "match on (iss, sub) and then email/phone for JIT provisioning", { excluded: POLICY }),
  s("PR-DOWN-03", PR, "Downstream Verification", "Services will reject ID-JAGs with neither a verified email nor a verified phone number", checks("IDJAG-VER-01")),
  s("PR-DOWN-04", PR, "Downstream Verification", "it will return credentials of the requested type", checks("IDJAG-BASE-01")),
  s("PR-REV-01", PR, "Tracking and Revocation", "The discovery document and the API response both contain the endpoint for revoking the assertion", checks("DISC-AA-01")),
  s("PR-REV-02", PR, "Tracking and Revocation", "logout token {typ logout+jwt; iss, sub, aud, jti, iat, events{revoked}}; receiving services invalidate credentials", checks("REV-01", "REV-07", "REV-13", "REV-14")),
  s("PR-REV-03", PR, "Tracking and Revocation", "agent providers will want to track the services to which identity assertions have been delegated", { excluded: PROVIDER }),

  // ── RFCs and drafts the catalogue relies on ───────────────────────────────────────────────
  s("RFC9728-2-01", "RFC 9728", "§2", "resource: REQUIRED … URL that uses the https scheme and has no fragment", checks("DISC-PRM-02")),
  s("RFC9728-2-02", "RFC 9728", "§2", "authorization_servers: OPTIONAL JSON array of issuer identifiers (v0.1 discovery needs it)", checks("DISC-PRM-03")),
  s("RFC9728-2-03", "RFC 9728", "§2", "bearer_methods_supported / scopes_supported", checks("DISC-PRM-05")),
  s("RFC9728-3.2-01", "RFC 9728", "§3.2", "A successful response MUST use the 200 OK status code and return a JSON object using application/json", checks("DISC-PRM-01")),
  s("RFC9728-3.3-01", "RFC 9728", "§3.3", "The resource value returned MUST be identical to the protected resource's resource identifier value", checks("DISC-PRM-04")),
  s("RFC9728-5.1-01", "RFC 9728", "§5.1", "resource_metadata parameter of WWW-Authenticate holds the URL of the protected resource metadata", checks("DISC-401-01", "DISC-401-02", "DISC-401-03")),
  s("RFC9728-7.1-01", "RFC 9728", "§7.1", "Implementations MUST support TLS … (metadata over https)", { todo: "plain-http requests refused or redirected (test catalogue HTTP-04)" }),
  s("RFC8414-2-01", "RFC 8414", "§2", "issuer: REQUIRED", checks("DISC-AS-04")),
  s("RFC8414-3-01", "RFC 8414", "§3", "metadata at the well-known URI derived from the issuer; 200 with a JSON object", checks("DISC-AS-01")),
  s("RFC8414-3.3-01", "RFC 8414", "§3.3", "The issuer value returned MUST be identical to the authorization server's issuer identifier", checks("DISC-AS-02")),
  s("RFC8414-2-02", "RFC 8414", "§2", "endpoint URLs are absolute https URLs", checks("DISC-AA-02")),
  s("RFC6750-3.1-01", "RFC 6750", "§3.1", "invalid_token: the access token provided is expired, revoked, malformed, or invalid (401)", checks("DISC-401-04")),
  s("RFC6750-3.1-02", "RFC 6750", "§3.1", "insufficient_scope: the request requires higher privileges (403)", checks("SCO-03")),
  s("RFC6749-5.1-01", "RFC 6749", "§5.1", "The authorization server MUST include Cache-Control: no-store in any response containing tokens", checks("IDJAG-BASE-05", "CLM-04")),
  s("RFC9110-15.5.2-01", "RFC 9110", "§15.5.2", "The server generating a 401 response MUST send a WWW-Authenticate header field", checks("DISC-401-01", "DISC-401-02")),
  s("RFC7519-4.1.3-01", "RFC 7519", "§4.1.3", "If the principal … does not identify itself with a value in the aud claim … the JWT MUST be rejected", checks("IDJAG-AUD-01", "IDJAG-AUD-04", "IDJAG-AUD-05")),
  s("RFC7519-4.1.4-01", "RFC 7519", "§4.1.4", "The current date/time MUST be before the expiration date/time listed in the exp claim", checks("IDJAG-EXP-01", "IDJAG-EXP-02", "IDJAG-EXP-03")),
  s("RFC7519-4.1.5-01", "RFC 7519", "§4.1.5", "The current date/time MUST be after or equal to the not-before date/time listed in the nbf claim", checks("IDJAG-NBF-01")),
  s("RFC7519-4-01", "RFC 7519", "§4", "claim names MUST be unique … either reject or use the last duplicate (lexically last)", checks("SIG-12")),
  s("RFC7515-4.1.9-01", "RFC 7515", "§4.1.9", "typ … media type values are compared case-insensitively; application/ prefix may be omitted", checks("IDJAG-TYP-02")),
  s("RFC7515-4.1.11-01", "RFC 7515", "§4.1.11", "If any of the listed extension header parameters are not understood … the JWS is invalid", checks("SIG-11")),
  s("RFC7515-5.2-01", "RFC 7515", "§5.2", "Validate the JWS Signature … if validation fails, the JWS MUST be rejected", checks("SIG-01", "SIG-03", "SIG-05")),
  s("RFC8725-3.1-01", "RFC 8725", "§3.1", "Libraries MUST enable the caller to specify supported algorithms and MUST NOT use others (none, key confusion)", checks("SIG-02", "SIG-04")),
  s("RFC8725-3.8-01", "RFC 8725", "§3.8", "validate that the cryptographic keys used … belong to the issuer", checks("SIG-10")),
  s("RFC8725-3.10-01", "RFC 8725", "§3.10", "keys from jwk / jku / x5u headers must not be trusted blindly; fetching them is an SSRF vector", checks("SIG-06", "SIG-07")),
  s("RFC8725-3.11-01", "RFC 8725", "§3.11–3.12", "Use explicit typing; prevent cross-JWT confusion", checks("IDJAG-TYP-01", "REV-12")),
  s("IDJAG-DRAFT-3.1-01", "draft-ietf-oauth-identity-assertion-authz-grant", "§3.1", "typ oauth-id-jag+jwt; iss, sub, aud, client_id, jti, exp, iat are REQUIRED", checks("IDJAG-TYP-01", "IDJAG-ISS-02", "IDJAG-SUB-01", "IDJAG-AUD-01", "IDJAG-CID-01", "IDJAG-JTI-01", "IDJAG-IAT-01", "IDJAG-EXP-03")),
  s("IDJAG-DRAFT-4.4.1-01", "draft-ietf-oauth-identity-assertion-authz-grant", "§4.4.1", "aud MUST identify the Resource Authorization Server (its issuer identifier)", checks("IDJAG-AUD-01", "IDJAG-AUD-03")),
  s("IDJAG-DRAFT-4.4.1-02", "draft-ietf-oauth-identity-assertion-authz-grant", "§4.4.1", "resource / scope of the ID-JAG bound the grant (invalid_target / narrowed scope)", { todo: "resource and scope narrowing (test catalogue IDJAG-RES-01, IDJAG-SCP-01)" }),
  s("IDJAG-DRAFT-4.4.3-01", "draft-ietf-oauth-identity-assertion-authz-grant", "§4.4.3", "The access token response … SHOULD NOT include a refresh token", checks("IDJAG-BASE-04")),
  s("IDJAG-DRAFT-8.6-01", "draft-ietf-oauth-identity-assertion-authz-grant", "§8.6", "an ID-JAG with cnf requires proof of possession (DPoP)", { todo: "cnf.jkt without a DPoP proof refused (test catalogue IDJAG-CNF-01)" }),
  s("BCL-2.4-01", "OpenID Connect Back-Channel Logout 1.0", "§2.4", "events claim with the logout event member (a JSON object); sub or sid; nonce PROHIBITED", checks("REV-07", "REV-08", "REV-09")),
  s("BCL-2.6-01", "OpenID Connect Back-Channel Logout 1.0", "§2.6", "validate signature, iss, aud, iat; reject on failure", checks("REV-04", "REV-05", "REV-06", "REV-10")),
  s("BCL-2.6-02", "OpenID Connect Back-Channel Logout 1.0", "§2.6", "optionally, verify that another logout token with the same jti has not been recently received", checks("REV-11")),
  s("BCL-2.6-03", "OpenID Connect Back-Channel Logout 1.0", "§2.6", "validate exp (the auth.md example omits exp: documented divergence)", checks("REV-14")),
  s("BCL-2.8-01", "OpenID Connect Back-Channel Logout 1.0", "§2.8", "If the logout succeeded, the RP MUST respond with HTTP 200; on error 400", checks("REV-01", "REV-04", "REV-15")),
  s("BCL-2.8-02", "OpenID Connect Back-Channel Logout 1.0", "§2.8", "The response SHOULD include Cache-Control: no-store", { todo: "no-store on the revocation response (test catalogue REV-12)" }),
  s("BCL-4.1-01", "OpenID Connect Back-Channel Logout 1.0", "§4.1", "explicit typing logout+jwt is recommended", checks("REV-13")),
  s("NIST-63B-5.1.3.2-01", "NIST SP 800-63B", "§5.1.3.2", "out-of-band secrets are short-lived (≤10 min) and used once", checks("OTP-02", "OTP-05")),
  s("NIST-63B-5.2.2-01", "NIST SP 800-63B", "§5.2.2", "rate-limit failed authentication attempts", checks("FUZZ-OTP-LOCK-01")),
  s("RFC6585-4-01", "RFC 6585", "§4", "429 Too Many Requests … MAY include Retry-After", checks("RATE-01")),
];

export interface TraceCoverage {
  total: number;
  excluded: number;
  covered: number;
  /** covered / (total − excluded), 0..1. */
  share: number;
  uncovered: TraceStatement[];
}

export function traceCoverage(statements: readonly TraceStatement[] = traceabilityV01): TraceCoverage {
  const excluded = statements.filter((t) => t.excluded !== undefined).length;
  const coveredList = statements.filter((t) => t.excluded === undefined && ((t.checks?.length ?? 0) > 0 || (t.lint?.length ?? 0) > 0));
  const uncovered = statements.filter((t) => t.excluded === undefined && !coveredList.includes(t));
  const observable = statements.length - excluded;
  return { total: statements.length, excluded, covered: coveredList.length, share: observable === 0 ? 1 : coveredList.length / observable, uncovered };
}
