/** Fixed facts about the sample service: its name, scopes and paths (all on one origin). */
export const SERVICE_NAME = "Sample Notes";
export const SCOPES_SUPPORTED = ["api.read", "api.write"] as const;
export const PRE_CLAIM_SCOPES = ["api.read"] as const;
export const POST_CLAIM_SCOPES = ["api.read", "api.write"] as const;

export const ID_JAG_ASSERTION_TYPE = "urn:ietf:params:oauth:token-type:id-jag";
export const VERIFIED_EMAIL_ASSERTION_TYPE = "verified_email";

export const PATHS = {
  prm: "/.well-known/oauth-protected-resource",
  asMetadata: "/.well-known/oauth-authorization-server",
  authMd: "/auth.md",
  register: "/agent/auth",
  claim: "/agent/auth/claim",
  claimView: "/agent/auth/claim/view",
  challenge: "/agent/auth/claim/attempt/challenge",
  complete: "/agent/auth/claim/complete",
  revoke: "/agent/auth/revoke",
  apiRoot: "/api/",
  notes: "/api/notes",
} as const;

/** Every /agent/auth* response gets Cache-Control: no-store. */
export function isAgentAuthPath(pathname: string): boolean {
  return pathname === PATHS.register || pathname.startsWith(`${PATHS.register}/`);
}
