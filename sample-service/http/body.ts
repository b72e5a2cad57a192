import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "./respond.ts";

/** Past this many bytes an oversized body is no longer drained; the connection is closed instead. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export type RawBody = { kind: "ok"; bytes: Buffer } | { kind: "too_large"; drained: boolean };

/**
 * Reads the request body up to `limit` bytes. An oversized body is drained (bounded) so the
 * client can read the 413 instead of seeing a reset while it is still sending.
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const finish = (result: RawBody): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) {
          req.pause();
          finish({ kind: "too_large", drained: false });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish(tooLarge ? { kind: "too_large", drained: true } : { kind: "ok", bytes: Buffer.concat(chunks) }));
    req.on("error", (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** The media type of a Content-Type header, lower-cased, parameters dropped ("" if absent). */
export function mediaType(req: IncomingMessage): string {
  const header = req.headers["content-type"] ?? "";
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

/** The charset parameter of Content-Type, lower-cased, or undefined. */
function charset(req: IncomingMessage): string | undefined {
  const header = req.headers["content-type"] ?? "";
  for (const part of header.split(";").slice(1)) {
    const [name, value] = part.split("=", 2);
    if (name?.trim().toLowerCase() === "charset" && value !== undefined) {
      return value.trim().replace(/^"|"$/g, "").toLowerCase();
    }
  }
  return undefined;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a UTF-8 text body of one of `allowedTypes`. Answers 415/413/400 itself and returns
 * undefined when it did.
 */
export async function readTextBody(
  req: IncomingMessage,
  res: ServerResponse,
  allowedTypes: readonly string[],
  limit: number,
): Promise<{ type: string; text: string } | undefined> {
  const type = mediaType(req);
  const declaredCharset = charset(req);
  if (!allowedTypes.includes(type) || (declaredCharset !== undefined && declaredCharset !== "utf-8")) {
    req.resume();
    sendError(res, 415, "invalid_request", `Content-Type must be ${allowedTypes.join(" or ")} (UTF-8)`);
    return undefined;
  }
  const body = await readRawBody(req, limit);
  if (body.kind === "too_large") {
    const headers: Record<string, string> = body.drained ? {} : { Connection: "close" };
    sendError(res, 413, "invalid_request", `request body exceeds ${limit} bytes`, headers);
    return undefined;
  }
  try {
    return { type, text: strictUtf8.decode(body.bytes) };
  } catch {
    sendError(res, 400, "invalid_request", "request body is not valid UTF-8");
    return undefined;
  }
}

/** Reads an application/json body that must be a JSON object. */
export async function readJsonObject(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<Record<string, unknown> | undefined> {
  const body = await readTextBody(req, res, ["application/json"], limit);
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    sendError(res, 400, "invalid_request", "request body is not valid JSON");
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    sendError(res, 400, "invalid_request", "request body must be a JSON object");
    return undefined;
  }
  return parsed as Record<string, unknown>;
}
