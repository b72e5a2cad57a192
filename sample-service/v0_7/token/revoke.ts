import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { readForm } from "../http/form.ts";
import { tokenError } from "./error.ts";

/**
 * POST /oauth2/revoke (RFC 7009): revokes an access_token; unknown or already revoked tokens also
 * answer 200 (§2.2), and token_type_hint is only a hint (§2.1). The identity_assertion lives on.
 */
export function revokeHandler(ctx: ContextV07): Handler {
  return async (req, res) => {
    const form = await readForm(req, res, ctx.config.maxBodyBytes);
    if (form === undefined) return;
    const noToken = form.token === undefined || form.token === "";
    if (noToken && !ctx.faults.has("v07-revoke-no-token-200")) return tokenError(ctx, res, 400, "invalid_request", "token is required");
    const hint = form.token_type_hint;
    if (hint !== undefined && hint !== "access_token" && (ctx.faults.has("v07-revoke-hint-strict") || ctx.config.choices.tokenTypeHints === "access_token-only")) {
      return tokenError(ctx, res, 400, "invalid_request", "token_type_hint must be access_token");
    }
    const record = noToken ? undefined : ctx.store.accessToken(form.token ?? "");
    if (record === undefined && ctx.faults.has("v07-revoke-jwt-500") && (form.token ?? "").split(".").length === 3) {
      // The bug: an unknown JWT-shaped token is taken for a provider token and dereferenced.
      throw new TypeError("cannot read properties of undefined (reading 'sub')");
    }
    if (record === undefined && !noToken && ctx.faults.has("v07-revoke-unknown-token-400")) {
      return tokenError(ctx, res, 400, "invalid_grant", "unknown token");
    }
    if (record !== undefined && !ctx.faults.has("v07-revoke-noop")) {
      record.revoked = true;
      const registration = ctx.store.registration(record.registrationId);
      if (registration && ctx.faults.has("v07-revoke-kills-registration")) registration.revoked = true;
    }
    res.statusCode = 200;
    res.setHeader("Content-Length", 0);
    res.end();
  };
}
