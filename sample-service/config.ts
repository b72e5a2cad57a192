import { isIP } from "node:net";
import { SampleServiceError } from "./errors.ts";
import { Faults } from "./faults.ts";
import { Variants } from "./variants.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  from?: string;
}

/** Options accepted by startSampleService (see index.ts for the documented defaults). */
export interface SampleServiceOptions {
  host?: string;
  port?: number;
  faults?: readonly string[];
  /** Conformant variants (tolerance matrix): built differently, still within the sources. */
  variants?: readonly string[];
  trustedIssuers?: readonly string[];
  smtp?: SmtpOptions;
  /**
   * A folder the service also writes each claim mail into, as a service without real mail does
   * (variant one-mail-file-per-registration: one `<registration_id>.html` per registration,
   * rewritten on re-send; otherwise one file per mail).
   */
  mailDirectory?: string;
  clockSkewSeconds?: number;
  otpTtlSeconds?: number;
  otpMaxAttempts?: number;
  claimTtlSeconds?: number;
  accessTokenTtlSeconds?: number;
  log?: (line: string) => void;
}

export interface ServiceConfig {
  host: string;
  port: number;
  faults: Faults;
  variants: Variants;
  trustedIssuers: readonly string[];
  smtp: { host: string; port: number; from: string } | null;
  mailDirectory: string | null;
  clockSkewSeconds: number;
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  claimTtlSeconds: number;
  accessTokenTtlSeconds: number;
  /** Longest exp − iat accepted on an ID-JAG; AUTH.md asks for ~5 minutes, this leaves room. */
  maxAssertionLifetimeSeconds: number;
  /** Oldest iat accepted on a logout token. */
  maxLogoutTokenAgeSeconds: number;
  /** Largest request body read on any endpoint. */
  maxBodyBytes: number;
  log: (line: string) => void;
}

const DEFAULT_FROM = "Sample Notes <no-reply@sample-notes.test>";

function nonNegativeInteger(value: number | undefined, fallback: number, field: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new SampleServiceError("invalid_option", field, `${field} must be an integer between 0 and ${max}`);
  }
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, field: string, max: number): number {
  const result = nonNegativeInteger(value, fallback, field, max);
  if (result === 0) throw new SampleServiceError("invalid_option", field, `${field} must be at least 1`);
  return result;
}

/** A trust-list entry: an http(s) URL without query or fragment, kept verbatim (iss is compared exactly). */
export function trustedIssuer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SampleServiceError("invalid_option", "trustedIssuers", `not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SampleServiceError("invalid_option", "trustedIssuers", `issuer must be http(s): ${JSON.stringify(value)}`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new SampleServiceError("invalid_option", "trustedIssuers", `issuer must not carry a query or fragment: ${JSON.stringify(value)}`);
  }
  // Kept verbatim: `iss` is compared as an exact string (RFC 7519 §4.1.1).
  return value;
}

export function resolveConfig(options: SampleServiceOptions = {}): ServiceConfig {
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host.length === 0) {
    throw new SampleServiceError("invalid_option", "host", "host must be a non-empty string");
  }
  const smtp = options.smtp;
  if (smtp !== undefined) {
    if (typeof smtp.host !== "string" || smtp.host.length === 0) {
      throw new SampleServiceError("invalid_option", "smtp.host", "smtp.host must be a non-empty string");
    }
    positiveInteger(smtp.port, 0, "smtp.port", 65_535);
  }
  const variants = Variants.from(options.variants ?? []);
  return {
    host,
    port: nonNegativeInteger(options.port, 0, "port", 65_535),
    faults: Faults.from(options.faults ?? []),
    variants,
    // The single-trusted-issuer variant trusts the first issuer it is given, as most services do.
    trustedIssuers: Object.freeze((options.trustedIssuers ?? []).map(trustedIssuer).slice(0, variants.has("single-trusted-issuer") ? 1 : undefined)),
    smtp: smtp === undefined ? null : { host: smtp.host, port: smtp.port, from: smtp.from ?? DEFAULT_FROM },
    mailDirectory: options.mailDirectory ?? null,
    clockSkewSeconds: nonNegativeInteger(options.clockSkewSeconds, 60, "clockSkewSeconds", 3600),
    // 0 is allowed for TTLs so tests can produce already-expired secrets without waiting.
    otpTtlSeconds: nonNegativeInteger(options.otpTtlSeconds, 600, "otpTtlSeconds", 86_400),
    otpMaxAttempts: positiveInteger(options.otpMaxAttempts, 5, "otpMaxAttempts", 1000),
    claimTtlSeconds: nonNegativeInteger(options.claimTtlSeconds, 3600, "claimTtlSeconds", 30 * 86_400),
    accessTokenTtlSeconds: nonNegativeInteger(options.accessTokenTtlSeconds, 3600, "accessTokenTtlSeconds", 30 * 86_400),
    maxAssertionLifetimeSeconds: 3600,
    maxLogoutTokenAgeSeconds: 3600,
    maxBodyBytes: 64 * 1024,
    log: options.log ?? (() => {}),
  };
}

/** `http://host:port` with IPv6 literals bracketed. */
export function originFor(host: string, port: number): string {
  const hostPart = isIP(host) === 6 ? `[${host}]` : host;
  return `http://${hostPart}:${port}`;
}
