import { timingSafeEqual } from "node:crypto";
import type { Handler } from "../../http/router.ts";
import { completeClaim } from "../claim/ceremony.ts";
import type { ContextV07 } from "../context.ts";
import { readForm } from "../http/form.ts";
import { redirect, sendHtml } from "../http/respond.ts";
import { PATHS } from "../protocol.ts";
import { loginUrlFor, signedInEmail } from "./session.ts";

function sameCode(given: string, expected: string): boolean {
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * POST /agent/identity/claim/complete (v0.7.md §12): 200 confirmed (or refused), 400 malformed,
 * 401 wrong code, 403 wrong account (checked again on submit), 404 unknown/superseded link,
 * 409 already claimed, 410 expired, 429 too many wrong codes on this attempt (PAGE-06).
 */
export function completeHandler(ctx: ContextV07): Handler {
  return async (req, res) => {
    const form = await readForm(req, res, ctx.config.maxBodyBytes);
    if (form === undefined) return;
    const f = ctx.faults;
    const token = form.claim_attempt_token ?? "";
    const email = signedInEmail(ctx, req);
    if (email === undefined) return redirect(res, loginUrlFor(`${PATHS.claimPage}?claim_attempt_token=${encodeURIComponent(token)}`));
    const deny = form.decision === "deny";
    const codeFormat = f.has("v07-user-code-five-digits") ? /^[0-9]{5,6}$/ : /^[0-9]{6}$/;
    if (token === "" || (!deny && !codeFormat.test(form.user_code ?? ""))) return sendHtml(res, 400, "Check the code", "<p>The code has six digits.</p>");
    const found = ctx.store.byAttemptTokenValue(token);
    if (found === undefined || found.attempt.superseded || found.registration.revoked) return sendHtml(res, 404, "Link invalid", "<p>This link is not valid any more.</p>");
    const { registration, attempt } = found;
    if (registration.status === "claimed" && !(f.has("v07-claim-complete-replayable") && attempt.completedBy !== undefined)) {
      return sendHtml(res, 409, "Already claimed", "<p>This agent is already linked.</p>");
    }
    if (attempt.denied) return sendHtml(res, 410, "Refused", "<p>This request was refused. Ask your agent for a new code.</p>");
    const now = ctx.now();
    if ((now >= attempt.expiresAt && !f.has("v07-expired-user-code-accepted")) || now >= registration.claimExpiresAt) {
      return sendHtml(res, 410, "Code expired", "<p>Ask your agent for a new code.</p>");
    }
    if (email !== attempt.loginHint && !f.has("v07-wrong-account-on-submit") && !f.has("v07-wrong-account-confirms")) return sendHtml(res, 403, "Wrong account", "<p>This confirmation is for another account.</p>");
    if (deny) {
      attempt.denied = true;
      return sendHtml(res, 200, "Refused", "<p>The agent was not linked.</p>");
    }
    if (attempt.wrongCodes >= ctx.config.maxWrongCodes && !f.has("v07-wrong-code-limit-missing") && !f.has("v07-user-code-bruteforceable")) {
      return sendHtml(res, 429, "Too many attempts", "<p>Ask your agent for a new code.</p>");
    }
    const anyCode = f.has("v07-user-code-any-registration") && ctx.store.isAnyLiveUserCode(form.user_code ?? "", now);
    // v07-user-code-last-digit-ignored: a "typo tolerance" that compares all but the last digit.
    const compared = f.has("v07-user-code-last-digit-ignored") ? (code: string) => code.slice(0, -1) : (code: string) => code;
    if (!sameCode(compared(form.user_code ?? ""), compared(attempt.userCode)) && !anyCode) {
      attempt.wrongCodes += 1;
      return sendHtml(res, 401, "Wrong code", "<p>That code is not right.</p>");
    }
    await completeClaim(ctx, registration, email);
    attempt.completedBy = email;
    sendHtml(res, 200, "All set", "<p>Your agent is linked.</p>");
  };
}
