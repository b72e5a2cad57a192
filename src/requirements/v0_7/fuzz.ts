import { src, srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// Property-based and stateful fuzzing of the v0.7 surfaces (issue 16): generated command
// sequences and samples, each failure shrunk to a counterexample and reported with the seed that
// replays it. Not v0.7.md rows (§16 counts none of them): each restates rows of §3–§12 as a
// property over many generated cases. Ids pinned by test/harness/catalogue-v07.test.ts.

/** The v0.7 fuzz properties (suites/v0.7/fuzz). */
export const fuzzRequirementsV07: readonly RequirementV07[] = [
  req("FUZZ-MODEL-01", "MUST", "fuzz",
    "Model-based run of a registration's life (register anonymous / service_auth / identity_assertion, start or re-start a claim, confirm as the right or the wrong user, poll, exchange the assertion, call the API, revoke a token, deliver a provider SET, present the ID-JAG again): after every command the observed scopes, statuses and credential validity match the model",
    [srcV07.authMd("Step 3, Step 4a–4c, Step 5, Revocation"), srcV07.changelog("v0.2.0", "[bug fix] pre-claim cap while pending"), srcV07.servicesGuide("\"JWT-bearer grant\" step 4; \"First-link step-up\"")],
    { basis: "(docs) the state machine of A7 Steps 3–5 and Revocation: pre-claim scopes until the user confirms (also while pending), pre-claim tokens revoked at the claim, only the matched account confirms, a revoked token 401 while its assertion still mints, a SET revokes tokens and registration. Each rule is MUST in its row (ANON-02/03, TOK-CLM-01/03, STEP-05, SA-05, REV7009-01/03, SET-09/10); the model checks them in every order. Failures shrink to the shortest command sequence.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-MODEL-01"], actors: ["A", "P", "U"], howToTest: "fc.commands over lives of the three registration kinds; the user commands need the user actor, the provider ones the mock provider (left out of the model otherwise)" }),
  req("FUZZ-UCODE-FORMAT-01", "MUST", "fuzz",
    "Every `user_code` in a bounded sample of ceremonies is a string of exactly 6 ASCII digits",
    [srcV07.servicesGuide("\"Security Considerations\" (6-digit CSPRNG code)"), srcV07.authMd("Step 4a (claim_attempt.user_code)")],
    { basis: "(docs) S6 'Security Considerations' and the A7 Step 4a example: a 6-digit code (PAGE-02 is MUST). PAGE-02 looks at one code; this samples many, so a rare shape (a dropped leading zero) shows.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-OTP-FORMAT-01"], actors: ["A"], howToTest: "[A] sample user_codes from /claim ceremonies" }),
  req("FUZZ-UCODE-ENTROPY-01", "SHOULD", "fuzz",
    "user_codes of a bounded sample are not guessable beyond their 6 digits: digits uniform (χ², p ≥ 1e-4) and no more repeats than chance allows (Poisson tail ≥ 1e-4)",
    [src.rfc(8628, "§6.1"), srcV07.servicesGuide("\"Security Considerations\" (CSPRNG)")],
    { basis: "BCP 14: RFC 8628 §6.1 (the user code SHOULD have enough entropy that, with rate limiting, brute forcing is infeasible); S6 asks for a CSPRNG. A statistical test shows a gross bias only, never randomness, so SHOULD; false alarms on a uniform generator are about 1 in 10 000 runs.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-OTP-UNIFORM-01"], actors: ["A"], howToTest: "[A] sample user_codes; χ² over digits, repeats against the birthday bound" }),
  req("FUZZ-UCODE-WRONG-01", "MUST", "fuzz",
    "No user_code but the live one confirms a ceremony: generated near misses, swapped digits and other 6-digit codes are all refused on the claim form, and the registration stays pending",
    [srcV07.authMd("Errors (user_code errors \"never reach you\")"), srcV07.codeV06("store.ts", "completeClaim")],
    { basis: "(docs) A7 Errors (wrong user_codes are refused on the page and the poll stays pending, PAGE-05 MUST) and c6 `completeClaim` (the code is compared with this attempt's code only).", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-OTP-WRONG-01"], actors: ["A", "U"], howToTest: "[U] the actor enters generated wrong codes; the poll then still says authorization_pending" }),
  req("FUZZ-UCODE-LOCK-01", "SHOULD", "fuzz",
    "The wrong user_codes one ceremony takes are bounded: after at most fuzz.maxOtpAttempts (default 10) wrong entries the live code no longer confirms; the bound found is reported",
    [srcV07.servicesGuide("\"Security Considerations\" (tight per-attempt retry limits)"), src.rfc(8628, "§5.1")],
    { basis: "(conflict P15) S6 asks for tight per-attempt retry limits (6-digit codes are guess-bounded only by lockout) and RFC 8628 §5.1 recommends rate-limiting user code entry; the reference has no limit at all. SHOULD, as PAGE-06.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-OTP-LOCK-01", "FUZZ-OTP-LOCK-02"], actors: ["A", "U"], howToTest: "[U] enter fuzz.maxOtpAttempts wrong codes, then the live one" }),
  req("FUZZ-POLL-01", "SHOULD", "fuzz",
    "Every claim-grant poll inside `interval` of the previous one answers `slow_down` (generated bursts on a pending ceremony), and none mints a token before the user confirmed",
    [src.rfc(8628, "§3.5"), srcV07.authMd("Step 4c, Errors (slow_down)")],
    { basis: "(conflict P15) RFC 8628 §3.5 defines slow_down for a client polling too fast and A7 Step 4c lists it, but the reference never sends it (TOK-CLM-07 SHOULD). A token before the confirmation is a MUST failure of the model (FUZZ-MODEL-01) and of TOK-CLM-01; here it is reported with the pacing.", delta: "new", introducedIn: "v0.7", actors: ["A"], howToTest: "[A] generated bursts of polls on a pending ceremony" }),
  req("FUZZ-BIND-01", "MUST", "fuzz",
    "A `claim_token`, an `identity_assertion` and a `user_code` work only for their own registration and in their own place: an assertion presented as a claim_token (claim grant, /claim) or a claim_token as an assertion mints nothing, another registration's live user_code does not confirm this one's link, and confirming one registration mints nothing for the other",
    [srcV07.servicesGuide("\"Security Considerations\" (token hashing); \"JWT-bearer grant\" steps 2–3"), src.rfc(7523, "§3")],
    { basis: "(docs) S6: a claim_token is looked up by its hash and names one registration; the jwt-bearer grant verifies the service's own assertion (`sub` = registration_id), RFC 7523 §3 (the JWT MUST be validated). Checked over pairs of live registrations and swapped credentials.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-CT-BIND-01"], actors: ["A", "U"], howToTest: "[A][U] two live registrations, each credential presented where it does not belong" }),
  req("FUZZ-REVOKED-01", "MUST", "fuzz",
    "An identity_assertion of a registration revoked by a provider SET never mints again: every generated re-exchange (repeated, with a scope, with a resource) is refused with a 4xx (`invalid_grant`)",
    [srcV07.authMd("Revocation (\"invalidates the identity assertion\")"), srcV07.commit("b53c9ed", "commit message")],
    { basis: "(docs) A7 Revocation: a revoked event invalidates the identity assertion; commit b53c9ed makes the token endpoint refuse it (SET-10, TOK-JWTB-06 MUST). The property tries generated re-exchanges after the revocation.", delta: "new", introducedIn: "v0.7", actors: ["P"], howToTest: "[P] bind an ID-JAG, revoke it with a SET, then re-exchange its assertion many ways" }),
  req("FUZZ-MUTATE-01", "MUST", "fuzz",
    "Arbitrary mutations of a provider SET and ID-JAG (claims changed or dropped, header changed, signature bytes flipped) are refused, and a refused SET revokes nothing",
    [src.rfc(8417, "§2.2"), src.rfc(8935, "§2.4"), src.rfc(7515, "§5.2"), srcV07.servicesGuide("\"Verifying ID-JAGs\"; \"POST /agent/event/notify\"")],
    { basis: "BCP 14: RFC 7515 §5.2 (a JWS whose signature does not validate MUST be rejected), RFC 8417 §2.2 (events REQUIRED) and RFC 8935 §2.4; S6 lists the verification steps. Only mutations every row makes MUST are generated (iat or exp removal is SET-14's SHOULD and never sent).", delta: "new", introducedIn: "v0.7", actors: ["P"], howToTest: "[P] mutate a valid SET / ID-JAG; the refused SET leaves the bound user's token working" }),
];
