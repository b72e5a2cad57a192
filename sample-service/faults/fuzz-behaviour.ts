import type { IncomingMessage, ServerResponse } from "node:http";
import { randomInt } from "node:crypto";
import type { ServiceContext } from "../context.ts";
import { readTextBody } from "../http/body.ts";
import { newClaimToken, randomBase62 } from "../secrets.ts";
import type { Registration, Store } from "../store.ts";

/**
 * What the fuzz fault switches (faults/fuzz.ts) do. The handlers call these hooks; with no fuzz
 * fault on, every hook is the clean behaviour. State a fault needs (plaintext token prefixes) is
 * kept here, in a weak map per store, so the clean store keeps hashes only.
 */

const PREFIX_CHARS = 12;
/** claim-token-prefix-lookup: token prefix → full token, per service. */
const tokensByPrefix = new WeakMap<Store, Map<string, string>>();

/** A claim_token for a new registration (short under low-entropy-claim-tokens). */
export function mintClaimToken(ctx: ServiceContext): string {
  const token = ctx.faults.has("low-entropy-claim-tokens") ? `clm_${randomBase62(16)}` : newClaimToken();
  if (ctx.faults.has("claim-token-prefix-lookup")) {
    let map = tokensByPrefix.get(ctx.store);
    if (map === undefined) {
      map = new Map();
      tokensByPrefix.set(ctx.store, map);
    }
    map.set(token.slice(0, PREFIX_CHARS), token);
  }
  return token;
}

/** The registration a presented claim_token names (by its first characters under claim-token-prefix-lookup). */
export function registrationByPresentedClaimToken(ctx: ServiceContext, presented: string): Registration | undefined {
  const exact = ctx.store.registrationByClaimToken(presented);
  if (exact !== undefined || !ctx.faults.has("claim-token-prefix-lookup")) return exact;
  const full = tokensByPrefix.get(ctx.store)?.get(presented.slice(0, PREFIX_CHARS));
  return full === undefined || presented.length < PREFIX_CHARS ? undefined : ctx.store.registrationByClaimToken(full);
}

/** The OTP value to store (as its hash) and the text shown to the user. */
export function mintOtpValue(ctx: ServiceContext, clean: string): { otp: string; shown: string } {
  const otp = ctx.faults.has("otp-not-uniform") ? String(randomInt(0, 1000)).padStart(6, "0") : clean;
  // otp-unpadded: the bug of printing the code as a number.
  const shown = ctx.faults.has("otp-unpadded") ? String(Number(otp)) : otp;
  return { otp, shown };
}

/** The `otp` member of a /complete body as the faulty parsers see it (unchanged when clean). */
export function normaliseSubmittedOtp(ctx: ServiceContext, otp: unknown): unknown {
  if (ctx.faults.has("otp-lenient-parse") && (typeof otp === "string" || typeof otp === "number")) {
    // The bug: "be liberal in what you accept" applied to a secret.
    const digits = String(otp)
      .normalize("NFKC")
      .trim()
      .replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
    return /^[0-9]{1,6}$/.test(digits) ? digits.padStart(6, "0") : digits;
  }
  if (ctx.faults.has("otp-unpadded") && typeof otp === "string" && /^[0-9]{1,5}$/.test(otp)) return otp.padStart(6, "0");
  return otp;
}

function digitValue(d: string): number {
  const code = d.codePointAt(0)!;
  // Unicode decimal digits come in runs of ten starting at a code point ending in 0 (mostly).
  for (let zero = code; zero > code - 10; zero--) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return code - zero;
  }
  return 0;
}

/** no-otp-lockout: wrong codes are never counted against the attempt. */
export function lockoutEnabled(ctx: ServiceContext): boolean {
  return !ctx.faults.has("no-otp-lockout");
}

/**
 * The JSON object body of POST /agent/auth, or undefined once an error was sent. Under
 * 5xx-on-bad-json an unparsable body throws (the server answers 500).
 */
export async function readRegisterBody(
  ctx: ServiceContext,
  req: IncomingMessage,
  res: ServerResponse,
  readJsonObject: (req: IncomingMessage, res: ServerResponse, limit: number) => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown> | undefined> {
  if (!ctx.faults.has("5xx-on-bad-json") && !ctx.faults.has("5xx-on-two-endpoints")) return readJsonObject(req, res, ctx.config.maxBodyBytes);
  return parseOrThrow(req, res, ctx);
}

/**
 * The JSON object body of POST /claim, or undefined once an error was sent. Under
 * 5xx-on-two-endpoints an unparsable body throws there too (a second endpoint answering 500).
 */
export async function readClaimBody(
  ctx: ServiceContext,
  req: IncomingMessage,
  res: ServerResponse,
  readJsonObject: (req: IncomingMessage, res: ServerResponse, limit: number) => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown> | undefined> {
  if (!ctx.faults.has("5xx-on-two-endpoints")) return readJsonObject(req, res, ctx.config.maxBodyBytes);
  return parseOrThrow(req, res, ctx);
}

async function parseOrThrow(req: IncomingMessage, res: ServerResponse, ctx: ServiceContext): Promise<Record<string, unknown> | undefined> {
  const text = await readTextBody(req, res, ["application/json"], ctx.config.maxBodyBytes);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text.text);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/** anonymous-by-default: a body without `type` is read as `type: "anonymous"`. */
export function registrationType(ctx: ServiceContext, body: Record<string, unknown>): unknown {
  if (body.type === undefined && ctx.faults.has("anonymous-by-default")) return "anonymous";
  return body.type;
}
