import { srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// Generated once from /work/shared/protocol/v0.7.md (ids, levels, titles, sources, Δ, test column),
// then kept by hand: the ids are pinned by test/harness/catalogue-v07.test.ts.

/** `service_auth` registration with a `login_hint` (v0.7.md §5). */
export const serviceAuthRequirementsV07: readonly RequirementV07[] = [
  req("SA-01", "MUST", "service-auth",
    "`{type:\"service_auth\", login_hint:\"<email>\"}` → 200 `{registration_id, registration_type:\"service_auth\", claim_url, claim_token, claim_token_expires, post_claim_scopes, claim{user_code, expires_in, verification_uri, interval}}` and no `identity_assertion`",
    [srcV07.authMd("Step 3 \"service_auth\""), srcV07.changelog("v0.6.0")],
    { basis: "(docs) A7 Step 3 'service_auth' and CL v0.6.0 define the response by example. MUST: no identity_assertion before the user confirms.", delta: "chg", introducedIn: "v0.7", since: "v0.6.0", replacesV01: ["VEM-01", "VEM-02"], actors: ["A"], disagreements: ["P13"], howToTest: "[A]" }),
  req("SA-02", "MUST", "service-auth",
    "A `login_hint` that is not a recognisable identifier (today: an email) → 400 `invalid_login_hint`",
    [srcV07.changelog("v0.6.0", "\"Added\""), srcV07.codeV06("store.ts", "classifyLoginHint")],
    { basis: "(reference) CL v0.6.0 'Added' and c6 store.ts `classifyLoginHint`; no BCP 14 keyword. MUST: the hint decides who may confirm (SA-05).", delta: "new", introducedIn: "v0.7", since: "v0.6.0", actors: ["A"], howToTest: "[A] `\"not-an-email\"`, `\"\"`, `\"a@b\"` (no dot: rejected by the reference's regex)" }),
  req("SA-03", "MAY", "service-auth",
    "Opted-out service → 400 `service_auth_not_enabled`",
    [srcV07.changelog("v0.6.0"), srcV07.authMd("Errors")],
    { basis: "(docs) CL v0.6.0 and A7 Errors name the code for a service that opted out; opting out is the service's choice. MAY.", delta: "new", introducedIn: "v0.7", since: "v0.6.0", replacesV01: ["IDJAG-OFF-01"], actors: ["A"], howToTest: "[A]" }),
  req("SA-04", "MUST", "service-auth",
    "The old body `{type:\"identity_assertion\", assertion_type:\"verified_email\", assertion:\"<email>\"}` is rejected with 400",
    [srcV07.changelog("v0.6.0", "\"Removed\"")],
    { basis: "(reference) CL v0.6.0 'Removed' (the verified_email body). MUST: accepting it resurrects the v0.1 email flow the profile removed.", delta: "new", introducedIn: "v0.7", since: "v0.6.0", actors: ["A"], howToTest: "[A]" }),
  req("SA-05", "MUST", "service-auth",
    "Only the account named by `login_hint` can complete the ceremony (wrong account → 403, no claim)",
    [srcV07.changelog("v0.4.0", "\"Changed\""), srcV07.commit("e81b334", "commit message"), srcV07.codeV06("routes/claim.ts")],
    { basis: "(reference) CL v0.4.0 'Changed', commit e81b334, c6 claim.ts; no BCP 14 keyword. MUST: the ceremony's whole point is that the named account confirms.", delta: "new", introducedIn: "v0.7", since: "v0.4.0", actors: ["U"], howToTest: "[U]" }),
  req("SA-06", "MUST", "service-auth",
    "After confirmation, the claim grant returns a full-scope access_token and the first `identity_assertion` of this registration",
    [srcV07.servicesGuide("\"Claim grant\" notes"), srcV07.authMd("Step 4c")],
    { basis: "(docs) S6 'Claim grant' notes and A7 Step 4c describe the completed claim grant's response. MUST.", delta: "chg", introducedIn: "v0.7", replacesV01: ["VEM-03", "VEM-04", "SCO-06"], actors: ["U"], howToTest: "[U]" }),
  req("SA-07", "SHOULD", "service-auth",
    "No email is sent by the service (the ceremony is agent → user)",
    [srcV07.changelog("v0.4.0", "\"Removed\" (mail surface)")],
    { basis: "(reference) CL v0.4.0 'Removed' (mail surface); no BCP 14 keyword. SHOULD, informative: not observable black-box without a mail catcher.", delta: "rem", introducedIn: "v0.7", since: "v0.4.0", replacesV01: ["MAIL-01", "MAIL-02", "MAIL-03", "MAIL-04"], actors: [], howToTest: "not testable black-box except through a mail-catcher adapter. Informative" }),
];
