// Push delivery of a SET to a service's agent_auth.events_endpoint (RFC 8935 §2): POST the compact
// JWS with Content-Type application/secevent+jwt and Accept application/json; 202 Accepted is
// success, 400 with a JSON body {err, description} (§2.3, codes §2.4) is a refusal. Anything else is
// reported as it came, for the check to judge.
import { SET_CONTENT_TYPE } from "./set.ts";
import { RFC8935_ERRS } from "./set-forge.ts";
import type { Rfc8935Err } from "./set-forge.ts";

export interface SetDeliveryOptions {
  /** Override the Content-Type (the set-json-content-type forge case). */
  contentType?: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Extra request headers (e.g. an Authorization the receiver requires, RFC 8935 §2.5). */
  headers?: Record<string, string>;
}

/** What the receiver answered, typed by RFC 8935. */
export type SetDeliveryResult =
  /** 202 Accepted (§2.2). `bodyEmpty` is false when the receiver sent a body anyway. */
  | { kind: "accepted"; status: 202; bodyEmpty: boolean }
  /** 400 with a well-formed {err, description} (§2.3). `known` says whether err is one of §2.4's codes. */
  | { kind: "error"; status: number; err: string; known: boolean; description?: string; contentType: string | null }
  /** Neither: another status, or a 400 without an RFC 8935 body (e.g. {error, message}). */
  | { kind: "unexpected"; status: number; contentType: string | null; body: string };

/** Longest body kept for an unexpected answer (evidence only). */
const MAX_BODY_CHARS = 4096;

export function isRfc8935Err(value: string): value is Rfc8935Err {
  return (RFC8935_ERRS as readonly string[]).includes(value);
}

/** Parse an RFC 8935 §2.3 error body; undefined when it is not one. */
export function parseSetError(body: string): { err: string; description?: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const { err, description } = parsed as Record<string, unknown>;
  if (typeof err !== "string" || err.length === 0) return undefined;
  return typeof description === "string" ? { err, description } : { err };
}

export async function deliverSet(endpoint: string, token: string, opts: SetDeliveryOptions = {}): Promise<SetDeliveryResult> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { ...opts.headers, "Content-Type": opts.contentType ?? SET_CONTENT_TYPE, Accept: "application/json" },
    body: token,
    redirect: "manual",
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const body = await response.text();
  const contentType = response.headers.get("content-type");
  if (response.status === 202) return { kind: "accepted", status: 202, bodyEmpty: body.length === 0 };
  const error = response.status === 400 ? parseSetError(body) : undefined;
  if (error) {
    const result: SetDeliveryResult = { kind: "error", status: response.status, err: error.err, known: isRfc8935Err(error.err), contentType };
    return error.description !== undefined ? { ...result, description: error.description } : result;
  }
  return { kind: "unexpected", status: response.status, contentType, body: body.slice(0, MAX_BODY_CHARS) };
}
