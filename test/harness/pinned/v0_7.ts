// Pinned requirement ids of the v0.7 catalogue (src/requirements/v0_7/), in catalogue order.
export const V0_7_IDS: string[] = [
  "DISC-AUTHMD-02",
  "DISC-PRM-02",
  "DISC-AS-01", "DISC-AS-03",
  "DISC-AA-01", "DISC-AA-02", "DISC-AA-03", "DISC-AA-04", "DISC-AA-05",
  "REG-01", "REG-02", "REG-03", "REG-04", "REG-06",
  "ANON-01", "ANON-02", "ANON-03", "ANON-05",
  "IDJ-01", "IDJ-02", "IDJ-11",
  "AT-01", "AT-02", "AT-03", "AT-04", "AT-05", "AT-06",
  "STEP-01", "STEP-02", "STEP-03", "STEP-04", "STEP-05", "STEP-06", "STEP-07", "STEP-08",
  "SA-01", "SA-02", "SA-03", "SA-04", "SA-05", "SA-06", "SA-07",
  "CLMEP-01", "CLMEP-02", "CLMEP-03", "CLMEP-04", "CLMEP-05", "CLMEP-06", "CLMEP-07",
  "CLMEP-IDJ-01", "CLMEP-IDJ-02", "CLMEP-IDJ-03", "CLMEP-IDJ-04", "CLMEP-IDJ-05", "CLMEP-IDJ-06", "CLMEP-IDJ-07",
  "TOK-01", "TOK-02", "TOK-03", "TOK-04", "TOK-05",
  "TOK-JWTB-01", "TOK-JWTB-02", "TOK-JWTB-03", "TOK-JWTB-04", "TOK-JWTB-05", "TOK-JWTB-06", "TOK-JWTB-07", "TOK-JWTB-08",
  "TOK-CLM-01", "TOK-CLM-02", "TOK-CLM-03", "TOK-CLM-04", "TOK-CLM-05", "TOK-CLM-06", "TOK-CLM-07", "TOK-CLM-08", "TOK-CLM-09", "TOK-CLM-10", "TOK-CLM-11",
  "REV7009-01", "REV7009-02", "REV7009-03", "REV7009-04", "REV7009-05", "REV7009-06",
  "SET-01", "SET-02", "SET-03", "SET-04", "SET-05", "SET-06", "SET-07", "SET-08", "SET-09", "SET-10", "SET-11", "SET-12", "SET-13", "SET-14", "SET-15",
  "API-01", "API-02",
  "ERR-01", "ERR-02", "ERR-03", "ERR-04", "ERR-05", "ERR-06",
  "PAGE-01", "PAGE-02", "PAGE-03", "PAGE-04", "PAGE-05", "PAGE-06", "PAGE-07", "PAGE-08", "PAGE-09", "PAGE-10", "PAGE-11", "PAGE-12",
  // the suite's own fuzz properties (issue 16; not v0.7.md rows): the model and properties, input fuzzing, the user_code brute-force proof
  "FUZZ-MODEL-01", "FUZZ-UCODE-FORMAT-01", "FUZZ-UCODE-ENTROPY-01", "FUZZ-UCODE-WRONG-01", "FUZZ-UCODE-LOCK-01", "FUZZ-POLL-01", "FUZZ-BIND-01", "FUZZ-REVOKED-01", "FUZZ-MUTATE-01",
  "FUZZ-IN-5XX-01", "FUZZ-IN-ECHO-01", "FUZZ-UC-BRUTE-01",
];

// v0.7.md rows implemented by v0.1 ids shared with v0.7 (no v0.7 entry of their own).
export const V0_7_DELEGATED_ROWS: string[] = [
  "DISC-AUTHMD-01", "DISC-PRM-01", "DISC-AS-02", "DISC-401-01", "DISC-401-02", "REG-05", "ANON-04", "IDJ-03", "IDJ-04", "IDJ-05", "IDJ-06", "IDJ-07", "IDJ-08", "IDJ-09", "IDJ-10",
];
