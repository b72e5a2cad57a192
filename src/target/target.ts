/**
 * What discovery learned about the service under test, handed to every suite. Plain JSON
 * (it crosses into the vitest workers). Fields are optional because a broken service is exactly
 * what we are here to report: suites decide what a missing piece means for their checks.
 */
export interface ApiProbe {
  method: string;
  url: string;
  body?: unknown;
}

export interface Target {
  /** The configured base URL, without a trailing slash. */
  url: string;
  origin: string;
  profile: string;
  /** Where the PRM was looked for (the 401 hint when it named one, else the conventional path). */
  prmUrl: string;
  prm?: Record<string, unknown>;
  resource?: string;
  /** authorization_servers[0] as published. */
  authorizationServer?: string;
  asMetadataUrl?: string;
  asMetadata?: Record<string, unknown>;
  agentAuth?: Record<string, unknown>;
  /** The manifest's URL: agent_auth.skill when advertised, else <target>/auth.md. */
  manifestUrl: string;
  endpoints: {
    register?: string;
    claim?: string;
    revocation?: string;
    challenge?: string;
    complete?: string;
  };
  api: { read: ApiProbe; write?: ApiProbe };
  /** Origins the harness may contact (target, configured extras, its own mock servers). */
  allowedOrigins: string[];
  /** What discovery could not do, in words, for "Not testable" messages. */
  notes: string[];
}
