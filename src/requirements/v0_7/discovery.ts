import { src, srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// Generated once from /work/shared/protocol/v0.7.md (ids, levels, titles, sources, Δ, test column),
// then kept by hand: the ids are pinned by test/harness/catalogue-v07.test.ts.

/** Discovery (v0.7.md §1): the manifest, RFC 9728 PRM, RFC 8414 AS metadata with agent_auth, the 401 hint. */
export const discoveryRequirementsV07: readonly RequirementV07[] = [
  req("DISC-AUTHMD-02", "SHOULD", "discovery",
    "Manifest has Steps 1–6 (Discover, Pick, Register, Claim ceremony, Exchange, Use), Errors and Revocation",
    [srcV07.authMd("headings")],
    { basis: "(docs) the A7 headings (Steps 1–6, Errors, Revocation) are the document's structure, not a stated rule. SHOULD.", delta: "chg", introducedIn: "v0.7", replacesV01: ["DISC-AUTHMD-04"], actors: ["A"], passive: true, howToTest: "[A] parse the headings. v0.1 had Steps 1–5; Step 5 is now \"Exchange the assertion\", Step 6 \"Use the access_token\"" }),
  req("DISC-PRM-02", "SHOULD", "discovery",
    "PRM carries `scopes_supported`, `bearer_methods_supported` (`header`), `resource_name`, `resource_logo_uri`",
    [srcV07.authMd("Step 1a")],
    { basis: "(docs) A7 Step 1a shows these members in its example; RFC 9728 §2 makes them OPTIONAL/RECOMMENDED. SHOULD.", delta: "same", introducedIn: "v0.1", replacesV01: ["DISC-PRM-05"], actors: ["A"], passive: true, howToTest: "[A]" }),
  req("DISC-AS-01", "MUST", "discovery",
    "`<authorization_servers[0]>/.well-known/oauth-authorization-server` → JSON with top-level `issuer`, `token_endpoint`, `revocation_endpoint`, `grant_types_supported`",
    [srcV07.authMd("Step 1b"), srcV07.changelog("v0.2.0", "\"Changed\""), src.rfc(8414, "§2")],
    { basis: "(docs) RFC 8414 §2 makes `issuer` REQUIRED and `token_endpoint` REQUIRED (unless only implicit is used), but `revocation_endpoint` and `grant_types_supported` are OPTIONAL there; A7 Step 1b lists all four by example and CL v0.2.0 adds them. MUST is the suite's reading for this profile: the agent cannot reach Step 5 or revoke without them.", delta: "chg", introducedIn: "v0.7", since: "v0.2.0", replacesV01: ["DISC-AS-01"], actors: ["A"], passive: true, howToTest: "[A] v0.1 examples had no `issuer` (NOTES \"disagree\" list); now required" }),
  req("DISC-AS-03", "MUST", "discovery",
    "`grant_types_supported` ⊇ {`urn:ietf:params:oauth:grant-type:jwt-bearer`, `urn:workos:agent-auth:grant-type:claim`}",
    [srcV07.authMd("Step 1b"), srcV07.changelog("v0.4.0")],
    { basis: "(docs) A7 Step 1b lists both grant types in its example and CL v0.4.0 adds the claim grant; an agent cannot pick a grant otherwise. MUST, relaxed to jwt-bearer only when the service has no ceremony.", delta: "new", introducedIn: "v0.7", since: "v0.4.0", actors: ["A"], disagreements: ["P19"], passive: true, howToTest: "[A]. Relax to jwt-bearer only if the service has no ceremony (anonymous-only without claim)" }),
  req("DISC-AA-01", "MUST", "discovery",
    "`agent_auth` has `skill`, `identity_endpoint`, `claim_endpoint`, `events_endpoint`, `identity_types_supported`",
    [srcV07.authMd("Step 1b"), srcV07.changelog("v0.2.0", "(`register_uri`/`claim_uri` renamed)"), srcV07.changelog("v0.3.0", "(`revocation_uri`→`events_endpoint`)")],
    { basis: "(docs) A7 Step 1b defines the agent_auth members by example; CL v0.2.0/v0.3.0 rename them. MUST: without them an agent cannot find the endpoints.", delta: "chg", introducedIn: "v0.7", since: "v0.2.0", replacesV01: ["DISC-AA-01"], actors: ["A"], disagreements: ["P19"], passive: true, howToTest: "[A] absence of the old names is a MAY warning" }),
  req("DISC-AA-02", "MUST", "discovery",
    "`identity_types_supported` ⊆ {`anonymous`,`identity_assertion`,`service_auth`}; if `identity_assertion` is listed, `identity_assertion.assertion_types_supported` contains `urn:ietf:params:oauth:token-type:id-jag` and not `verified_email`",
    [srcV07.authMd("Step 1b"), srcV07.changelog("v0.6.0", "\"Changed\"/\"Removed\"")],
    { basis: "(docs) A7 Step 1b's example and CL v0.6.0 'Changed'/'Removed' fix the vocabulary. MUST: a listed `verified_email` advertises a removed flow.", delta: "chg", introducedIn: "v0.7", since: "v0.6.0", replacesV01: ["DISC-AA-03", "DISC-AA-04"], actors: ["A"], passive: true, howToTest: "[A]" }),
  req("DISC-AA-03", "SHOULD", "discovery",
    "`events_supported` lists `https://schemas.workos.com/events/agent/auth/identity/assertion/revoked` when `events_endpoint` is present",
    [srcV07.authMd("Step 1b"), srcV07.changelog("v0.3.0")],
    { basis: "(docs) A7 Step 1b's example lists events_supported; CL v0.3.0. SHOULD.", delta: "new", introducedIn: "v0.7", since: "v0.3.0", replacesV01: ["DISC-AA-04"], actors: ["A"], passive: true, howToTest: "[A]" }),
  req("DISC-AA-04", "MAY", "discovery",
    "For `anonymous`/`service_auth`, `identity_types_supported` is only informational. An unlisted type may still be tried, and an opted-out service answers `*_not_enabled`",
    [srcV07.authMd("Step 2"), srcV07.changelog("v0.6.0")],
    { basis: "(docs) A7 Step 2: identity_types_supported 'is informational' for anonymous/service_auth — 'send the body and fall back on the *_not_enabled error'. No keyword; MAY (informative).", delta: "new", introducedIn: "v0.7", since: "v0.6.0", actors: ["A"], howToTest: "[A] POST an unlisted type and expect 200 or `anonymous_not_enabled`/`service_auth_not_enabled`" }),
  req("DISC-AA-05", "SHOULD", "discovery",
    "Advertised endpoints are absolute URLs on the AS origin (`identity_endpoint`, `claim_endpoint`, `events_endpoint`, `token_endpoint`, `revocation_endpoint`)",
    [srcV07.authMd("Step 1b example"), src.rfc(8414, "§2")],
    { basis: "(docs) the A7 Step 1b example shows absolute URLs on the AS origin; RFC 8414 §2 defines the endpoints as URLs without requiring one origin. SHOULD.", delta: "chg", introducedIn: "v0.7", replacesV01: ["DISC-AA-02"], actors: ["A"], passive: true, howToTest: "[A]" }),
];
