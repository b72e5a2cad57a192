import type { ServiceContext } from "../context.ts";
import type { Handler } from "../http/router.ts";
import { sendJson } from "../http/respond.ts";
import { ID_JAG_ASSERTION_TYPE, PATHS, VERIFIED_EMAIL_ASSERTION_TYPE } from "../protocol.ts";
import { REVOKED_EVENT } from "../verify/logout-token.ts";
import { buildPrm } from "./prm.ts";

/** The `agent_auth` block of AUTH.md Step 1b, with absolute URLs on this origin. */
export function buildAgentAuth(ctx: ServiceContext): Record<string, unknown> {
  const { faults, origin } = ctx;
  const relative = faults.has("agent-auth-relative-uris");
  // Variant trailing-slash-urls: endpoints advertised with a trailing "/" (the router serves both forms).
  const slash = ctx.variants.has("trailing-slash-urls") ? "/" : "";
  const block: Record<string, unknown> = { skill: `${origin}${PATHS.authMd}` };
  if (!faults.has("agent-auth-missing-register-uri")) block.register_uri = `${origin}${PATHS.register}${slash}`;
  block.claim_uri = relative ? PATHS.claim : `${origin}${PATHS.claim}${slash}`;
  block.revocation_uri = relative ? PATHS.revoke : `${origin}${PATHS.revoke}${slash}`;
  block.identity_types_supported = ["anonymous", "identity_assertion"];
  if (!faults.has("agent-auth-inconsistent-supported")) {
    block.anonymous = { credential_types_supported: ["api_key"] };
  }
  const assertionCredentialTypes = ["access_token", "api_key"];
  if (faults.has("agent-auth-unknown-values")) assertionCredentialTypes.push("refresh_token");
  block.identity_assertion = {
    // Fault idjag-hide-verified-email: the flow is still served, only the metadata stops saying so.
    assertion_types_supported: faults.has("idjag-hide-verified-email") ? [ID_JAG_ASSERTION_TYPE] : [ID_JAG_ASSERTION_TYPE, VERIFIED_EMAIL_ASSERTION_TYPE],
    credential_types_supported: assertionCredentialTypes,
  };
  block.events_supported = [REVOKED_EVENT];
  return block;
}

/** RFC 8414 metadata: `issuer`, the restated PRM fields, and `agent_auth`. */
export function buildAsMetadata(ctx: ServiceContext): Record<string, unknown> {
  const prm = buildPrm(ctx);
  const doc: Record<string, unknown> = {};
  if (!ctx.faults.has("as-no-issuer")) doc.issuer = ctx.faults.has("as-issuer-other-host") ? "https://auth.sample-notes.test" : ctx.origin;
  // Restated from the PRM document so PRM faults stay consistent here and break only their own rule.
  if (prm.resource !== undefined) doc.resource = prm.resource;
  doc.authorization_servers = prm.authorization_servers;
  doc.scopes_supported = ctx.faults.has("as-scopes-differ") ? ["api.read"] : prm.scopes_supported;
  doc.bearer_methods_supported = prm.bearer_methods_supported;
  doc.agent_auth = buildAgentAuth(ctx);
  return doc;
}

export function asMetadataHandler(ctx: ServiceContext): Handler {
  return (_req, res) => sendJson(res, 200, buildAsMetadata(ctx));
}
