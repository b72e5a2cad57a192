import type { IncomingMessage } from "node:http";
import type { ContextV07 } from "../context.ts";
import { readCookie } from "../http/cookies.ts";
import { PATHS } from "../protocol.ts";

/** The signed-in email of this request's session cookie, if any. */
export function signedInEmail(ctx: ContextV07, req: IncomingMessage): string | undefined {
  return ctx.store.sessionEmail(readCookie(req, ctx.config.choices.sessionCookie));
}

/** PAGE-12: only same-origin paths; anything else (`//host`, `https://…`, `/\host`) becomes `/`. */
export function sanitizeReturnTo(ctx: ContextV07, value: string | undefined | null): string {
  if (value === undefined || value === null || value === "") return "/";
  if (ctx.faults.has("v07-return-to-open-redirect")) return value;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  try {
    const url = new URL(value, ctx.origin);
    return url.origin === ctx.origin ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}

export function loginUrlFor(returnTo: string): string {
  return `${PATHS.login}?return_to=${encodeURIComponent(returnTo)}`;
}
