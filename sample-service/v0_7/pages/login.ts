import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { readCookie, sessionCookie } from "../http/cookies.ts";
import { readForm } from "../http/form.ts";
import { escapeHtml, redirect, sendHtml } from "../http/respond.ts";
import { isEmailHint, PATHS } from "../protocol.ts";
import { sanitizeReturnTo, signedInEmail } from "./session.ts";

const SESSION_SECONDS = 86_400;

/** GET /login: with a session, straight on to return_to; otherwise the sign-in form (email only, a demo IdP). */
export function loginPageHandler(ctx: ContextV07): Handler {
  return (req, res, url) => {
    const returnTo = sanitizeReturnTo(ctx, url.searchParams.get("return_to"));
    if (signedInEmail(ctx, req) !== undefined) return redirect(res, returnTo);
    sendHtml(
      res,
      200,
      "Sign in",
      `<form method="post" action="${PATHS.login}">` +
        `<label>Email <input type="email" name="${escapeHtml(ctx.config.choices.signInField)}" autocomplete="username" required></label>` +
        `<input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">` +
        `<button type="submit">Sign in</button></form>`,
    );
  };
}

/** POST /login: signs the email in, sets the session cookie (HttpOnly, SameSite=Lax) and redirects to return_to. */
export function loginSubmitHandler(ctx: ContextV07): Handler {
  return async (req, res) => {
    const form = await readForm(req, res, ctx.config.maxBodyBytes);
    if (form === undefined) return;
    const email = form[ctx.config.choices.signInField];
    if (!isEmailHint(email)) return sendHtml(res, 400, "Sign in failed", "<p>Enter an email address.</p>");
    if (ctx.store.account(email) === undefined && !ctx.config.signInUnknownEmails) {
      return sendHtml(res, 403, "Sign in failed", "<p>No account with that email.</p>");
    }
    ctx.store.provisionAccount(email);
    const sid = ctx.store.newSession(email);
    const cookie = sessionCookie(ctx.config.choices.sessionCookie, sid, { secure: ctx.config.secureCookies, httpOnly: !ctx.faults.has("v07-cookie-not-httponly"),
      maxAgeSeconds: SESSION_SECONDS,
      ...(ctx.faults.has("v07-session-cookie-samesite-none") ? { sameSite: "None" as const } : {}),
    });
    redirect(res, sanitizeReturnTo(ctx, form.return_to), { "Set-Cookie": cookie });
  };
}

/** POST /logout: ends the session. */
export function logoutHandler(ctx: ContextV07): Handler {
  return (req, res) => {
    req.resume();
    const sid = readCookie(req, ctx.config.choices.sessionCookie);
    if (sid !== undefined) ctx.store.endSession(sid);
    redirect(res, "/", { "Set-Cookie": sessionCookie(ctx.config.choices.sessionCookie, "", { secure: ctx.config.secureCookies, httpOnly: true, maxAgeSeconds: 0 }) });
  };
}
