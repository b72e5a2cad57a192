import type { IncomingMessage, ServerResponse } from "node:http";
import { mediaType, readTextBody } from "../../http/body.ts";
import { sendOAuthError } from "./respond.ts";

const FORM = "application/x-www-form-urlencoded";

/**
 * Reads an application/x-www-form-urlencoded body into single-valued fields. Another media type or
 * a repeated parameter (RFC 6749 §3.1) answers 400 invalid_request; returns undefined when it did.
 */
export async function readForm(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Record<string, string> | undefined> {
  if (mediaType(req) !== FORM) {
    req.resume();
    sendOAuthError(res, 400, "invalid_request", `Content-Type must be ${FORM}`);
    return undefined;
  }
  const body = await readTextBody(req, res, [FORM], limit);
  if (body === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body.text)) {
    if (Object.hasOwn(fields, name)) {
      sendOAuthError(res, 400, "invalid_request", `${name}: parameter repeated`);
      return undefined;
    }
    fields[name] = value;
  }
  return fields;
}
