import { SHARED_WITH_V0_1 } from "../../requirements/v0_7/shared-with-v0_1.ts";
import type { SharedChecks } from "../types.ts";

/**
 * The v0.1 checks a v0.7 run plans (issue 14, "the seam"): the v0.1 ids of SHARED_WITH_V0_1 whose
 * check runs in v0.7 through the profile's agent driver (AgentDriverV07), keeping its v0.1 id and
 * code. The v0.1 files also hold ids that v0.7 removed or reuses for another rule; only the ids
 * listed here run from them in a v0.7 run (src/suite/check.ts). The shared ids that do not run
 * in v0.7 yet say why in SHARED_WITH_V0_1 (`notRunInV07`).
 */
export const SHARED_IDS_V07: readonly string[] = Object.entries(SHARED_WITH_V0_1)
  .filter(([, shared]) => shared.notRunInV07 === undefined)
  .map(([id]) => id);

export const SHARED_CHECKS_V07: SharedChecks = {
  files: [
    "suites/v0.1/discovery/manifest",
    "suites/v0.1/discovery/prm",
    "suites/v0.1/discovery/as-metadata",
    "suites/v0.1/discovery/unauthorized",
    "suites/v0.1/discovery/endpoints",
    "suites/v0.1/id-jag/claims",
    "suites/v0.1/id-jag/registration",
    "suites/v0.1/id-jag/signature",
    "suites/v0.1/id-jag/replay",
    "suites/v0.1/claim/scopes",
    "suites/v0.1/fuzz/claim-token",
  ],
  ids: SHARED_IDS_V07,
};
