import type { ServerResponse } from "node:http";
import type { HeaderMap } from "../../http/respond.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendOAuthError } from "../http/respond.ts";

/** An RFC 6749 §5.2 error from the token or revocation endpoint (the fault uses `message`). */
export function tokenError(ctx: ContextV07, res: ServerResponse, status: number, error: string, description: string, headers: HeaderMap = {}): void {
  if (ctx.faults.has("v07-token-error-message-field")) sendJson(res, status, { error, message: description }, headers);
  else sendOAuthError(res, status, error, description, headers);
}
