/**
 * The v0.7 requirements that have an implemented check under suites/v0.7 (the v0.7 profile is a
 * preview: only these are planned, so no unchecked requirement can be reported as passed). A test
 * (test/harness/v07-checked.test.ts) keeps this list equal to the check() ids in suites/v0.7.
 * The v0.1 ids shared with v0.7 (SHARED_WITH_V0_1) join the plan with the driver step.
 */
export const CHECKED_V07: readonly string[] = [
  // discovery
  "DISC-AUTHMD-02",
  "DISC-PRM-02",
  "DISC-AS-01",
  "DISC-AS-03",
  "DISC-AA-01",
  "DISC-AA-02",
  "DISC-AA-03",
  "DISC-AA-05",
  // registration
  "REG-01",
  "REG-02",
  "REG-03",
  "REG-04",
  "ANON-01",
  "ANON-02",
  "ANON-03",
  "IDJ-02",
  "IDJ-11",
  // ID-JAG auth_time freshness
  "AT-01",
  "AT-02",
  "AT-03",
  "AT-04",
  "AT-05",
  "AT-06",
  // token endpoint
  "TOK-01",
  "TOK-02",
  "TOK-03",
  "TOK-04",
  "TOK-05",
  "TOK-JWTB-01",
  "TOK-JWTB-02",
  "TOK-JWTB-03",
  "TOK-JWTB-05",
  // RFC 7009 revocation
  "REV7009-01",
  "REV7009-02",
  "REV7009-03",
  "REV7009-04",
  "REV7009-05",
  // SET delivery (RFC 8417 / RFC 8935)
  "SET-01",
  "SET-02",
  "SET-03",
  "SET-04",
  "SET-05",
  "SET-06",
  "SET-07",
  "SET-08",
  "SET-12",
  "SET-13",
  "SET-14",
  // protected API
  "API-01",
  // error vocabulary
  "ERR-01",
  "ERR-02",
  "ERR-05",
  // --- agent-side checks without a user actor (helper "agentside") ---
  // service_auth
  "SA-01",
  "SA-02",
  "SA-03",
  "SA-04",
  // first-link confirmation, agent side
  "STEP-01",
  "STEP-02",
  "STEP-03",
  // claim endpoint, login_hint body (agent side)
  "CLMEP-01",
  "CLMEP-02",
  "CLMEP-03",
  "CLMEP-04",
  "CLMEP-05",
  "CLMEP-07",
  // claim endpoint, ID-JAG body (v0.7-only)
  "CLMEP-IDJ-01",
  "CLMEP-IDJ-02",
  "CLMEP-IDJ-04",
  "CLMEP-IDJ-05",
  "CLMEP-IDJ-06",
  "CLMEP-IDJ-07",
  // claim polling grant, agent side
  "TOK-CLM-01",
  "TOK-CLM-05",
  "TOK-CLM-06",
  "TOK-CLM-07",
  "TOK-CLM-09",
  // other agent-side rows
  "IDJ-01",
  "DISC-AA-04",
  "ANON-05",
  "TOK-JWTB-04",
  "TOK-JWTB-06",
  "TOK-JWTB-07",
  "SET-09",
  "SET-15",
  "ERR-03",
  "ERR-04",
  "REV7009-06",
  "API-02",
  // claim page, as an agent and a visitor without a session see it
  "PAGE-01",
  "PAGE-02",
  "PAGE-03",
  "PAGE-12",
];
