import { srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// Generated once from /work/shared/protocol/v0.7.md (ids, levels, titles, sources, Δ, test column),
// then kept by hand: the ids are pinned by test/harness/catalogue-v07.test.ts.

/** Registration at `identity_endpoint` (v0.7.md §2) and its `anonymous` type (§3). */
export const registrationRequirementsV07: readonly RequirementV07[] = [
  req("REG-01", "MUST", "registration",
    "`POST identity_endpoint` takes JSON and dispatches on `type` ∈ {`anonymous`,`identity_assertion`,`service_auth`}; an unknown or missing `type` → 400 `invalid_request`",
    [srcV07.authMd("Step 3, Errors"), srcV07.codeV06("schemas.ts", "agentAuthBody")],
    { basis: "(docs) A7 Step 3 and Errors define the endpoint by example; c6 schemas.ts dispatches on `type`. MUST: the discriminator is the protocol.", delta: "chg", introducedIn: "v0.7", actors: ["A"], howToTest: "[A]" }),
  req("REG-02", "MUST", "registration",
    "No registration path returns an access credential; only a service-signed `identity_assertion` (anonymous, ID-JAG) or a ceremony (`service_auth`, step-up)",
    [srcV07.authMd("Step 3"), srcV07.changelog("v0.2.0"), srcV07.servicesGuide("\"Hosting the /agent/identity Endpoint\"")],
    { basis: "(docs) A7 Step 3, CL v0.2.0 and S6 'Hosting the /agent/identity Endpoint' describe registration as returning an assertion, not a credential. MUST: a credential here skips the token endpoint and its scope rules.", delta: "chg", introducedIn: "v0.7", since: "v0.2.0", replacesV01: ["IDJAG-BASE-01", "IDJAG-BASE-04", "IDJAG-BASE-05"], actors: ["A"], disagreements: ["P13"], howToTest: "[A] look for `access_token`/`credential`/`api_key` keys in every 200 body" }),
  req("REG-03", "MUST", "registration",
    "A request carrying `requested_credential_type` is either accepted with the field ignored or rejected with 400; the response never switches credential type because of it",
    [srcV07.changelog("v0.2.0", "\"Removed\"")],
    { basis: "(reference) CL v0.2.0 'Removed' drops `requested_credential_type`; no BCP 14 keyword. MUST is the suite's reading: switching credential type on a removed field is a downgrade path.", delta: "chg", introducedIn: "v0.7", since: "v0.2.0", actors: ["A"], howToTest: "[A] suite reading; report which of the two it did" }),
  req("REG-04", "MUST", "registration",
    "The service-signed `identity_assertion` is a JWS verifiable with the AS JWKS, `typ: oauth-id-jag+jwt`, `iss` = `aud` = AS issuer, `sub` = `registration_id`, with `jti`, `iat` and `exp`; `assertion_expires` matches `exp`",
    [srcV07.servicesGuide("\"Hosting…\" step 7 and \"JWT-bearer grant\" step 2"), srcV07.changelog("v0.2.0", "(JWKS at `/.well-known/jwks.json`)")],
    { basis: "(docs) S6 'Hosting…' step 7 and 'JWT-bearer grant' step 2 describe the assertion as an ID-JAG the service signs and later verifies itself ('It must be typ oauth-id-jag+jwt, with iss and aud equal to your AS', lower case); the ID-JAG draft §3.1 makes those claims REQUIRED of any ID-JAG. MUST.", delta: "new", introducedIn: "v0.7", since: "v0.2.0", actors: ["A"], howToTest: "[A] fetch the JWKS (path is a parameter; the AS metadata has no `jwks_uri`) and verify" }),
  req("REG-06", "SHOULD", "registration",
    "Rate limits on `identity_endpoint` answer 429 `rate_limited`. S6's suggested defaults are per IP 5/h anonymous and 60/h assertion",
    [srcV07.servicesGuide("\"Rate Limiting\""), srcV07.authMd("Errors")],
    { basis: "(docs) S6 'Rate Limiting': limiting 'benefits' the endpoint, with 'sensible default' numbers; A7 Errors names rate_limited (429). No keyword: SHOULD. A conforming service may throttle the suite (§15 P9).", delta: "same", introducedIn: "v0.1", actors: ["A"], disagreements: ["P9"], howToTest: "[A] parameter: a conforming service may throttle the suite itself (§15 P9)" }),
  req("ANON-01", "MUST", "anonymous",
    "`{type:\"anonymous\"}` → 200 `{registration_id, registration_type:\"anonymous\", identity_assertion, assertion_expires, pre_claim_scopes, claim_url, claim_token, claim_token_expires, post_claim_scopes}`",
    [srcV07.authMd("Step 3 \"anonymous\"")],
    { basis: "(docs) A7 Step 3 'anonymous' defines the response by example. MUST: an agent cannot proceed without these members.", delta: "chg", introducedIn: "v0.7", replacesV01: ["ANON-01", "ANON-06"], actors: ["A"], howToTest: "[A]" }),
  req("ANON-02", "MUST", "anonymous",
    "jwt-bearer with that assertion yields `scope` = `pre_claim_scopes` (not the full set)",
    [srcV07.authMd("Step 3 \"anonymous\""), srcV07.servicesGuide("\"JWT-bearer grant\" step 4")],
    { basis: "(docs) A7 Step 3 'anonymous' and S6 'JWT-bearer grant' step 4 describe pre-claim scoping. MUST: otherwise an unclaimed registration gets full scope.", delta: "chg", introducedIn: "v0.7", actors: ["A"], howToTest: "[A]" }),
  req("ANON-03", "MUST", "anonymous",
    "The pre-claim cap holds while a ceremony is pending (after `POST claim_endpoint`, before the user confirms)",
    [srcV07.changelog("v0.2.0", "\"[bug fix]\""), srcV07.codeV06("routes/token.ts", "issueAccessTokenForRegistration")],
    { basis: "(reference) CL v0.2.0 '[bug fix]' and c6 token.ts `issueAccessTokenForRegistration`: the pending-claim cap is a fixed security bug; no BCP 14 keyword. MUST: lifting the cap before the user confirms grants post-claim scopes without consent.", delta: "new", introducedIn: "v0.7", since: "v0.2.0", actors: ["A"], howToTest: "[A] register → `/claim` → jwt-bearer → scope still pre-claim" }),
  req("ANON-05", "MAY", "anonymous",
    "`anonymous_not_enabled` (400) when the service opted out",
    [srcV07.authMd("Errors")],
    { basis: "(docs) A7 Errors gives the code for a service that opted out of anonymous; opting out is the service's choice. MAY.", delta: "same", introducedIn: "v0.1", replacesV01: ["IDJAG-OFF-01"], actors: ["A"], howToTest: "[A]" }),
];
