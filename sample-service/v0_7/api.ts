import type { IncomingMessage, ServerResponse } from "node:http";
import type { Handler } from "../http/router.ts";
import type { ContextV07 } from "./context.ts";
import { quote, sendJson, sendOAuthError } from "./http/respond.ts";
import { PATHS } from "./protocol.ts";
import type { AccessToken } from "./store/model.ts";

/** The protected API: GET /api/notes needs api.read, POST /api/notes needs api.write (RFC 6750). */
export function notesHandlers(ctx: ContextV07): { list: Handler; create: Handler } {
  const notes: { id: number; registration_id: string; text: string }[] = [];
  return {
    list: (req, res) => {
      const token = authenticate(ctx, req, res, "api.read");
      if (token) sendJson(res, 200, { notes: notes.filter((n) => n.registration_id === token.registrationId) });
    },
    create: (req, res) => {
      req.resume();
      const token = authenticate(ctx, req, res, "api.write");
      if (!token) return;
      const note = { id: notes.length + 1, registration_id: token.registrationId, text: "note" };
      notes.push(note);
      sendJson(res, 201, note);
    },
  };
}

/** 401 with the resource_metadata hint (RFC 9728 §5.1) when the token is absent or dead; 403 insufficient_scope. */
function authenticate(ctx: ContextV07, req: IncomingMessage, res: ServerResponse, scope: string): AccessToken | undefined {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  const record = match?.[1] === undefined ? undefined : ctx.store.accessToken(match[1]);
  const expired = record !== undefined && ctx.now() >= record.expiresAt && !ctx.faults.has("v07-expired-access-token-accepted");
  if (record === undefined || record.revoked || expired) {
    const prm = ctx.faults.has("v07-resource-metadata-wrong-url") ? `${ctx.origin}/.well-known/resource-metadata` : `${ctx.origin}${PATHS.prm}`;
    // RFC 6750 §3.1: a presented token that is not live says error="invalid_token"; no token, no error code.
    const error = match !== null && !ctx.faults.has("v07-api-401-no-error-code") ? `error="invalid_token", ` : "";
    const challenge = ctx.faults.has("v07-api-401-no-resource-metadata") ? `Bearer ${error}`.replace(/, $/, "").trim() : `Bearer ${error}resource_metadata=${quote(prm)}`;
    sendOAuthError(res, 401, "invalid_token", "a live access_token is required", { "WWW-Authenticate": challenge });
    return undefined;
  }
  const skipScope = scope === "api.write" && ctx.faults.has("v07-write-scope-not-checked");
  // v07-pre-claim-read-refused: the read route also wants api.write, so a pre-claim token reads nothing.
  const readNeedsWrite = scope === "api.read" && ctx.faults.has("v07-pre-claim-read-refused") && !record.scopes.includes("api.write");
  if ((!record.scopes.includes(scope) && !skipScope) || readNeedsWrite) {
    if (ctx.faults.has("v07-insufficient-scope-forbidden")) {
      sendOAuthError(res, 403, "forbidden", `this route needs ${scope}`);
      return undefined;
    }
    sendOAuthError(res, 403, "insufficient_scope", `this route needs ${scope}`, {
      "WWW-Authenticate": `Bearer error="insufficient_scope", scope=${quote(scope)}, resource_metadata=${quote(`${ctx.origin}${PATHS.prm}`)}`,
    });
    return undefined;
  }
  return record;
}
