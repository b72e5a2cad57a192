// Pure decisions behind the ID-JAG and revocation checks (no I/O), so they can be unit tested.
import { matchErrorCode } from "../../../src/protocol/error-codes.ts";
import type { ErrorAliases, ErrorKey, Vocabulary } from "../../../src/profiles/types.ts";

/** How the ID-JAG `aud` is chosen (config `audience`). */
export type AudienceMode = "auto" | "issuer" | "resource" | (string & {});

/** Which documented reading an audience value follows. */
export type AudienceReading = "issuer" | "resource" | "configured";

export interface AudienceCandidate {
  value: string;
  reading: AudienceReading;
}

/**
 * The audiences to try for the baseline, in order. `auto` follows the ID-JAG draft (the AS
 * issuer) and falls back to AUTH.md Step 3's reading (the PRM resource) when they differ.
 */
export function audienceCandidates(mode: AudienceMode, issuer: string | undefined, resource: string | undefined): AudienceCandidate[] {
  if (mode === "issuer") return issuer ? [{ value: issuer, reading: "issuer" }] : [];
  if (mode === "resource") return resource ? [{ value: resource, reading: "resource" }] : [];
  if (mode !== "auto") return [{ value: mode, reading: "configured" }];
  const out: AudienceCandidate[] = [];
  if (issuer) out.push({ value: issuer, reading: "issuer" });
  if (resource && resource !== issuer) out.push({ value: resource, reading: "resource" });
  return out;
}

/** The documented reading the service does NOT follow, for IDJAG-AUD-03. */
export function otherReading(decided: AudienceCandidate, issuer: string | undefined, resource: string | undefined): AudienceCandidate | undefined {
  if (decided.value === issuer && resource && resource !== issuer) return { value: resource, reading: "resource" };
  if (decided.value === resource && issuer && issuer !== resource) return { value: issuer, reading: "issuer" };
  if (decided.reading === "configured") {
    if (issuer && issuer !== decided.value) return { value: issuer, reading: "issuer" };
    if (resource && resource !== decided.value) return { value: resource, reading: "resource" };
  }
  return undefined;
}

/** The part of an HTTP answer a verdict looks at. */
export interface Answer {
  status: number;
  json: unknown;
}

export type Verdict =
  | { kind: "pass"; code?: string; vocabulary?: Vocabulary; note?: string; codeUndocumented?: true }
  | { kind: "fail"; message: string; code?: string }
  | { kind: "not-testable"; message: string };

function errorMember(json: unknown): string | undefined {
  return typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string"
    ? (json as { error: string }).error
    : undefined;
}

/** The members a successful registration carries: v0.1's `credential`, v0.7's `identity_assertion`. */
const SUCCESS_MEMBERS = ["credential", "identity_assertion"] as const;

/** Whether a registration answer carries what a success does (a credential, or v0.7's identity_assertion). */
export function carriesCredential(json: unknown): boolean {
  if (typeof json !== "object" || json === null) return false;
  const body = json as Record<string, unknown>;
  return SUCCESS_MEMBERS.some((m) => body[m] != null);
}

/**
 * How a refusal's error code weighs in the verdict:
 * - "required": a code outside the documented aliases of `keys` fails (a MUST on the code);
 * - "reported": any 4xx refusal passes; an undocumented code only becomes a note (the code is
 *   judged at SHOULD elsewhere: IDJAG-CODE-01), because the sources fix no single code;
 * - "by-key" (default): "required" when every key is one the v0.1 sources name unanimously
 *   (UNANIMOUS_CODE_KEYS), else "reported".
 */
export type CodeRule = "required" | "reported" | "by-key";

/**
 * Error keys whose code the v0.1 sources agree on (AUTH.md's table and both guides' lists):
 * invalid_signature, replay_detected, invalid_client_id, missing_verified_email,
 * unsupported_credential_type. ISS, EXP and AUD are named differently by AUTH.md and the guides;
 * TYP and REQ (typ, missing claims, nbf) are named by none of them.
 */
export const UNANIMOUS_CODE_KEYS: ReadonlySet<ErrorKey> = new Set<ErrorKey>(["SIG", "RPL", "CID", "VER", "CRED"]);

export function codeIsRequired(keys: readonly ErrorKey[], rule: CodeRule = "by-key"): boolean {
  if (rule !== "by-key") return rule === "required";
  return keys.length > 0 && keys.every((k) => UNANIMOUS_CODE_KEYS.has(k));
}

/**
 * A rejection as the v0.1 docs describe it: a 4xx (the guides say 400), never a 5xx, never a
 * credential; with one of the documented codes for `keys` where the code is required (see
 * CodeRule; --strict-codes always requires its vocabulary). 429 is not a verdict.
 */
