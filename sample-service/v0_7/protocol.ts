/** Fixed facts of the v0.7 sample service: names, scopes, paths, URIs (all on one origin). */
export const SERVICE_NAME = "Sample Notes";
export const SCOPES_SUPPORTED = ["api.read", "api.write"] as const;
export const PRE_CLAIM_SCOPES = ["api.read"] as const;
export const POST_CLAIM_SCOPES = ["api.read", "api.write"] as const;

export const ID_JAG_ASSERTION_TYPE = "urn:ietf:params:oauth:token-type:id-jag";
export const ID_JAG_TYP = "oauth-id-jag+jwt";
export const SET_TYP = "secevent+jwt";
export const SET_MEDIA_TYPE = "application/secevent+jwt";
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
export const CLAIM_GRANT = "urn:workos:agent-auth:grant-type:claim";
export const REVOKED_EVENT = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
export const IDENTITY_TYPES = ["anonymous", "identity_assertion", "service_auth"] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

export const PATHS = {
  prm: "/.well-known/oauth-protected-resource",
  asMetadata: "/.well-known/oauth-authorization-server",
  jwks: "/.well-known/jwks.json",
  authMd: "/auth.md",
  identity: "/agent/identity",
  claim: "/agent/identity/claim",
  claimComplete: "/agent/identity/claim/complete",
  events: "/agent/event/notify",
  token: "/oauth2/token",
  revoke: "/oauth2/revoke",
  login: "/login",
  logout: "/logout",
  claimPage: "/claim",
  notes: "/api/notes",
} as const;

/** Responses that carry secrets or one-time state (incl. the user pages): Cache-Control no-store. */
export function isNoStorePath(pathname: string): boolean {
  return pathname.startsWith("/agent/") || pathname.startsWith("/oauth2/") || pathname === PATHS.login || pathname === PATHS.claimPage;
}

/** The login_hint forms this service recognises: an email with a dotted domain (as the reference). */
export function isEmailHint(value: unknown): value is string {
  return typeof value === "string" && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
