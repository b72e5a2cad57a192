import { trustedIssuer } from "../config.ts";
import { SampleServiceError } from "../errors.ts";
import { type ConformantChoicesV07, resolveChoicesV07 } from "./choices.ts";
import { FaultsV07 } from "./faults.ts";

/** Options of startSampleServiceV07 (defaults are the reference's lifetimes; see index.ts). */
export interface SampleServiceV07Options {
  host?: string;
  port?: number;
  faults?: readonly string[];
  /** Provider issuers whose ID-JAGs and SETs are accepted (exact strings). */
  trustedIssuers?: readonly string[];
  /** Service accounts that exist before any registration (first-link confirmation, wrong-account checks). */
  accounts?: readonly string[];
  /** Whether /login signs in (and provisions) an email that is not an account yet; default true, as the reference. */
  signInUnknownEmails?: boolean;
  /** Opt-outs: answer anonymous_not_enabled / service_auth_not_enabled. */
  anonymousEnabled?: boolean;
  serviceAuthEnabled?: boolean;
  clockSkewSeconds?: number;
  /** user_code and claim_attempt link lifetime. */
  userCodeTtlSeconds?: number;
  /** Window in which an unclaimed registration can still be claimed. */
  claimTtlSeconds?: number;
  /** ID-JAG auth_time freshness. */
  maxAuthAgeSeconds?: number;
  accessTokenTtlSeconds?: number;
  /** Lifetime of the service-signed identity_assertion. */
  assertionTtlSeconds?: number;
  pollIntervalSeconds?: number;
  /** Wrong user_codes accepted per claim attempt before it locks (PAGE-06). */
  maxWrongCodes?: number;
  /** Mark the session cookie Secure (leave off over plain-http loopback). */
  secureCookies?: boolean;
  /** Registrations per client address per minute (per choices.rateLimitWindowSeconds) at /agent/identity before 429 rate_limited; 0 (default) = no limit. */
  registrationsPerMinute?: number;
  /** Conformant choices where the sources allow more than one behaviour (tolerance variants); see choices.ts. */
  choices?: Partial<ConformantChoicesV07>;
  /** Epoch milliseconds; injectable so tests can run expiry without waiting. */
  now?: () => number;
  log?: (line: string) => void;
}

export interface ServiceConfigV07 {
  host: string;
  port: number;
  faults: FaultsV07;
  trustedIssuers: readonly string[];
  accounts: readonly string[];
  signInUnknownEmails: boolean;
  anonymousEnabled: boolean;
  serviceAuthEnabled: boolean;
  clockSkewSeconds: number;
  userCodeTtlSeconds: number;
  claimTtlSeconds: number;
  maxAuthAgeSeconds: number;
  accessTokenTtlSeconds: number;
  assertionTtlSeconds: number;
  pollIntervalSeconds: number;
  maxWrongCodes: number;
  secureCookies: boolean;
  registrationsPerMinute: number;
  choices: ConformantChoicesV07;
  /** Longest exp − iat accepted on a provider ID-JAG. */
  maxIdJagLifetimeSeconds: number;
  maxBodyBytes: number;
  now: () => number;
  log: (line: string) => void;
}

export const DEFAULT_ACCOUNTS = ["alice@service.example.com", "bob@service.example.com"] as const;

function integer(value: number | undefined, fallback: number, field: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SampleServiceError("invalid_option", field, `${field} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function resolveConfigV07(options: SampleServiceV07Options = {}): ServiceConfigV07 {
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host.length === 0) throw new SampleServiceError("invalid_option", "host", "host must be a non-empty string");
  const accounts = (options.accounts ?? DEFAULT_ACCOUNTS).map((email) => email.toLowerCase());
  return {
    host,
    port: integer(options.port, 0, "port", 0, 65_535),
    faults: FaultsV07.from(options.faults ?? []),
    trustedIssuers: Object.freeze((options.trustedIssuers ?? []).map(trustedIssuer)),
    accounts: Object.freeze(accounts),
    signInUnknownEmails: options.signInUnknownEmails ?? true,
    anonymousEnabled: options.anonymousEnabled ?? true,
    serviceAuthEnabled: options.serviceAuthEnabled ?? true,
    clockSkewSeconds: integer(options.clockSkewSeconds, 60, "clockSkewSeconds", 0, 3600),
    // 0 is allowed for lifetimes so tests can produce already-expired state without waiting.
    userCodeTtlSeconds: integer(options.userCodeTtlSeconds, 600, "userCodeTtlSeconds", 0, 600),
    claimTtlSeconds: integer(options.claimTtlSeconds, 86_400, "claimTtlSeconds", 0, 30 * 86_400),
    maxAuthAgeSeconds: integer(options.maxAuthAgeSeconds, 3600, "maxAuthAgeSeconds", 1, 30 * 86_400),
    accessTokenTtlSeconds: integer(options.accessTokenTtlSeconds, 3600, "accessTokenTtlSeconds", 0, 30 * 86_400),
    assertionTtlSeconds: integer(options.assertionTtlSeconds, 3600, "assertionTtlSeconds", 1, 30 * 86_400),
    pollIntervalSeconds: integer(options.pollIntervalSeconds, 5, "pollIntervalSeconds", 1, 3600),
    maxWrongCodes: integer(options.maxWrongCodes, 5, "maxWrongCodes", 1, 1000),
    secureCookies: options.secureCookies ?? false,
    registrationsPerMinute: integer(options.registrationsPerMinute, 0, "registrationsPerMinute", 0, 100_000),
    choices: resolveChoicesV07(options.choices),
    maxIdJagLifetimeSeconds: 3600,
    maxBodyBytes: 64 * 1024,
    now: options.now ?? (() => Date.now()),
    log: options.log ?? (() => {}),
  };
}
