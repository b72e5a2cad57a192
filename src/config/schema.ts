import { z } from "zod";
import { userActorConfigSchema } from "../actors/v0_7/config.ts";
import { mailboxConfigSchema } from "../mailbox/config.ts";

/**
 * The run configuration. One schema serves the YAML file, the environment and the flags; its
 * JSON Schema is exported for editors (authmd-conformance.schema.json).
 */
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: "must be an http(s) URL" });

const apiProbe = z
  .object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
    /** Absolute URL, or a path resolved against the PRM resource's origin. */
    path: z.string().min(1),
    /** JSON body sent with the probe (write probes). */
    body: z.unknown().optional(),
  })
  .strict();

/** Property-based and stateful fuzzing (FUZZ-* checks): every property is bounded in runs, requests and time. */
export const fuzzSchema = z
  .object({
    /** Generated cases per property (--runs); sample sizes scale with it. */
    runs: z.number().int().positive().max(100_000).default(20),
    /** Requests one property may send, shrinking included; past it the property stops and says so. */
    maxRequestsPerProperty: z.number().int().positive().default(400),
    /** Wall time one property may take; past it the property stops and says so. */
    maxMsPerProperty: z.number().int().positive().default(20_000),
    /** FUZZ-OTP-LOCK-01: the most consecutive wrong OTPs a claim attempt may take before the correct one stops working. */
    maxOtpAttempts: z.number().int().positive().max(100).default(10),
    /** Opt-in attack mode (--prove-otp-bruteforce): search the 10^6 OTP space of one claim, outside the normal budget. */
    proveOtpBruteforce: z.boolean().default(false),
    bruteforce: z
      .object({
        /** Hard cap on guesses (--bruteforce-max-attempts). */
        maxAttempts: z.number().int().positive().max(1_000_000).default(1_000_000),
        /** Hard cap on wall time; the OTP's own expiry caps it further. */
        maxMs: z.number().int().positive().default(600_000),
        /** Guesses in flight at once. */
        concurrency: z.number().int().positive().max(256).default(32),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export const configSchema = z
  .object({
    /** Base URL of the service under test (where /auth.md and the PRM live). */
    target: httpUrl.optional(),
    /** Protocol revision to certify; `auto` reads the discovery documents and picks one (src/profiles/detect.ts). */
    profile: z.enum(["auto", "v0.1", "v0.7"]).default("auto"),
    /** Where the reports are written. */
    out: z.string().min(1).default("reports"),
    /** Requirement id globs to run ("DISC-*"); empty = all. */
    only: z.array(z.string().min(1)).default([]),
    /** Requirement id globs not to run ("FUZZ-*"), applied after `only`. */
    skip: z.array(z.string().min(1)).default([]),
    /** Run only the read-only discovery checks and send nothing but GET/HEAD (like a scanner). */
    passive: z.boolean().default(false),
    /** Seed for every random choice the run makes (property runs, generated identities). */
    seed: z.number().int().nonnegative().optional(),
    timeouts: z
      .object({
        /** One HTTP exchange, connect to last byte. */
        requestMs: z.number().int().positive().default(10_000),
        /** One check. */
        checkMs: z.number().int().positive().default(60_000),
        /** The whole run; past it the run ends and unfinished checks are reported as errors. */
        runMs: z.number().int().positive().default(900_000),
      })
      .strict()
      .prefault({}),
    http: z
      .object({
        /** Response bodies beyond this are cut and the exchange marked truncated. */
        maxBodyBytes: z.number().int().positive().default(1_048_576),
        /** Origins besides the target's (and the harness's own mock servers) the harness may contact. */
        allowedOrigins: z.array(httpUrl).default([]),
        /** Hard cap on requests sent to the target in one run. */
        requestBudget: z.number().int().positive().default(5_000),
        /** Max requests per second to the target. */
        maxRatePerSecond: z.number().positive().default(50),
        /** Extra headers sent on every request (e.g. a staging bypass token). Redacted in reports. */
        headers: z.record(z.string(), z.string()).default({}),
        /**
         * A 429 that says "slow down" (a Retry-After header, or error rate_limited) is waited out
         * and the request sent again, bounded: retries per request, one wait, all waits of the run.
         * Retries spend the request budget like any request. maxRetries 0 turns it off.
         */
        slowDown: z
          .object({
            maxRetries: z.number().int().min(0).max(10).default(3),
            maxWaitMs: z.number().int().min(0).max(120_000).default(10_000),
            maxTotalWaitMs: z.number().int().min(0).default(60_000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** RATE-01: does the target rate-limit registration at all? A few anonymous registrations, at the run's rate. */
    rateLimit: z
      .object({
        /** false turns RATE-01 off (it then skips, saying so). */
        check: z.boolean().default(true),
        /** Most registrations RATE-01 sends looking for a 429 (it stops at the first). */
        maxRequests: z.number().int().min(1).max(50).default(10),
      })
      .strict()
      .prefault({}),
    /** Requests that need a scope: the read probe needs the pre-claim scope, the write probe a post-claim one. */
    api: z
      .object({
        read: apiProbe.optional(),
        write: apiProbe.optional(),
      })
      .strict()
      .prefault({}),
    /** The mock agent provider (IdP) the harness plays; the target must trust its issuer. */
    provider: z
      .object({
        /** live: serve a JWKS from the mock; key: sign with your key (the service pins its JWKS); off: no ID-JAG checks. */
        mode: z.enum(["live", "key", "off"]).default("live"),
        host: z.string().default("127.0.0.1"),
        /** 0 = any free port. Fix it when the target's trust list names the issuer. */
        port: z.number().int().min(0).max(65535).default(0),
        /** Public issuer URL, when the service reaches the mock through a tunnel or fixed host. */
        issuer: httpUrl.optional(),
        alg: z.enum(["ES256", "RS256", "EdDSA"]).default("ES256"),
        /** mode key: a JSON file holding the private JWK to sign with. Never copied into reports. */
        signingKeyFile: z.string().optional(),
        /**
         * live mode: keep the mock provider's signing keys (primary and second issuer) in this
         * directory, so the kid stays the same from run to run and a target's JWKS cache keeps
         * trusting it. Default for `run`: ./.authmd-conformance (relative to the working
         * directory); `demo` keeps ephemeral keys unless it is set. Holds private keys (mode 0600).
         */
        stateDir: z.string().min(1).optional(),
        /**
         * When the target refuses the valid baseline ID-JAG with a key-lookup error (unknown kid,
         * signature, JWKS), wait this long and try once more (a JWKS fetch may be in flight).
         */
        baselineRetryMs: z.number().int().min(0).max(60_000).default(5_000),
        /**
         * A second trusted issuer, for the checks that need two (SIG-10, REV-03). enabled defaults
         * to false for `run` (a service most often trusts one issuer: those checks are skipped)
         * and to true for `demo`. Without port it is served on the primary's listener at
         * `${provider issuer}/second-issuer`, so fixing provider.port (or provider.issuer) fixes
         * both; with port it gets a listener of its own on that port.
         */
        second: z
          .object({
            enabled: z.boolean().optional(),
            /** A listener of its own on this port (0 = any free port) instead of a path on the primary's. */
            port: z.number().int().min(0).max(65535).optional(),
            /** Public issuer URL of a second issuer with a port of its own (tunnels). */
            issuer: httpUrl.optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** aud of the ID-JAGs: auto follows the ID-JAG draft (AS issuer) and falls back to the PRM resource. */
    audience: z.union([z.enum(["auto", "issuer", "resource"]), httpUrl]).default("auto"),
    /** Pin one error-code vocabulary instead of accepting every documented alias. */
    strictCodes: z.enum(["auth.md", "guides", "spec-native"]).optional(),
    /** Where the harness, playing the user, reads the claim mail (default: an embedded SMTP sink). */
    mailbox: mailboxConfigSchema.optional().transform((v) => v ?? mailboxConfigSchema.parse(undefined)),
    mail: z
      .object({
        /** How long to wait for one claim mail. */
        waitMs: z.number().int().positive().default(15_000),
        /** Regular expression picking the claim link out of the mail (default: a link with a token or "claim"). */
        linkPattern: z.string().optional(),
      })
      .strict()
      .prefault({}),
    /** Property-based and stateful fuzzing (FUZZ-* checks): see fuzzSchema. */
    fuzz: fuzzSchema,
    /**
     * v0.7: who plays the person in a claim ceremony (v0.7.md §14): the adapter, the accounts it
     * signs in as, and the declared sign-in and claim steps. Without it the ceremony checks are
     * blocked with a cause that says so.
     */
    userActor: userActorConfigSchema.optional(),
    /**
     * The slow tier: checks that must wait out a lifetime the target does not let the config
     * shorten (a 600 s user_code, a 24 h claim window) run only when this is on; otherwise they skip.
     */
    slow: z.boolean().default(false),
    user: z
      .object({
        /** Address the harness asserts/claims with; must reach the configured mailbox. */
        email: z.string().email().default("agent-user@example.test"),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
}
