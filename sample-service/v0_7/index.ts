import { resolveConfigV07 } from "./config.ts";
import type { SampleServiceV07Options } from "./config.ts";
import { startServerV07 } from "./server.ts";
import type { RunningSampleServiceV07 } from "./server.ts";

export type { SampleServiceV07Options } from "./config.ts";
export { DEFAULT_ACCOUNTS } from "./config.ts";
export type { RunningSampleServiceV07 } from "./server.ts";
export { FAULTS_V07, type FaultDefinition, type FaultNameV07 } from "./faults.ts";
export { VARIANTS_V07, variantV07, type VariantV07 } from "./variants.ts";
export { DEFAULT_CHOICES_V07, type ConformantChoicesV07 } from "./choices.ts";
export { PATHS as PATHS_V07, CLAIM_GRANT, JWT_BEARER_GRANT, REVOKED_EVENT, ID_JAG_ASSERTION_TYPE, SET_MEDIA_TYPE } from "./protocol.ts";

/**
 * Starts the in-memory auth.md v0.7 sample service (resource server + authorization server + the
 * user's sign-in and claim pages on one loopback origin). Defaults follow the reference: host
 * 127.0.0.1, port 0, clock skew 60 s, user_code 600 s, claim window 24 h, ID-JAG max_age 3600 s,
 * access token and identity_assertion 3600 s, poll interval 5 s, 5 wrong codes per attempt,
 * seeded accounts alice@ and bob@service.example.com. Unknown fault names throw
 * SampleServiceError (code "unknown_fault", field "faults").
 */
export async function startSampleServiceV07(options: SampleServiceV07Options = {}): Promise<RunningSampleServiceV07> {
  return startServerV07(resolveConfigV07(options));
}