export function judgeRejection(answer: Answer, keys: readonly ErrorKey[], aliases: ErrorAliases, strict?: Vocabulary, rule: CodeRule = "by-key"): Verdict {
  const code = errorMember(answer.json);
  if (answer.status === 429) return { kind: "not-testable", message: "the target answered 429 (rate limited); raise its limits for the test tenant" };
  if (answer.status >= 200 && answer.status < 300) {
    return { kind: "fail", message: `accepted with ${answer.status}${carriesCredential(answer.json) ? " and issued a credential" : ""}; expected a 400 refusal` };
  }
  if (answer.status >= 500) return { kind: "fail", message: `answered ${answer.status} (a server error, not a refusal)`, ...(code ? { code } : {}) };
  if (answer.status < 400) return { kind: "fail", message: `answered ${answer.status}; expected a 400 refusal` };
  if (carriesCredential(answer.json)) return { kind: "fail", message: `answered ${answer.status} but still carries a credential` };
  const match = matchErrorCode(aliases, answer.json, keys, strict);
  const statusNote = answer.status === 400 ? undefined : `refused with ${answer.status}; the v0.1 guides use 400`;
  if (!match.ok) {
    const got = code === undefined ? "no error code" : `error "${code}"`;
    if (strict || codeIsRequired(keys, rule)) {
      return {
        kind: "fail",
        message: `refused with ${answer.status} but ${got}; expected one of ${match.accepted.join(", ")}${strict ? ` (strict vocabulary ${strict})` : ""}`,
        ...(code ? { code } : {}),
      };
    }
    // The refusal is what the rule requires; the code is not fixed by the sources (see CodeRule).
    const note = `refused with ${answer.status} and ${got}: the sources fix no single code here (codes the suite knows for it: ${match.accepted.join(", ") || "none"}), so only the refusal is judged`;
    return { kind: "pass", ...(code ? { code } : {}), codeUndocumented: true, note: statusNote ? `${note}; ${statusNote}` : note };
  }
  return { kind: "pass", ...(match.code ? { code: match.code } : {}), ...(match.vocabulary ? { vocabulary: match.vocabulary } : {}), ...(statusNote ? { note: statusNote } : {}) };
}

/** An acceptance: 200 (any 2xx) carrying a credential. */
export function judgeAcceptance(answer: Answer): Verdict {
  if (answer.status === 429) return { kind: "not-testable", message: "the target answered 429 (rate limited)" };
  if (answer.status >= 200 && answer.status < 300 && carriesCredential(answer.json)) return { kind: "pass" };
  const code = errorMember(answer.json);
  if (answer.status >= 200 && answer.status < 300) return { kind: "fail", message: `answered ${answer.status} without a credential` };
  return { kind: "fail", message: `refused with ${answer.status}${code ? ` (${code})` : ""}; expected 200 with a credential`, ...(code ? { code } : {}) };
}

/**
 * Which vocabularies every observed (key, code) pair fits. A target that speaks one vocabulary
 * leaves at least one; an empty result means it mixes them. Codes shared by several vocabularies
 * (invalid_signature, replay_detected, invalid_grant) narrow nothing.
 */
export function commonVocabularies(observed: ReadonlyArray<{ key: ErrorKey; code: string }>, aliases: ErrorAliases): Vocabulary[] {
  let common: Vocabulary[] | undefined;
  for (const { key, code } of observed) {
    const fits = (Object.entries(aliases[key]) as Array<[Vocabulary, readonly string[]]>).filter(([, codes]) => codes.includes(code)).map(([v]) => v);
    common = common === undefined ? fits : common.filter((v) => fits.includes(v));
  }
  return common ?? [];
}

export function scopesOutside(granted: unknown, supported: unknown): string[] | undefined {
  if (!Array.isArray(granted) || !granted.every((s) => typeof s === "string")) return undefined;
  const allowed = Array.isArray(supported) ? supported : [];
  return granted.filter((s) => !allowed.includes(s));
}

export function hasNoStore(cacheControl: string | undefined): boolean {
  return (cacheControl ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .includes("no-store");
}

/**
 * Poll `probe` until it reports done, at most `maxAttempts` times and within `maxTotalMs`
 * (bounded polling, not a sleep as synchronisation). Returns the last value and the elapsed time.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: { maxAttempts: number; maxTotalMs: number; intervalMs: number; now?: () => number; wait?: (ms: number) => Promise<void> },
): Promise<{ value: T; done: boolean; attempts: number; elapsedMs: number }> {
  const now = options.now ?? (() => performance.now());
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  let attempts = 0;
  for (;;) {
    const value = await probe();
    attempts += 1;
    const elapsedMs = Math.round(now() - started);
    if (done(value)) return { value, done: true, attempts, elapsedMs };
    if (attempts >= options.maxAttempts || elapsedMs + options.intervalMs > options.maxTotalMs) {
      return { value, done: false, attempts, elapsedMs };
    }
    await wait(options.intervalMs);
  }
}
