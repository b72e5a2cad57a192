import { mediaType, readTextBody } from "../../http/body.ts";
import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendSetError } from "../http/respond.ts";
import { REVOKED_EVENT, SET_MEDIA_TYPE } from "../protocol.ts";
import { SetError } from "../verify/set.ts";
import { decodeJwt } from "jose";
import { revokeIdentity } from "./revoke-identity.ts";

/** Fault only: the (iss, sub) of a SET revoked from its unverified payload (before the aud check). */
function revokeUnverified(ctx: ContextV07, token: string): void {
  const claims = decodeJwt(token);
  if (typeof claims.iss === "string" && typeof claims.sub === "string") revokeIdentity(ctx, { iss: claims.iss, sub: claims.sub });
}

/**
 * events_endpoint: SET delivery by push (RFC 8935 §2): `application/secevent+jwt`, 202 with an
 * empty body when accepted, 400 `{err, description}` otherwise. Unknown event schemas are
 * accepted and ignored (RFC 8417 §2.2); the revoked event revokes the (iss, sub) delegation.
 */
export function eventsHandler(ctx: ContextV07): Handler {
  const oauthShape = ctx.faults.has("v07-set-error-oauth-shape");
  const accepted = ctx.faults.has("v07-set-json-content-type") ? [SET_MEDIA_TYPE, "application/json"] : [SET_MEDIA_TYPE];
  return async (req, res) => {
    if (!accepted.includes(mediaType(req))) {
      req.resume();
      return sendSetError(res, "invalid_request", `Content-Type must be ${SET_MEDIA_TYPE}`, oauthShape);
    }
    const body = await readTextBody(req, res, accepted, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    // The bug: the header is decoded before the compact form (three parts) was checked.
    if (ctx.faults.has("v07-events-not-jws-500") && body.text.trim().split(".").length !== 3) throw new TypeError("Cannot read properties of undefined (reading 'split')");
    let verified;
    try {
      verified = await ctx.set.verify(body.text.trim());
    } catch (error) {
      if (error instanceof SetError) {
        if (error.err === "invalid_audience" && ctx.faults.has("v07-set-revokes-before-aud-check")) revokeUnverified(ctx, body.text.trim());
        return sendSetError(res, error.err, error.description, oauthShape);
      }
      throw error;
    }
    const revokes = verified.events.includes(REVOKED_EVENT) || ctx.faults.has("v07-set-unknown-event-revokes") || verified.events.length === 0;
    if (revokes) revokeIdentity(ctx, { iss: verified.iss, sub: verified.sub });
    if (ctx.faults.has("v07-set-200-body")) return sendJson(res, 200, { status: "accepted" });
    res.statusCode = 202;
    res.setHeader("Content-Length", 0);
    res.end();
  };
}
