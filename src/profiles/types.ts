import type { HttpClient, HttpResponse } from "../http/client.ts";
import type { Target } from "../target/target.ts";

/**
 * The profile seam: everything that changed between protocol revisions (paths, field names,
 * vocabularies, error codes, where the suites live) is read from a Profile, never hard-coded in
 * the harness. v0.1 is the first; a later profile adds its own folder here and under suites/.
 */
export type ErrorKey =
  | "ISS"
  | "SIG"
  | "EXP"
  | "AUD"
  | "RPL"
  | "CID"
  | "VER"
  | "CRED"
  | "OFF"
  | "RATE"
  | "CLM"
  | "DONE"
  | "OTP_INVALID"
  | "OTP_EXPIRED"
  | "CLAIM_EXPIRED"
  | "REQ"
  | "TYP";

/** Which documented vocabulary a code belongs to. Sources disagree; we accept each and report which. */
export type Vocabulary = "auth.md" | "guides" | "spec-native";

export type ErrorAliases = Readonly<Record<ErrorKey, Partial<Record<Vocabulary, readonly string[]>>>>;

export interface ProfileVocabulary {
  identityTypes: readonly string[];
  assertionTypes: readonly string[];
  credentialTypes: readonly string[];
  events: readonly string[];
}

/**
 * A provider ID-JAG presented to the service, normalised across revisions (v0.1: POST register_uri
 * → a credential; v0.7: POST identity_endpoint → identity_assertion, then the jwt-bearer
 * access_token is the credential). `status` and `json` are the registration answer a verdict
 * judges; `json` is its body.
 */
export interface IdJagPresentation {
  /** 2xx carrying the revision's success member (v0.1 `credential`, v0.7 `identity_assertion`). */
  accepted: boolean;
  status: number;
  json: unknown;
  /** The `error` member of a refusal. */
  code?: string;
  /** The bearer credential for the protected API, when the service issued one. */
  credential?: string;
  credentialType?: string;
  registrationId?: string;
  registrationType?: string;
  /** Granted scopes as the revision reports them (v0.1 `scopes`, v0.7 the token's `scope`). */
  scopes?: string[];
  response: HttpResponse;
}

/** The endpoints a revision advertises for agents (DISC-EP-01 probes each). */
export interface AdvertisedEndpoint {
  /** Where it is advertised ("agent_auth.register_uri", "token_endpoint"). */
  name: string;
  url: string;
  /** The media type the endpoint takes: an empty body of it is the existence probe (default JSON `{}`). */
  body?: "json" | "form" | "secevent";
}

/**
 * The agent-side calls shared checks make, implemented once per revision (src/profiles/v0_*\/driver.ts).
 * Every call goes through the check's HttpClient, so its exchanges are the check's evidence.
 */
export interface AgentDriver {
  /** Present a provider ID-JAG for registration (v0.1 asks for `credentialType`; v0.7 has none). */
  presentIdJag(assertion: string, options?: { credentialType?: string }): Promise<IdJagPresentation>;
  /** Call the configured read probe with `Authorization: Bearer <credential>`. */
  callApi(credential: string): Promise<HttpResponse>;
  /** The agent endpoints the discovery documents advertise. */
  advertisedEndpoints(): AdvertisedEndpoint[];
  /** A credential the service issued and then revoked (v0.7: RFC 7009); undefined when the revision has no such step. */
  revokedCredential?(): Promise<{ credential?: string; reason?: string; optedOut?: boolean }>;
  /**
   * A fresh anonymous registration's pre-claim credential (v0.7: the jwt-bearer access_token for its
   * identity_assertion, TOK-JWTB-01). `refusal` is the registration's answer when it was refused.
   * Undefined when the revision's checks walk their own ceremony (v0.1).
   */
  preClaimCredential?(): Promise<{ credential?: string; reason?: string; refusal?: HttpResponse; optedOut?: boolean }>;
  /** A fresh registration's claim_token (v0.7: anonymous at identity_endpoint); undefined when the revision's checks walk their own ceremony (v0.1). */
  newClaimToken?(): Promise<{ claimToken: string } | { problem: string; optedOut?: boolean }>;
  /** Call the configured write probe (when configured) with a bearer credential. */
  callWriteApi?(credential: string): Promise<HttpResponse>;
}

/** Checks of an earlier profile that are the same rule here and run in this profile's runs, keeping their ids. */
export interface SharedChecks {
  /** Suite files relative to the package root, without the .check.ts/.check.js extension. */
  files: readonly string[];
  /** The ids of those files this profile plans; the files' other ids do not run here. */
  ids: readonly string[];
}

export interface Profile {
  id: string;
  title: string;
  /** Folder of the profile's vitest suites, relative to the package root. */
  suitesDir: string;
  wellKnown: {
    protectedResource: string;
    authorizationServer: string;
    manifest: string;
  };
  vocabulary: ProfileVocabulary;
  errors: ErrorAliases;
  /** Section headings a manifest is expected to carry (matched loosely). */
  manifestSections: readonly { name: string; pattern: RegExp }[];
  /** The agent driver shared checks call instead of building requests. */
  agent(http: HttpClient, target: Target): AgentDriver;
  /** Check files of another profile run in this one (the same rule in both revisions). */
  shared?: SharedChecks;
}
