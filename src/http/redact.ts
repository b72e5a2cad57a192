import { createHash } from "node:crypto";

/**
 * Secret redaction for everything the harness records (exchanges, evidence, mail excerpts).
 * A redacted value keeps a short prefix and a hash so two pieces of evidence about the same
 * secret stay comparable without revealing it: «redacted:clm_…#1a2b3c4d».
 */
const SECRET_FIELD =
  /^(credential|claim_token|claim_attempt_token|challenge|otp|assertion|access_token|refresh_token|id_token|logout_token|api_key|token|client_secret|password|private_key|d|p|q|dp|dq|qi|k)$/i;
const SECRET_HEADER = /^(authorization|cookie|set-cookie|proxy-authorization|x-api-key)$/i;
const SECRET_QUERY = /^(token|code|otp|claim_token|claim_attempt_token|access_token|key)$/i;

/**
 * A verified_email registration's `assertion` is the user's address, not a bearer secret: masking
 * it would hide, e.g., which mailbox address a claim-mail timeout is about.
 */
function isVerifiedEmailAssertion(key: string, value: string): boolean {
  return key === "assertion" && /^[^\s@]+@[^\s@]+$/.test(value);
}

export function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 8);
}

export function mask(secret: string): string {
  const prefix = secret.length > 12 ? secret.slice(0, 4) : "";
  return `«redacted:${prefix}…#${fingerprint(secret)}»`;
}

/** Secrets shorter than this are not remembered (and it is the length of the lookup prefix). */
const MIN_SECRET_LENGTH = 6;
/**
 * Nor are values longer than this: no credential is 8 KB, but a fuzzed `otp` of 200,000 "A"s is,
 * and remembering it would make every later scan compare against it. Its field is masked anyway.
 */
const MAX_SECRET_LENGTH = 8_192;

const HASH_BASE = 31;
/** HASH_BASE^(MIN_SECRET_LENGTH − 1) mod 2^32: the weight of a window's first character. */
const HASH_LEAD = Array.from({ length: MIN_SECRET_LENGTH - 1 }).reduce<number>((h) => Math.imul(h, HASH_BASE), 1);

