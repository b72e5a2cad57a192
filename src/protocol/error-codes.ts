import type { ErrorAliases, ErrorKey, Vocabulary } from "../profiles/types.ts";

export interface ErrorMatch {
  ok: boolean;
  /** The `error` member the target sent (undefined when the body had none). */
  code: string | undefined;
  /** Which documented vocabulary the code belongs to, when it matched. */
  vocabulary?: Vocabulary;
  /** Every code that would have been accepted. */
  accepted: string[];
}

/**
 * Does an error body carry one of the codes documented for any of `keys`? The v0.1 sources name
 * the same failure differently; we accept every documented alias (or only `strict`'s) and say
 * which vocabulary matched, so the report can tell the user which one the target speaks.
 */
export function matchErrorCode(aliases: ErrorAliases, body: unknown, keys: readonly ErrorKey[], strict?: Vocabulary): ErrorMatch {
  const code = typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string"
    ? (body as { error: string }).error
    : undefined;
  const accepted: string[] = [];
  let vocabulary: Vocabulary | undefined;
  for (const key of keys) {
    for (const [vocab, codes] of Object.entries(aliases[key]) as Array<[Vocabulary, readonly string[]]>) {
      if (strict && vocab !== strict) continue;
      for (const c of codes) {
        if (!accepted.includes(c)) accepted.push(c);
        if (c === code && !vocabulary) vocabulary = vocab;
      }
    }
  }
  return { ok: vocabulary !== undefined, code, ...(vocabulary ? { vocabulary } : {}), accepted };
}
