import type { ServerResponse } from "node:http";
import { VerificationError } from "../../verify/errors.ts";
import type { ContextV07 } from "../context.ts";
import { quote, sendOAuthError } from "../http/respond.ts";
import { LoginRequired, type VerifiedProviderIdJag } from "../verify/id-jag.ts";

/**
 * Verifies a provider ID-JAG and answers the failure itself: 401 login_required with the
 * AgentAuth challenge and max_age (AT-03), or 400 with the S6 error code. Undefined when it answered.
 */
export async function presentIdJag(
  ctx: ContextV07,
  res: ServerResponse,
  assertion: string,
  options: { consumeJti?: boolean; checkAuthTime?: boolean } = {},
): Promise<VerifiedProviderIdJag | undefined> {
  try {
    return await ctx.idJag.verify(assertion, options);
  } catch (error) {
    if (error instanceof LoginRequired) {
      if (ctx.faults.has("v07-login-required-no-header")) {
        sendOAuthError(res, 401, "login_required", error.message);
      } else {
        const challenge = `AgentAuth error="login_required", error_description=${quote(error.message)}, max_age=${quote(error.maxAge)}`;
        sendOAuthError(res, 401, "login_required", error.message, { "WWW-Authenticate": challenge }, { max_age: error.maxAge });
      }
      return undefined;
    }
    if (error instanceof VerificationError) {
      const code = error.code === "invalid_signature" && ctx.faults.has("v07-idjag-error-code-outside-vocabulary") ? "token_invalid" : error.code;
      sendOAuthError(res, 400, code, `${error.field}: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

/** The account an ID-JAG matches on: its verified email, else its verified phone number. */
export function matchKey(verified: VerifiedProviderIdJag): string {
  return verified.email ?? `tel:${verified.phone ?? ""}`;
}