/** A 32-bit polynomial hash of the MIN_SECRET_LENGTH characters of `text` from `at`. */
function prefixHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + MIN_SECRET_LENGTH; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /**
   * Values the harness minted or forged itself (the mock provider's ID-JAGs and logout tokens,
   * broken ones included): test material, not secrets, so evidence and curl lines show them in
   * clear. Only the harness adds to this set (see markHarnessMinted); what the target issued is
   * never in it, so the secrets guarantee for those is unchanged.
   */
  private readonly harnessMinted = new Set<string>();
  /**
   * Secrets by their first MIN_SECRET_LENGTH characters, longest first. text() runs on every
   * header and body of every exchange, and a fuzz run remembers thousands of secrets: scanning the
   * input once against this index costs the input's length, not input × secrets (hand-written
   * because the one-pass multi-pattern search is twenty lines, not worth a dependency).
   */
  private readonly byPrefix = new Map<string, string[]>();

  /** Remember a secret so any later occurrence, anywhere, is masked. Short and huge strings are ignored. */
  register(secret: unknown): void {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH || this.secrets.has(secret) || this.harnessMinted.has(secret)) return;
    this.secrets.add(secret);
    const prefix = secret.slice(0, MIN_SECRET_LENGTH);
    const bucket = this.byPrefix.get(prefix) ?? [];
    bucket.push(secret);
    bucket.sort((a, b) => b.length - a.length);
    this.byPrefix.set(prefix, bucket);
    this.prefixHashes.add(prefixHash(secret, 0));
  }

  /**
   * A token the harness minted or forged: shown in clear from now on. A private key is never
   * test material; nor is a value already learnt as a secret (the target may have issued it).
   */
  markHarnessMinted(token: unknown): void {
    if (typeof token !== "string" || token.length === 0 || this.secrets.has(token) || /PRIVATE KEY|"d"\s*:/.test(token)) return;
    this.harnessMinted.add(token);
  }

  isHarnessMinted(value: string): boolean {
    return this.harnessMinted.has(value);
  }

  /** Hashes of the prefixes: most positions of a text are ruled out without building a string. */
  private readonly prefixHashes = new Set<number>();

  known(): readonly string[] {
    return [...this.secrets];
  }

  /**
   * Mask known secrets inside free text. Where two occurrences overlap the longer one wins (so a
   * shorter secret never leaves the rest of a longer one in clear).
   */
  text(input: string): string {
    if (this.secrets.size === 0 || input.length < MIN_SECRET_LENGTH) return input;
    const found: { at: number; secret: string }[] = [];
    // A rolling hash of the window [at, at + MIN_SECRET_LENGTH): one multiply per position.
    let hash = prefixHash(input, 0);
    for (let at = 0; at + MIN_SECRET_LENGTH <= input.length; at++) {
      if (at > 0) hash = (Math.imul(hash - Math.imul(input.charCodeAt(at - 1), HASH_LEAD), HASH_BASE) + input.charCodeAt(at + MIN_SECRET_LENGTH - 1)) | 0;
      if (!this.prefixHashes.has(hash)) continue;
      const bucket = this.byPrefix.get(input.slice(at, at + MIN_SECRET_LENGTH));
      const secret = bucket?.find((s) => input.startsWith(s, at));
      if (secret) found.push({ at, secret });
    }
    if (found.length === 0) return input;
    // Keep the longest occurrences first, dropping any that overlap one already kept.
    const covered = new Uint8Array(input.length);
    const kept: { at: number; end: number; secret: string }[] = [];
    for (const f of found.sort((a, b) => b.secret.length - a.secret.length || a.at - b.at)) {
      const end = f.at + f.secret.length;
      if (covered.subarray(f.at, end).includes(1)) continue;
      covered.fill(1, f.at, end);
      kept.push({ at: f.at, end, secret: f.secret });
    }
    kept.sort((a, b) => a.at - b.at);
    let out = "";
    let from = 0;
    for (const k of kept) {
      out += input.slice(from, k.at) + mask(k.secret);
      from = k.end;
    }
    return out + input.slice(from);
  }

  /** Walk a JSON value: secret-named fields are masked (and registered), the rest recursed. */
  json(value: unknown): unknown {
    this.learnJson(value);
    return this.maskJson(value, 0);
  }

  /** Register the secrets json() masks, without building the masked copy. */
  learnJson(value: unknown, depth = 0): void {
    if (depth > MAX_JSON_DEPTH || !value || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const v of value) this.learnJson(v, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (isSecretField(key, v) && !this.harnessMinted.has(v)) this.register(v);
      // A URL in a body carries its secrets in the query (v0.7's verification_uri holds the
      // claim_attempt_token, nested in return_to).
      else if (typeof v === "string" && /^https?:\/\/[^\s]*\?/i.test(v)) this.learnUrl(v);
      else this.learnJson(v, depth + 1);
    }
  }

  private maskJson(value: unknown, depth: number): unknown {
    if (depth > MAX_JSON_DEPTH) return "«too deep»";
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.maskJson(v, depth + 1));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = isSecretField(key, v) && !this.harnessMinted.has(v) ? mask(v) : this.maskJson(v, depth + 1);
      return out;
    }
    return value;
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    this.learnHeaders(headers);
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue;
      const value = Array.isArray(raw) ? raw.join(", ") : raw;
      if (!SECRET_HEADER.test(name)) out[name] = this.text(value);
      else if (isCookieHeader(name)) out[name] = cookieParts(name, value).masked;
      else {
        const { scheme, secret } = splitCredential(value);
        if (this.harnessMinted.has(secret)) out[name] = value;
        else out[name] = scheme === undefined ? mask(secret) : `${scheme} ${mask(secret)}`;
      }
    }
    return out;
  }

  /** Register the secrets headers() masks. */
  learnHeaders(headers: Record<string, string | string[] | undefined>): void {
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined || !SECRET_HEADER.test(name)) continue;
      // register() skips harness-minted values
      const value = Array.isArray(raw) ? raw.join(", ") : raw;
      if (isCookieHeader(name)) for (const secret of cookieParts(name, value).secrets) this.register(secret);
      else this.register(splitCredential(value).secret);
    }
  }

  url(input: string): string {
    this.learnUrl(input);
    return this.text(input);
  }

  /**
   * Register the secret query parameters of a URL (not a URL: nothing to learn), and those of a
   * URL or path nested in a parameter, one level deep (a sign-in link's `return_to=/claim?claim_attempt_token=…`).
   */
  learnUrl(input: string, nested = true): void {
    if (!input.includes("?")) return;
    try {
      const url = new URL(input);
      for (const [key, value] of url.searchParams) {
        if (SECRET_QUERY.test(key) && value) this.register(value); // harness-minted values are skipped
        else if (nested && (value.startsWith("/") || /^https?:\/\//i.test(value))) this.learnUrl(new URL(value, url).toString(), false);
      }
    } catch {
      // not a URL: text masking covers it
    }
  }

  /** A body as recorded: JSON bodies field-masked, anything else text-masked (`parsed`: as for learnBody). */
  body(text: string, contentType: string | undefined, parsed: unknown = NOT_JSON): string {
    const value = this.learnBody(text, contentType, parsed);
    return value === NOT_JSON ? this.text(text) : JSON.stringify(this.maskJson(value, 0));
  }

  /**
   * Register the secrets body() masks; returns the parsed JSON body (or NOT_JSON) so the caller
   * need not parse it twice. `parsed` is the body already parsed, when the caller has it.
   */
  learnBody(text: string, contentType: string | undefined, parsed: unknown = NOT_JSON): unknown {
    if (contentType && /json/i.test(contentType)) {
      let value = parsed;
      if (value === NOT_JSON) {
        try {
          value = JSON.parse(text);
        } catch {
          // invalid JSON is evidence too; it is masked as text
        }
      }
      if (value !== NOT_JSON) {
        this.learnJson(value);
        return value;
      }
    }
    // Raw JWT bodies (application/logout+jwt) are bearer secrets in their own right.
    if (JWT_SHAPE.test(text.trim())) this.register(text.trim());
    return NOT_JSON;
  }
}

/** learnBody's answer for a body that is no JSON. */
export const NOT_JSON: unique symbol = Symbol("not JSON");

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Deeper JSON is recorded as «too deep» (and not searched for secret fields). */
const MAX_JSON_DEPTH = 32;

function isSecretField(key: string, value: unknown): value is string {
  return SECRET_FIELD.test(key) && typeof value === "string" && value.length > 0 && !isVerifiedEmailAssertion(key, value);
}

function isCookieHeader(name: string): boolean {
  return /^(set-)?cookie$/i.test(name);
}

/**
 * Cookie and Set-Cookie: every cookie's value masked, its name and attributes kept, so evidence
 * still shows which cookie was set and with which flags (HttpOnly, SameSite, Secure) without the
 * session in it. Set-Cookie headers joined with ", " are split where the next `name=` starts (an
 * Expires date's comma is followed by a day number, not a name). A part without `=` is masked whole.
 */
function cookieParts(name: string, value: string): { masked: string; secrets: string[] } {
  const setCookie = name.toLowerCase() === "set-cookie";
  const cookies = setCookie ? value.split(/,\s*(?=[^;,=\s]+=)/) : value.split(/;\s*/);
  const secrets: string[] = [];
  const masked = cookies.map((cookie) => {
    const [pair = "", ...attrs] = setCookie ? cookie.split(";") : [cookie];
    const eq = pair.indexOf("=");
    const secret = eq < 0 ? pair.trim() : pair.slice(eq + 1).trim();
    if (secret === "") return cookie;
    secrets.push(secret);
    const shown = eq < 0 ? mask(secret) : `${pair.slice(0, eq).trim()}=${mask(secret)}`;
    return [shown, ...attrs].join(";");
  });
  return { masked: masked.join(setCookie ? ", " : "; "), secrets };
}

/** "Bearer abc" → scheme Bearer, secret abc; a value without a scheme is a secret whole. */
function splitCredential(value: string): { scheme?: string; secret: string } {
  const [scheme, ...rest] = value.split(" ");
  const secret = rest.join(" ");
  return secret ? { scheme, secret } : { secret: value };
}
