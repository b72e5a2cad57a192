import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceContext } from "./context.ts";
import { sendJson } from "./http/respond.ts";
import { PATHS } from "./protocol.ts";
import type { CredentialRecord } from "./store.ts";

type Presented = { kind: "none" } | { kind: "token"; token: string } | { kind: "malformed" };

/** RFC 6750 §2.1: `Authorization: Bearer <token68>`; other schemes count as no bearer token. */
function presentedToken(req: IncomingMessage): Presented {
  const header = req.headers.authorization;
  if (header === undefined) return { kind: "none" };
  const match = /^(\S+)(?: +(.*))?$/.exec(header.trim());
  if (match === null || match[1]?.toLowerCase() !== "bearer") return { kind: "none" };
  const token = match[2] ?? "";
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? { kind: "token", token } : { kind: "malformed" };
}

/** The WWW-Authenticate value for a 401, with the 401 discovery faults applied. */
function challenge401(ctx: ServiceContext, tokenPresented: boolean): string | undefined {
  const { faults } = ctx;
  const prmUrl = faults.has("401-hint-wrong-url") ? `${ctx.origin}${PATHS.prm}/wrong` : `${ctx.origin}${PATHS.prm}`;
  if (!tokenPresented) {
    return faults.has("401-no-www-authenticate") ? undefined : `Bearer resource_metadata="${prmUrl}"`;
  }
  const params: string[] = [];
  if (!faults.has("401-bad-token-no-hint")) params.push(`resource_metadata="${prmUrl}"`);
  if (!faults.has("401-no-invalid-token-error")) params.push(`error="invalid_token"`);
  return params.length === 0 ? "Bearer" : `Bearer ${params.join(", ")}`;
}

/**
 * Returns the credential if the request carries a live one holding `scope`; otherwise answers
 * 401 (RFC 9728 §5.1 hint) or 403 insufficient_scope (RFC 6750 §3.1) and returns undefined.
 */
export function authorize(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, scope: string): CredentialRecord | undefined {
  const presented = presentedToken(req);
  const credential = presented.kind === "token" ? ctx.store.activeCredential(presented.token, ctx.now()) : undefined;
  if (credential === undefined) {
    req.resume();
    const value = challenge401(ctx, presented.kind !== "none");
    const headers: Record<string, string> = value === undefined ? {} : { "WWW-Authenticate": value };
    sendJson(res, 401, { error: "invalid_token", message: "a valid bearer credential is required" }, headers);
    return undefined;
  }
  if (!credential.scopes.includes(scope)) {
    req.resume();
    if (ctx.faults.has("insufficient-scope-code-missing")) {
      sendJson(res, 403, { error: "forbidden", message: `this credential lacks ${scope}` }, { "WWW-Authenticate": `Bearer resource_metadata="${ctx.origin}${PATHS.prm}"` });
      return undefined;
    }
    const value = `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${ctx.origin}${PATHS.prm}"`;
    sendJson(res, 403, { error: "insufficient_scope", message: `this credential lacks ${scope}` }, { "WWW-Authenticate": value });
    return undefined;
  }
  return credential;
}
