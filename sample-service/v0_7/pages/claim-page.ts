import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { escapeHtml, redirect, sendHtml } from "../http/respond.ts";
import { PATHS } from "../protocol.ts";
import type { ClaimAttempt, Registration } from "../store/model.ts";
import { loginUrlFor, signedInEmail } from "./session.ts";

/**
 * GET /claim?claim_attempt_token=… (v0.7.md §12, §14.1): sign-in first, then 404 unknown or
 * superseded link, 200 "Already claimed", 410 expired, 403 wrong account, else the code form.
 */
export function claimPageHandler(ctx: ContextV07): Handler {
  return (req, res, url) => {
    const email = signedInEmail(ctx, req);
    if (email === undefined && !ctx.faults.has("v07-claim-page-no-login")) {
      return redirect(res, loginUrlFor(`${url.pathname}${url.search}`));
    }
    const token = url.searchParams.get("claim_attempt_token") ?? "";
    const found = token === "" ? undefined : ctx.store.byAttemptTokenValue(token);
    if (found === undefined || found.attempt.superseded) return sendHtml(res, 404, "Link invalid", "<p>This link is not valid any more. Ask your agent for a new one.</p>");
    const { registration, attempt } = found;
    if (registration.status === "claimed") return sendHtml(res, 200, "Already claimed", "<p>This agent is already linked.</p>");
    if (ctx.now() >= attempt.expiresAt || ctx.now() >= registration.claimExpiresAt) return sendHtml(res, 410, "Link expired", "<p>Ask your agent for a new code.</p>");
    const checkAccount = !ctx.faults.has("v07-wrong-account-confirms") && !ctx.faults.has("v07-wrong-account-page-allowed");
    if (email !== undefined && email !== attempt.loginHint && checkAccount) {
      return sendHtml(res, 403, "Wrong account", `<p>This confirmation is for another account. Sign out and sign in as the right one.</p>`);
    }
    sendHtml(res, 200, "Confirm your agent", advisories(ctx, registration, attempt, email) + codeForm(token));
  };
}

function codeForm(token: string): string {
  return (
    `<form method="post" action="${PATHS.claimComplete}">` +
    `<input type="hidden" name="claim_attempt_token" value="${escapeHtml(token)}">` +
    `<label>Code <input type="text" name="user_code" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required></label>` +
    `<button type="submit" name="decision" value="approve">Confirm</button>` +
    `<button type="submit" name="decision" value="deny" formnovalidate>Refuse</button></form>`
  );
}

/** CL v0.6.0 advisories; the provider is named from our trust list, never from token claims (STEP-07). */
function advisories(ctx: ContextV07, registration: Registration, attempt: ClaimAttempt, email: string | undefined): string {
  const parts: string[] = [];
  if (ctx.faults.has("v07-advisories-missing")) return `<p>Enter the code your agent shows.</p>`;
  const account = email === undefined ? undefined : ctx.store.account(email);
  if (account !== undefined && !account.hasClaimed) parts.push(`<p class="advisory first_time_account">This is the first agent linked to ${escapeHtml(account.email)}.</p>`);
  const pending = registration.pendingIdentity;
  const fromTrustList = pending === undefined ? undefined : ctx.config.trustedIssuers.find((iss) => iss === pending.iss);
  const trusted = ctx.faults.has("v07-provider-named-from-token") && pending?.claimedName ? pending.claimedName : fromTrustList;
  if (trusted !== undefined) parts.push(`<p class="advisory first_time_provider">Link your account to the identity provider ${escapeHtml(trusted)}.</p>`);
  parts.push(`<p>Signed in for ${escapeHtml(attempt.loginHint)}. Enter the code your agent shows.</p>`);
  return parts.join("");
}
