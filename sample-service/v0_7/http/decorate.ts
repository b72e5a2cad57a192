import type { ServerResponse } from "node:http";
import { AUTH_MD_IDJAG_CODES, type ConformantChoicesV07 } from "../choices.ts";
import { PATHS } from "../protocol.ts";

/**
 * The service's JSON serialiser choices (choices.ts), applied to every response of one request
 * as it is written: the Content-Type of JSON, unknown extra members on 200 objects, and at
 * /agent/identity[/claim] the error vocabulary and description member of 400s (§15 P2). With the
 * default choices nothing is touched.
 */
export function decorateResponse(res: ServerResponse, pathname: string, choices: ConformantChoicesV07): void {
  const profileEndpoint = pathname === PATHS.identity || pathname === PATHS.claim;
  const rewritesErrors = profileEndpoint && (choices.idJagErrorCodes === "auth.md" || choices.profileErrorDescription === "message");
  if (choices.jsonContentType === "application/json" && !choices.extraResponseFields && !rewritesErrors) return;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const type = String(res.getHeader("content-type") ?? "");
    if (type !== "application/json" || (typeof chunk !== "string" && !Buffer.isBuffer(chunk))) return end(chunk, ...rest);
    let body: unknown;
    try {
      body = JSON.parse(chunk.toString());
    } catch {
      return end(chunk, ...rest);
    }
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      const object = body as Record<string, unknown>;
      if (res.statusCode === 200 && choices.extraResponseFields) object.x_sample_trace = { served_by: "sample-v0.7", at: new Date().toISOString() };
      if (rewritesErrors && res.statusCode === 400 && typeof object.error === "string") rewriteError(object, choices);
    }
    const text = JSON.stringify(body);
    res.setHeader("Content-Type", choices.jsonContentType);
    res.setHeader("Content-Length", Buffer.byteLength(text, "utf8"));
    return end(text, ...rest);
  }) as ServerResponse["end"];
}

function rewriteError(body: Record<string, unknown>, choices: ConformantChoicesV07): void {
  if (choices.idJagErrorCodes === "auth.md") body.error = AUTH_MD_IDJAG_CODES[body.error as string] ?? body.error;
  if (choices.profileErrorDescription === "message" && "error_description" in body) {
    body.message = body.error_description;
    delete body.error_description;
  }
}
