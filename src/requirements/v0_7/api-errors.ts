import { src, srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// Generated once from /work/shared/protocol/v0.7.md (ids, levels, titles, sources, Δ, test column),
// then kept by hand: the ids are pinned by test/harness/catalogue-v07.test.ts.

/** The protected API (v0.7.md §10) and the error vocabulary (§11). */
export const apiErrorRequirementsV07: readonly RequirementV07[] = [
  req("API-01", "MUST", "api",
    "`Authorization: Bearer <access_token>` accepted; an expired, revoked or unknown token → 401 + DISC-401-01 header",
    [srcV07.authMd("Step 6")],
    { basis: "(docs) A7 Step 6 (Bearer access_token); RFC 6750 §3.1 says the resource SHOULD answer 401 for invalid_token. MUST is the profile's reading: agents act on the 401 (re-run Step 5).", delta: "chg", introducedIn: "v0.7", actors: ["A"], howToTest: "[A]" }),
  req("API-02", "SHOULD", "api",
    "On 401 the agent re-runs Step 5 once. Service side: a revoked token plus a live assertion → Step 5 succeeds (REV7009-03); a SET-revoked one → `invalid_grant` (SET-10)",
    [srcV07.authMd("Revocation last para")],
    { basis: "(docs) A7 Revocation (last paragraph) tells the agent to re-run Step 5 once; the service side is REV7009-03 and SET-10. SHOULD.", delta: "new", introducedIn: "v0.7", actors: [], howToTest: "combined" }),
  req("ERR-01", "MUST", "errors",
    "`/oauth2/token` speaks RFC 6749/7523/8628 codes only: `invalid_request`, `invalid_client`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope`, `authorization_pending`, `slow_down`, `access_denied`, `expired_token`",
    [srcV07.authMd("Errors"), srcV07.codeV06("routes/token.ts", "OAuthErrorCode"), src.rfc(6749, "§5.2"), src.rfc(7523, "§3.1"), src.rfc(8628, "§3.5")],
    { basis: "BCP 14: RFC 6749 §5.2, RFC 7523 §3.1 and RFC 8628 §3.5 define the token endpoint's codes; A7 Errors and c6 `OAuthErrorCode` use only these.", delta: "new", introducedIn: "v0.7", actors: ["A"], howToTest: "[A]" }),
  req("ERR-02", "MUST", "errors",
    "Profile codes at `/agent/identity[/claim]`: `anonymous_not_enabled`, `service_auth_not_enabled`, `issuer_not_enabled`, `invalid_request`, `interaction_required` (401), `login_required` (401), `invalid_claim_token`, `claimed_or_in_flight`, `claim_expired`, `invalid_login_hint`, `rate_limited` (429)",
    [srcV07.authMd("Errors"), srcV07.changelog("v0.6.0")],
    { basis: "(docs) A7 Errors and CL v0.6.0 define the profile codes and statuses in a table. MUST: agents act on the code.", delta: "chg", introducedIn: "v0.7", since: "v0.6.0", actors: ["A"], disagreements: ["P2"], howToTest: "[A]" }),
  req("ERR-03", "SHOULD", "errors",
    "Accept the reference's aliases for ID-JAG failures: `invalid_issuer`, `invalid_signature`, `expired`, `replay_detected`, `invalid_audience`, `invalid_client_id`, `missing_verified_email` (S6) where A7 says `issuer_not_enabled`/`invalid_request`; report which vocabulary the target speaks",
    [srcV07.servicesGuide('"Supported error codes"'), srcV07.authMd("Errors")],
    { basis: "(conflict P2) S6 'Supported error codes' and A7 Errors name different codes for the same failures; SHOULD accept both and report the vocabulary.", delta: "same", introducedIn: "v0.1", replacesV01: ["IDJAG-VOC-01"], actors: ["A"], disagreements: ["P2"], howToTest: "[A]" }),
  req("ERR-04", "SHOULD", "errors",
    "Profile-endpoint 4xx bodies carry `error` and a description. The reference uses `message` on 400s but `error_description` on its 401s; accept both",
    [srcV07.codeV06("routes/agent-auth.ts")],
    { basis: "(conflict P2) the reference uses `message` on 400s and `error_description` on 401s; SHOULD carry a description, both accepted.", delta: "same", introducedIn: "v0.1", actors: ["A"], disagreements: ["P2"], howToTest: "[A]" }),
  req("ERR-05", "MUST", "errors",
    "Unknown/removed codes are never emitted for the flows they were removed from: `verified_email_not_enabled`, `credential_expired`, `audience_mismatch`",
    [srcV07.changelog("v0.6.0", '"Removed"'), src.authMd("Errors")],
    { basis: "(reference) CL v0.6.0 'Removed' retires these codes; MUST for the flows they were removed from (an agent following A7 cannot act on them).", delta: "rem", introducedIn: "v0.7", since: "v0.6.0", actors: ["A"], howToTest: "[A]" }),
  req("ERR-06", "MUST", "errors",
    "Server errors are 5xx with no token material echoed",
    [srcV07.servicesGuide("\"Security Considerations\"")],
    { basis: "(docs) S6 'Security Considerations' (token material never echoed); RFC 9110 §15.6 for 5xx. MUST.", delta: "same", introducedIn: "v0.1", actors: [], howToTest: "fuzz" }),
];
