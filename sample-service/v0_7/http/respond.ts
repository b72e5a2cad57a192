import type { ServerResponse } from "node:http";
import { send, sendJson, setNoStore, type HeaderMap } from "../../http/respond.ts";

export { send, sendJson, setNoStore };

/** A profile-endpoint or OAuth error: `{error, error_description}` (RFC 6749 §5.2 shape). */
export function sendOAuthError(res: ServerResponse, status: number, error: string, description: string, headers: HeaderMap = {}, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error, error_description: description, ...extra }, headers);
}

/** An RFC 8935 §2.3 error body: `{err, description}`. */
export function sendSetError(res: ServerResponse, err: string, description: string, oauthShape: boolean): void {
  sendJson(res, 400, oauthShape ? { error: err, error_description: description } : { err, description });
}

/** RFC 7235 auth-param quoting. */
export function quote(value: string | number): string {
  return `"${String(value).replace(/["\\]/g, "\\$&")}"`;
}

export function sendHtml(res: ServerResponse, status: number, title: string, body: string, headers: HeaderMap = {}): void {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  send(res, status, "text/html; charset=utf-8", page, headers);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function redirect(res: ServerResponse, location: string, headers: HeaderMap = {}): void {
  res.statusCode = 302;
  res.setHeader("Location", location);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end();
}
