import type { ServiceContext } from "../context.ts";
import type { Handler } from "../http/router.ts";
import { sendJson } from "../http/respond.ts";
import { SCOPES_SUPPORTED, SERVICE_NAME } from "../protocol.ts";

/** RFC 9728 protected resource metadata, with any PRM fault applied. */
export function buildPrm(ctx: ServiceContext): Record<string, unknown> {
  const { faults, origin } = ctx;
  const doc: Record<string, unknown> = {};
  if (!faults.has("prm-no-resource")) {
    // The AUTH.md example's shape: an identifier that is not the one the PRM URL derives from.
    doc.resource = faults.has("prm-resource-mismatch") ? `${origin}/api/` : ctx.resource;
  }
  doc.resource_name = SERVICE_NAME;
  // Variant trailing-slash-urls: written with the trailing "/" of the AUTH.md example (same origin).
  doc.authorization_servers = faults.has("prm-no-authorization-servers") ? [] : [ctx.variants.has("trailing-slash-urls") ? `${origin}/` : origin];
  doc.scopes_supported = [...SCOPES_SUPPORTED];
  doc.bearer_methods_supported = faults.has("prm-no-header-bearer") ? ["body"] : ["header"];
  return doc;
}

export function prmHandler(ctx: ServiceContext): Handler {
  return (_req, res) => sendJson(res, 200, buildPrm(ctx));
}
