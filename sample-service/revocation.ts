import type { ServiceContext } from "./context.ts";
import { readTextBody } from "./http/body.ts";
import { sendError, sendJson } from "./http/respond.ts";
import type { Handler } from "./http/router.ts";
import { VerificationError } from "./verify/errors.ts";

const LOGOUT_JWT = "application/logout+jwt";
const FORM = "application/x-www-form-urlencoded";

/**
 * POST /agent/auth/revoke: a provider's logout token (raw application/logout+jwt body as in the
 * v0.1 docs, or Back-Channel Logout's form field `logout_token`) revokes every credential
 * issued for its (iss, sub, aud).
 */
export function revocationHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const body = await readTextBody(req, res, [LOGOUT_JWT, FORM], ctx.config.maxBodyBytes);
    if (body === undefined) return;
    let token: string;
    if (body.type === FORM) {
      const values = new URLSearchParams(body.text).getAll("logout_token");
      if (values.length !== 1) {
        sendError(res, 400, "invalid_request", "the form must carry exactly one logout_token");
        return;
      }
      token = values[0] ?? "";
    } else {
      token = body.text.trim();
    }
    if (token.length === 0) {
      sendError(res, 400, "invalid_request", "missing logout token");
      return;
    }
    try {
      const verified = await ctx.logoutToken.verify(token);
      const { faults } = ctx;
      const revoked = ctx.store.revokeDelegation(verified, {
        ignoreSub: faults.has("revoke-ignores-sub"),
        ignoreIss: faults.has("revoke-ignores-iss"),
        accessTokensOnly: faults.has("revoke-access-tokens-only"),
      });
      ctx.config.log(`revocation: ${revoked} credential(s) revoked`);
      if (revoked === 0 && faults.has("revoke-unknown-sub-404")) {
        sendError(res, 404, "not_found", "no credentials for this subject");
        return;
      }
    } catch (error) {
      if (error instanceof VerificationError) {
        // Variant errors-unfixed-codes: the docs say only "400 on verification failure".
        sendError(res, 400, ctx.variants.has("errors-unfixed-codes") ? "invalid_signature" : error.code, error.message);
        return;
      }
      throw error;
    }
    sendJson(res, 200, {});
  };
}
