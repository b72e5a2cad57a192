import type { ServerResponse } from "node:http";

export type HeaderMap = Record<string, string>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
  send(res, status, "application/json", JSON.stringify(body), headers);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, headers: HeaderMap = {}): void {
  sendJson(res, status, { error, message }, headers);
}

export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: HeaderMap = {}): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", Buffer.byteLength(body, "utf8"));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/** RFC 6749 §5.1: responses that carry secrets must not be cached. */
export function setNoStore(res: ServerResponse): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
}
