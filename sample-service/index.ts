import { resolveConfig } from "./config.ts";
import type { SampleServiceOptions } from "./config.ts";
import { startServer } from "./server.ts";
import type { RunningSampleService } from "./server.ts";

export type { SampleServiceOptions, SmtpOptions } from "./config.ts";
export type { RunningSampleService } from "./server.ts";
export type { SentMail } from "./mail.ts";
export { SampleServiceError } from "./errors.ts";
export { FAULTS, type FaultDefinition } from "./faults.ts";
export { VARIANTS, type VariantDefinition } from "./variants.ts";
export { observeIssuedSecrets } from "./secrets.ts";

/**
 * Starts the in-memory auth.md v0.1 sample service (resource server + authorization server on one
 * loopback origin). Defaults: host 127.0.0.1, port 0, clock skew 60 s, OTP TTL 600 s, 5 wrong OTPs
 * per claim attempt, claim TTL 3600 s, access token TTL 3600 s, no logging. Unknown fault names
 * throw SampleServiceError (code "unknown_fault", field "faults").
 */
export async function startSampleService(options: SampleServiceOptions = {}): Promise<RunningSampleService> {
  return startServer(resolveConfig(options));
}
