import { mediaType } from "../../http/body.ts";
import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { readForm } from "../http/form.ts";
import { CLAIM_GRANT, JWT_BEARER_GRANT } from "../protocol.ts";
import { claimGrant } from "./claim-grant.ts";
import { tokenError } from "./error.ts";
import { jwtBearerGrant } from "./jwt-bearer.ts";

/** POST /oauth2/token: form-encoded, dispatched on grant_type (TOK-01); RFC 6749 §5.2 errors. */
export function tokenHandler(ctx: ContextV07): Handler {
  return async (req, res) => {
    if (ctx.faults.has("v07-token-json-500") && mediaType(req) === "application/json") {
      // The bug: a JSON body is parsed and a missing form field dereferenced.
      throw new TypeError("grant_type of undefined");
    }
    const form = await readForm(req, res, ctx.config.maxBodyBytes);
    if (form === undefined) return;
    // The bug: every field is copied into a fixed 8 KiB buffer before anyone checked its length.
    if (ctx.faults.has("v07-token-long-field-500") && Object.values(form).some((v) => v.length > 8192)) throw new RangeError("offset is out of bounds");
    switch (form.grant_type) {
      case JWT_BEARER_GRANT:
        return jwtBearerGrant(ctx, res, form);
      case CLAIM_GRANT:
        return claimGrant(ctx, res, form);
      default: {
        const code = ctx.faults.has("v07-unsupported-grant-invalid-request") ? "invalid_request" : "unsupported_grant_type";
        return tokenError(ctx, res, 400, code, `grant_type ${form.grant_type ?? "(missing)"} is not supported`);
      }
    }
  };
}
