import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { sendError } from "../http/respond.ts";
import { PATHS } from "../protocol.ts";

/**
 * 401 from a claim endpoint. RFC 9110 §15.5.2 requires a challenge on every 401, so these carry
 * the same discovery hint as the API (the 401-* discovery faults do not touch them).
 */
export function sendClaimUnauthorized(ctx: ServiceContext, res: ServerResponse, code: string, message: string): void {
  sendError(res, 401, code, message, { "WWW-Authenticate": `Bearer resource_metadata="${ctx.origin}${PATHS.prm}"` });
}
