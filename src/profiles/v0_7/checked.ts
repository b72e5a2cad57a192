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
  // fuzz properties (issue 16, slice fuzzmodel: model and properties)
  "FUZZ-MODEL-01",
  "FUZZ-UCODE-FORMAT-01",
  "FUZZ-UCODE-ENTROPY-01",
  "FUZZ-UCODE-WRONG-01",
  "FUZZ-UCODE-LOCK-01",
  "FUZZ-POLL-01",
  "FUZZ-BIND-01",
  "FUZZ-REVOKED-01",
  "FUZZ-MUTATE-01",
];
