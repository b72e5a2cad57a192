import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import { CLAIM_GRANT, ID_JAG_ASSERTION_TYPE, IDENTITY_TYPES, JWT_BEARER_GRANT, PATHS, REVOKED_EVENT, SCOPES_SUPPORTED, SERVICE_NAME } from "../protocol.ts";

/** RFC 9728 protected resource metadata (A7 Step 1a). */
export function prmHandler(ctx: ContextV07): Handler {
  const f = ctx.faults;
  return (_req, res) =>
    sendJson(res, 200, {
      ...(f.has("v07-prm-no-resource") ? {} : { resource: ctx.resource }),
      ...(f.has("v07-prm-no-authorization-servers") ? {} : { authorization_servers: [ctx.config.choices.prmAuthorizationServerTrailingSlash ? `${ctx.origin}/` : ctx.origin] }),
      scopes_supported: [...SCOPES_SUPPORTED],
      ...(f.has("v07-prm-no-bearer-methods") ? {} : { bearer_methods_supported: ["header"] }),
      resource_name: SERVICE_NAME,
      resource_logo_uri: `${ctx.origin}/logo.png`,
    });
}

/** RFC 8414 AS metadata with the agent_auth block (A7 Step 1b). */
export function asMetadataHandler(ctx: ContextV07): Handler {
  const f = ctx.faults;
  const url = (path: string): string => (f.has("v07-relative-endpoints") ? path : `${ctx.origin}${path}`);
  return (_req, res) =>
    sendJson(res, 200, {
      ...(f.has("v07-as-metadata-no-issuer") ? {} : { issuer: f.has("v07-issuer-trailing-slash") ? `${ctx.origin}/` : ctx.origin }),
      token_endpoint: url(PATHS.token),
      revocation_endpoint: url(PATHS.revoke),
      grant_types_supported: f.has("v07-grant-types-no-claim") ? [JWT_BEARER_GRANT] : [JWT_BEARER_GRANT, CLAIM_GRANT],
      token_endpoint_auth_methods_supported: ["none"],
      revocation_endpoint_auth_methods_supported: ["none"],
      scopes_supported: [...SCOPES_SUPPORTED],
      agent_auth: {
        skill: url(PATHS.authMd),
        ...(f.has("v07-old-agent-auth-names")
          ? { register_uri: url(PATHS.identity), claim_uri: url(PATHS.claim) }
          : { identity_endpoint: url(PATHS.identity), claim_endpoint: url(PATHS.claim) }),
        events_endpoint: url(PATHS.events),
        identity_types_supported: IDENTITY_TYPES.filter((t) => !(t === "service_auth" && f.has("v07-service-auth-disabled-wrong-code"))),
        identity_assertion: {
          assertion_types_supported: f.has("v07-assertion-types-verified-email") ? [ID_JAG_ASSERTION_TYPE, "verified_email"] : [ID_JAG_ASSERTION_TYPE],
        },
        ...(f.has("v07-events-supported-missing") ? {} : { events_supported: [REVOKED_EVENT] }),
      },
    });
}

/** The service's own JWKS: the key that signs identity_assertions (CL v0.2.0). */
export function jwksHandler(ctx: ContextV07): Handler {
  return (_req, res) => sendJson(res, 200, ctx.keys.jwks);
}
