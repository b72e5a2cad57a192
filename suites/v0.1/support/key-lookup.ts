// A valid baseline ID-JAG refused for its key: the target has not (yet) fetched the provider's
// current JWKS, or does not trust the issuer at all. Said plainly, and worth one retry after a
// short wait, since a JWKS fetch may be in flight or a refetch cooldown about to end.
import { errorAliasesV01 } from "../../../src/profiles/v0_1/error-codes.ts";

const KEY_WORDS = /\b(kid|jwks?|jwk|signature|signing key|key)\b/i;

/** A 4xx refusal (not a rate limit) whose code or description is about the key or the signature. */
export function isKeyLookupRefusal(answer: { status: number; json?: unknown }): boolean {
  if (answer.status < 400 || answer.status >= 500 || answer.status === 429) return false;
  const body = answer.json !== null && typeof answer.json === "object" ? (answer.json as Record<string, unknown>) : {};
  const code = typeof body.error === "string" ? body.error : undefined;
  // invalid_grant is every refusal's spec-native code: only its description can tell.
  const signatureCodes = Object.values(errorAliasesV01.SIG).flat().filter((c) => c !== "invalid_grant");
  if (code !== undefined && signatureCodes.includes(code)) return true;
  const description = typeof body.error_description === "string" ? body.error_description : "";
  return KEY_WORDS.test(description);
}

export function keyLookupMessage(kid: string, issuer: string, jwksUri: string): string {
  return `the target refused a token signed with kid ${kid}: it has not fetched the current JWKS (${jwksUri}), or does not trust issuer ${issuer}`;
}
