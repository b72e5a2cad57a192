import { readJsonObject } from "../../http/body.ts";
import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendOAuthError } from "../http/respond.ts";
import { ID_JAG_ASSERTION_TYPE } from "../protocol.ts";
import { registerAnonymous } from "./anonymous.ts";
import { registerIdJag } from "./id-jag.ts";
import { RegistrationRateLimit } from "./rate-limit.ts";
import { registerServiceAuth } from "./service-auth.ts";

/** POST /agent/identity: JSON, dispatched on `type` (REG-01). `requested_credential_type` is ignored (REG-03). */
export function identityHandler(ctx: ContextV07): Handler {
  const limit = new RegistrationRateLimit(ctx.config.registrationsPerMinute, ctx.now, ctx.config.choices.rateLimitWindowSeconds);
  return async (req, res) => {
    const retryAfter = limit.retryAfter(req.socket.remoteAddress ?? "");
    if (retryAfter !== undefined) {
      req.resume();
      if (ctx.faults.has("v07-rate-limit-403")) return sendOAuthError(res, 403, "forbidden", "too many registrations from this address");
      return sendOAuthError(res, 429, "rate_limited", "too many registrations from this address", { "Retry-After": String(retryAfter) });
    }
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    const type = body.type === undefined && ctx.faults.has("v07-missing-type-anonymous") ? "anonymous" : body.type;
    switch (type) {
      case "anonymous":
        return registerAnonymous(ctx, res, body.requested_credential_type);
      case "service_auth":
        return registerServiceAuth(ctx, res, body.login_hint);
      case "identity_assertion": {
        if (body.assertion_type === "verified_email" && ctx.faults.has("v07-verified-email-type-accepted")) {
          return registerServiceAuth(ctx, res, body.assertion);
        }
        if (body.assertion_type === "verified_email" && ctx.faults.has("v07-removed-error-code")) {
          return sendOAuthError(res, 400, "verified_email_not_enabled", "verified_email assertions are not enabled");
        }
        if (body.assertion_type !== ID_JAG_ASSERTION_TYPE) {
          return sendOAuthError(res, 400, "invalid_request", `assertion_type must be ${ID_JAG_ASSERTION_TYPE}`);
        }
        if (typeof body.assertion !== "string" || body.assertion.length === 0) {
          return sendOAuthError(res, 400, "invalid_request", "assertion: must be a non-empty string");
        }
        return registerIdJag(ctx, res, body.assertion);
      }
      default:
        if (ctx.faults.has("v07-identity-errors-no-description")) return sendJson(res, 400, { error: "invalid_request" });
        return sendOAuthError(res, 400, "invalid_request", "type must be anonymous, identity_assertion or service_auth");
    }
  };
}
