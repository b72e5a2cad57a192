import { src, srcV07 } from "../sources.ts";
import { req } from "./req.ts";
import type { RequirementV07 } from "./common.ts";

// The suite's own v0.7 fuzz properties for input and the user_code brute-force proof (issue 16,
// items 3 and 4). Not rows of v0.7.md: each rests on the row its basis names, and the §16 counts
// (test/harness/catalogue-v07.test.ts) leave the `fuzz` flow out.

export const fuzzInputRequirementsV07: readonly RequirementV07[] = [
  req("FUZZ-IN-5XX-01", "SHOULD", "fuzz",
    "Generated requests for every v0.7 endpoint in its own media type (JSON at identity_endpoint and claim_endpoint, form-encoded at token_endpoint and revocation_endpoint, `application/secevent+jwt` at events_endpoint): valid shapes with tokens nobody issued, mutants (missing, repeated, extra and huge members, deep nesting, broken JSON or percent-escapes, SETs nobody signed, no JWS at all) and wrong media types never get a 5xx",
    [srcV07.servicesGuide("\"Security Considerations\""), src.rfc(9110, "§15.5"), src.rfc(6749, "§5.2"), src.rfc(8935, "§2.3")],
    { basis: "(derived) ERR-06 makes 5xx the answer for server errors; a malformed request is the client's error (RFC 9110 §15.5; RFC 6749 §5.2 and RFC 8935 §2.3 answer 400 at the token and events endpoints), and agents retry a 5xx. No auth.md source states robustness against malformed input, so SHOULD, as v0.1 FUZZ-INPUT-01.", delta: "chg", introducedIn: "v0.7", actors: ["A"], howToTest: "fuzz: fast-check cases per endpoint, each endpoint answering 5xx named with its own shrunk counterexample, seed and curl line" }),
  req("FUZZ-IN-ECHO-01", "MUST", "fuzz",
    "No 4xx or 5xx answer of a v0.7 endpoint echoes the token material of the request (claim_token, assertion, token, the SET)",
    [srcV07.servicesGuide("\"Security Considerations\"")],
    { basis: "(docs) ERR-06: server errors carry no token material (S6 'Security Considerations': tokens are never echoed or logged); an error page that echoes a token copies it into logs and proxies. MUST, as ERR-06.", delta: "new", introducedIn: "v0.7", actors: ["A"], howToTest: "fuzz: the same generated requests as FUZZ-IN-5XX-01; every error body is searched for the token strings sent (24 characters or more)", restates: ["ERR-06"] }),
  req("FUZZ-UC-BRUTE-01", "SHOULD", "fuzz",
    "--prove-otp-bruteforce: a signed-in attacker guessing the user_code of one ceremony at the claim form action does not cover the 10^6 space within the code's lifetime (projected full-space time against expires_in)",
    [srcV07.servicesGuide("\"Security Considerations\""), src.rfc(8628, "§5.1"), src.rfc(8628, "§6.1")],
    { basis: "(conflict P15) PAGE-06: S6 'Security Considerations' (6-digit codes are 'guess-bounded only by lockout') and RFC 8628 §5.1 (rate-limit user_code guesses; a 20-bit code is brute-forceable without it); the reference has no limit. SHOULD, as PAGE-06. Opt-in attack mode: skipped without --prove-otp-bruteforce.", delta: "chg", introducedIn: "v0.7", replacesV01: ["FUZZ-OTP-LOCK-01"], actors: ["U"], howToTest: "fuzz: sign in as the account the ceremony names (the attack position: whoever reaches the form action with that session), then guess every code in a fixed order outside the run's budget; the headline compares the measured rate's full-space time with the code's lifetime" }),
];
